"use client";

// The container blocks (loop, forEach, if/else, choose) and the nested list every container shows.
// step-list.tsx renders these and they render StepList again: the recursion of the step tree, so
// the two modules import each other (only inside render functions, never at module load).
import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";
import { Field, GroupIssues, ICONS, IconButton, Prefixed, Select, TextInput } from "./editor-fields";
import { newBranch, numberFromText, type TChooseBranchDraft, type TEditorStep, type TStepPath } from "./editor-state";
import { StepList, useOps } from "./step-list";

type TStepOf<K extends TEditorStep["kind"]> = Extract<TEditorStep, { kind: K }>;

interface TBlockProps<K extends TEditorStep["kind"]> {
  step: TStepOf<K>;
  path: (string | number)[];
  dotted: string;
  label: string;
}

const BORDER: Record<"transaction" | "loop" | "forEach" | "if" | "choose", string> = {
  transaction: "border-emerald-200",
  loop: "border-amber-200",
  forEach: "border-teal-200",
  if: "border-indigo-200",
  choose: "border-fuchsia-200",
};

/** A container's child list: indented with a left border in the block's colour, an optional caption. */
export function NestedList({
  kind,
  steps,
  listPath,
  parentName,
  caption,
  empty,
  issuePaths,
}: {
  kind: keyof typeof BORDER;
  steps: TEditorStep[];
  listPath: TStepPath;
  parentName: string;
  caption?: React.ReactNode;
  empty?: string;
  issuePaths?: string[];
}) {
  return (
    <div className={cn("grid gap-1.5 border-l-2 pl-3", BORDER[kind])} data-list-path={listPath.join(".")}>
      {typeof caption === "string" ? (
        <div className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{caption}</div>
      ) : (
        caption
      )}
      <StepList steps={steps} listPath={listPath} parentName={parentName} empty={empty} />
      <GroupIssues paths={issuePaths ?? [listPath.join(".")]} />
    </div>
  );
}

function useUpdate<K extends TEditorStep["kind"]>(path: (string | number)[], kind: K) {
  const ops = useOps();
  return (fn: (s: TStepOf<K>) => TStepOf<K>) => ops.update(path, (s) => (s.kind === kind ? fn(s as TStepOf<K>) : s));
}

export function LoopFields({ step, path, dotted, label }: TBlockProps<"loop">) {
  const t = useTranslations("scenarios.editor");
  const update = useUpdate(path, "loop");
  const loop = step.loop;
  const base = `${dotted}.loop`;
  const set = (patch: Partial<typeof loop>) => update((s) => ({ ...s, loop: { ...s.loop, ...patch } }));
  return (
    <div className="grid gap-3">
      <div className="grid grid-cols-[15rem_minmax(0,1fr)_9rem] items-start gap-2">
        <Field label={t("loopMode")} path={`${base}.mode`}>
          {(p) => (
            <Select
              {...p}
              value={loop.mode}
              onValueChange={(mode) =>
                set(
                  mode === "while"
                    ? { mode, maxIterations: loop.maxIterations || "100" }
                    : { mode: "count", count: loop.count || "1", maxIterations: "" },
                )
              }
            >
              <option value="count">{t("loopModeCount")}</option>
              <option value="while">{t("loopModeWhile")}</option>
            </Select>
          )}
        </Field>
        {loop.mode === "count" ? (
          <Field label={t("loopCount")} path={`${base}.count`} hint={t("loopCountHint")}>
            {(p) => (
              <TextInput
                {...p}
                value={loop.count}
                onValueChange={(count) => set({ count })}
                placeholder="3"
                className="max-w-48 font-mono text-[13px]"
              />
            )}
          </Field>
        ) : (
          <Field label={t("loopWhile")} path={`${base}.while`} hint={t("conditionHint")}>
            {(p) => (
              <TextInput
                {...p}
                value={loop.while}
                onValueChange={(v) => set({ while: v })}
                placeholder="${__status} != 200"
                className="font-mono text-[13px]"
              />
            )}
          </Field>
        )}
        {loop.mode === "while" || loop.maxIterations !== "" ? (
          <Field label={t("maxIterations")} path={`${base}.maxIterations`} hint={t("maxIterationsHint")}>
            {(p) => <TextInput {...p} numeric value={loop.maxIterations} onValueChange={(maxIterations) => set({ maxIterations })} />}
          </Field>
        ) : (
          <span />
        )}
      </div>
      <NestedList kind="loop" steps={loop.steps} listPath={[...path, "loop.steps"]} parentName={label} issuePaths={[`${base}.steps`]} />
    </div>
  );
}

export function ForEachFields({ step, path, dotted, label }: TBlockProps<"forEach">) {
  const t = useTranslations("scenarios.editor");
  const update = useUpdate(path, "forEach");
  const f = step.forEach;
  const base = `${dotted}.forEach`;
  const set = (patch: Partial<typeof f>) => update((s) => ({ ...s, forEach: { ...s.forEach, ...patch } }));
  return (
    <div className="grid gap-3">
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-2 md:max-w-2xl">
        <Field label={t("forEachList")} path={`${base}.list`} hint={t("forEachListHint")}>
          {(p) => (
            <TextInput {...p} value={f.list} onValueChange={(list) => set({ list })} placeholder="ids" className="font-mono text-[13px]" />
          )}
        </Field>
        <Field label={t("forEachAs")} path={`${base}.as`} hint={t("forEachAsHint")}>
          {(p) => <TextInput {...p} value={f.as} onValueChange={(as) => set({ as })} placeholder="id" className="font-mono text-[13px]" />}
        </Field>
      </div>
      <NestedList kind="forEach" steps={f.steps} listPath={[...path, "forEach.steps"]} parentName={label} issuePaths={[`${base}.steps`]} />
    </div>
  );
}

export function IfFields({ step, path, dotted, label }: TBlockProps<"if">) {
  const t = useTranslations("scenarios.editor");
  const update = useUpdate(path, "if");
  const c = step.if;
  const base = `${dotted}.if`;
  return (
    <div className="grid gap-3">
      <Field label={t("condition")} path={`${base}.condition`} hint={t("conditionHint")}>
        {(p) => (
          <TextInput
            {...p}
            value={c.condition}
            onValueChange={(condition) => update((s) => ({ ...s, if: { ...s.if, condition } }))}
            placeholder="${__status} == 200"
            className="font-mono text-[13px]"
          />
        )}
      </Field>
      <NestedList
        kind="if"
        caption={t("then")}
        steps={c.then}
        listPath={[...path, "if.then"]}
        parentName={label}
        issuePaths={[`${base}.then`]}
      />
      <NestedList
        kind="if"
        caption={t("else")}
        steps={c.else ?? []}
        listPath={[...path, "if.else"]}
        parentName={label}
        empty={t("elseEmpty")}
        issuePaths={[`${base}.else`]}
      />
    </div>
  );
}

/** Each branch's share of passes in %, or null while a weight is not a positive number. */
export function branchShares(branches: readonly Pick<TChooseBranchDraft, "weight">[]): number[] | null {
  const weights = branches.map((b) => numberFromText(b.weight));
  if (!weights.every((w): w is number => typeof w === "number" && Number.isFinite(w) && w > 0)) return null;
  const total = weights.reduce((a, w) => a + w, 0);
  return weights.map((w) => (w / total) * 100);
}

function formatShare(share: number): string {
  return Number.isInteger(Math.round(share * 10) / 10) ? String(Math.round(share)) : share.toFixed(1);
}

export function ChooseFields({ step, path, dotted, label }: TBlockProps<"choose">) {
  const t = useTranslations("scenarios.editor");
  const update = useUpdate(path, "choose");
  const branches = step.choose;
  const shares = branchShares(branches);
  const setBranches = (fn: (b: TChooseBranchDraft[]) => TChooseBranchDraft[]) => update((s) => ({ ...s, choose: fn(s.choose) }));
  return (
    <div className="grid gap-3">
      <p className="text-xs text-zinc-500">{t("chooseHint")}</p>
      {branches.map((branch, i) => {
        const n = i + 1;
        const share = shares?.[i];
        const header = (
          <div className="flex items-end gap-2">
            <span className="mb-2 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{t("branch", { n })}</span>
            <Field
              label={<Prefixed prefix={`${t("branch", { n })}: `}>{t("weight")}</Prefixed>}
              path={`${dotted}.choose.${i}.weight`}
              className="w-28"
            >
              {(p) => (
                <TextInput
                  {...p}
                  numeric
                  value={branch.weight}
                  onValueChange={(weight) => setBranches((bs) => bs.map((b, j) => (j === i ? { ...b, weight } : b)))}
                />
              )}
            </Field>
            <span
              className="mb-1.5 rounded bg-fuchsia-50 px-1.5 py-0.5 font-mono text-[11px] text-fuchsia-800 tabular-nums"
              data-testid="branch-share"
            >
              {share === undefined ? t("shareUnknown") : t("share", { share: formatShare(share) })}
            </span>
            <span className="mb-0.5 ml-auto flex items-center">
              <IconButton
                label={`${t("moveUp")}: ${t("branch", { n })}`}
                icon={ICONS.up}
                disabled={i === 0}
                onClick={() => setBranches((bs) => swap(bs, i, i - 1))}
              />
              <IconButton
                label={`${t("moveDown")}: ${t("branch", { n })}`}
                icon={ICONS.down}
                disabled={i === branches.length - 1}
                onClick={() => setBranches((bs) => swap(bs, i, i + 1))}
              />
              <IconButton
                label={t("removeBranch", { n })}
                icon={ICONS.remove}
                tone="danger"
                onClick={() => setBranches((bs) => bs.filter((_, j) => j !== i))}
              />
            </span>
          </div>
        );
        return (
          <div key={branch.id} data-testid="choose-branch">
            <NestedList
              kind="choose"
              caption={header}
              steps={branch.steps}
              listPath={[...path, `choose.${i}.steps`]}
              parentName={label}
              empty={t("branchEmpty")}
              issuePaths={[`${dotted}.choose.${i}`, `${dotted}.choose.${i}.steps`]}
            />
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => setBranches((bs) => [...bs, newBranch(bs.at(-1)?.weight || "50")])}
        className="justify-self-start rounded px-1.5 py-0.5 text-xs font-medium text-accent hover:bg-accent/10"
      >
        + {t("addBranch")}
      </button>
    </div>
  );
}

function swap<T>(list: T[], i: number, j: number): T[] {
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j] as T, next[i] as T];
  return next;
}
