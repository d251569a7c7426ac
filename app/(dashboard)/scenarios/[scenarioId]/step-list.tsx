"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext, useState } from "react";
import { cn } from "@/app/_components/ui/cn";
import { ChooseFields, ForEachFields, IfFields, LoopFields, NestedList } from "./block-fields";
import { Field, GroupIssues, ICONS, IconButton, IssuesContext, Select, TextInput } from "./editor-fields";
import { STEP_KINDS, type TEditorStep, type TPolicyKind, type TStepKind, type TStepPath, type TStepTree } from "./editor-state";
import { RequestDetails, RequestLine, requestSummary } from "./request-fields";
import { nestTarget, stepPathString } from "./step-tree";

/** What a step card may do to the tree; the editor owns the state (step-tree.ts does the work). */
export interface TStepOps {
  update: (path: TStepPath, fn: (step: TEditorStep) => TEditorStep) => void;
  remove: (path: TStepPath) => void;
  move: (path: TStepPath, direction: -1 | 1) => void;
  nest: (path: TStepPath) => void;
  unnest: (path: TStepPath, placement?: "auto" | "before") => void;
  duplicate: (path: TStepPath) => void;
  /** Add a blank step of a kind at the end of the list at `listPath`. */
  add: (listPath: TStepPath, kind: TStepKind) => void;
  /** The whole tree (to find nest targets). */
  tree: TStepTree;
  /** Dotted step path → rendezvous-in-transaction warning. */
  warnings: ReadonlySet<string>;
}

export const StepOpsContext = createContext<TStepOps | null>(null);

export function useOps(): TStepOps {
  const ops = useContext(StepOpsContext);
  if (!ops) throw new Error("StepList needs StepOpsContext");
  return ops;
}

/** Badge colours per kind; a container's nested list has the same hue on its left border. */
export const KIND_STYLE: Record<TEditorStep["kind"], string> = {
  request: "bg-sky-50 text-sky-800 ring-sky-200",
  think: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  transaction: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rendezvous: "bg-violet-50 text-violet-800 ring-violet-200",
  loop: "bg-amber-50 text-amber-800 ring-amber-200",
  forEach: "bg-teal-50 text-teal-800 ring-teal-200",
  if: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  choose: "bg-fuchsia-50 text-fuchsia-800 ring-fuchsia-200",
  raw: "bg-red-50 text-red-700 ring-red-200",
};

const CONTAINERS = new Set<TEditorStep["kind"]>(["transaction", "loop", "forEach", "if", "choose"]);

/**
 * An ordered list of steps (init, steps, end, or a container's list), with its "Add step" bar.
 * `listPath` is where the list sits (["steps"], ["steps", 2, "if.else"]).
 */
export function StepList({
  steps,
  listPath,
  parentName,
  empty,
}: {
  steps: TEditorStep[];
  listPath: TStepPath;
  parentName?: string;
  empty?: string;
}) {
  const t = useTranslations("scenarios.editor");
  return (
    <div className="grid gap-2">
      {steps.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-3 text-center text-xs text-zinc-500">
          {empty ??
            (listPath.length === 1 ? t("stepsEmpty") : listPath.at(-1) === "transaction.steps" ? t("transactionEmpty") : t("blockEmpty"))}
        </p>
      ) : (
        <ol className="grid gap-2">
          {steps.map((step, i) => (
            <StepCard key={step.id} step={step} path={[...listPath, i]} count={steps.length} parentName={parentName} />
          ))}
        </ol>
      )}
      <AddStepBar listPath={listPath} />
    </div>
  );
}

function AddStepBar({ listPath }: { listPath: TStepPath }) {
  const t = useTranslations("scenarios.editor");
  const ops = useOps();
  // The main list's buttons are "Add Request"; every other list names itself ("Add Request (init)").
  const where = listPath.length === 1 && listPath[0] === "steps" ? "" : ` (${stepPathString(listPath)})`;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-xs text-zinc-500">{t("addStep")}</span>
      {STEP_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          onClick={() => ops.add(listPath, kind)}
          aria-label={`${t("addKind", { kind: t(`kind.${kind}`) })}${where}`}
          className={cn(
            "inline-flex h-7 items-center gap-1 rounded-md border border-zinc-200 bg-white px-2 text-xs font-medium text-zinc-700 shadow-xs hover:border-zinc-300 hover:bg-zinc-50",
            CONTAINERS.has(kind) && kind !== "transaction" && "border-dashed",
          )}
        >
          <svg viewBox="0 0 16 16" className="size-3 text-zinc-400" aria-hidden>
            <path d={ICONS.plus} stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          {t(`kind.${kind}`)}
        </button>
      ))}
    </div>
  );
}

/** The short name of a step in its card's title and in "Move into “…”". */
export function stepLabel(step: TEditorStep, unnamed: string): string {
  switch (step.kind) {
    case "request":
      return step.request.name || `${(step.request.method || "GET").toUpperCase()} ${step.request.path}`;
    case "rendezvous":
      return step.rendezvous.name || unnamed;
    case "transaction":
      return step.transaction.name || unnamed;
    case "think":
      return step.think.mode === "fixed" ? `${step.think.seconds} s` : `${step.think.min}–${step.think.max} s`;
    case "loop":
      return step.loop.mode === "count" ? `× ${step.loop.count || "?"}` : `while ${step.loop.while || "?"}`;
    case "forEach":
      return `${step.forEach.as || "?"} in ${step.forEach.list || "?"}`;
    case "if":
      return step.if.condition || unnamed;
    case "choose":
      return step.choose.map((b) => b.weight || "?").join(" / ");
    case "raw":
      return unnamed;
  }
}

/**
 * The outline number of a step: 3.2 is the second step inside step 3; a container with several
 * lists names the list (3.else.1, 4.b2.1: branch 2 of a choose) so two lists never share numbers.
 */
export function stepNumber(path: TStepPath): string {
  return path
    .slice(1)
    .map((x) =>
      typeof x === "number" ? String(x + 1) : x === "if.else" ? "else" : x.startsWith("choose.") ? `b${Number(x.split(".")[1]) + 1}` : null,
    )
    .filter((x) => x !== null)
    .join(".");
}

function StepCard({ step, path, count, parentName }: { step: TEditorStep; path: (string | number)[]; count: number; parentName?: string }) {
  const t = useTranslations("scenarios.editor");
  const ops = useOps();
  const dotted = stepPathString(path);
  const index = (path.at(-1) as number) ?? 0;
  const label = stepLabel(step, t("unnamed"));
  const target = nestTarget(ops.tree, path);
  const isWarned = ops.warnings.has(dotted);
  const kindLabel = t(`kind.${step.kind}`);
  const named = `${kindLabel} “${label}”`;

  return (
    <li
      data-testid="step"
      data-step-kind={step.kind}
      data-step-path={dotted}
      aria-label={named}
      className={cn(
        "scroll-mt-24 rounded-lg border bg-white shadow-xs",
        isWarned ? "border-amber-300 ring-1 ring-amber-200" : "border-zinc-200",
        CONTAINERS.has(step.kind) && "bg-zinc-50/60",
      )}
    >
      <div className="flex items-center gap-2 px-3 pt-2">
        <span className="min-w-5 text-right font-mono text-[11px] text-zinc-400 tabular-nums">{stepNumber(path)}</span>
        <span className={cn("rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset", KIND_STYLE[step.kind])}>{kindLabel}</span>
        {CONTAINERS.has(step.kind) && step.kind !== "transaction" ? (
          <span className="truncate font-mono text-xs text-zinc-600">{label}</span>
        ) : null}
        {isWarned ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900" data-testid="step-warning">
            ⚠ {t("warningTitle")}
          </span>
        ) : null}
        <div className="ml-auto flex items-center" role="group" aria-label={t("stepActions", { label: named })}>
          <IconButton label={`${t("moveUp")}: ${named}`} icon={ICONS.up} disabled={index === 0} onClick={() => ops.move(path, -1)} />
          <IconButton
            label={`${t("moveDown")}: ${named}`}
            icon={ICONS.down}
            disabled={index === count - 1}
            onClick={() => ops.move(path, 1)}
          />
          {target ? (
            <IconButton
              label={`${t("moveInto", { name: stepLabel(target.container, t("unnamed")) })}: ${named}`}
              icon={ICONS.into}
              onClick={() => ops.nest(path)}
            />
          ) : null}
          {path.length > 2 ? (
            <IconButton
              label={`${t("moveOut", { name: parentName || t("unnamed") })}: ${named}`}
              icon={ICONS.out}
              onClick={() => ops.unnest(path)}
            />
          ) : null}
          <IconButton label={`${t("duplicateStep")}: ${named}`} icon={ICONS.copy} onClick={() => ops.duplicate(path)} />
          <IconButton label={`${t("removeStep")}: ${named}`} icon={ICONS.remove} tone="danger" onClick={() => ops.remove(path)} />
        </div>
      </div>
      <div className="grid gap-2 px-3 pt-1.5 pb-3 pl-10">
        <StepBody step={step} path={path} dotted={dotted} label={label} />
        {isWarned ? (
          <div className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900">
            <span>{t("warningStep", { name: label, transaction: parentName || t("unnamed") })}</span>
            <button
              type="button"
              onClick={() => ops.unnest(path, "before")}
              className="rounded px-1.5 py-0.5 font-medium underline underline-offset-2 hover:bg-amber-100"
            >
              {t("moveOutFix")}
            </button>
          </div>
        ) : null}
        <GroupIssues paths={[dotted, `${dotted}.${step.kind}`]} />
      </div>
    </li>
  );
}

function StepBody({ step, path, dotted, label }: { step: TEditorStep; path: (string | number)[]; dotted: string; label: string }) {
  const t = useTranslations("scenarios.editor");
  const ops = useOps();
  const [open, setOpen] = useState(false);
  switch (step.kind) {
    case "request": {
      const base = `${dotted}.request`;
      const onChange = (request: typeof step.request) => ops.update(path, (s) => (s.kind === "request" ? { ...s, request } : s));
      const summary = requestSummary(step.request, t);
      return (
        <>
          <RequestLine request={step.request} path={base} onChange={onChange} />
          <div className="flex flex-wrap items-center gap-1.5">
            <button
              type="button"
              aria-expanded={open}
              onClick={() => setOpen((o) => !o)}
              className="inline-flex items-center gap-1 rounded px-1 py-0.5 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
            >
              <svg
                viewBox="0 0 16 16"
                className={cn("size-3 transition-transform", open && "rotate-90")}
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
                aria-hidden
              >
                <path d={ICONS.chevron} />
              </svg>
              {open ? t("hideDetails") : t("showDetails")}
            </button>
            {!open
              ? summary.map((s) => (
                  <span key={s} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-600">
                    {s}
                  </span>
                ))
              : null}
          </div>
          {open ? (
            <RequestDetails request={step.request} path={base} onChange={onChange} />
          ) : (
            <HiddenIssues base={base} onShow={() => setOpen(true)} />
          )}
        </>
      );
    }
    case "think": {
      const base = `${dotted}.think`;
      const th = step.think;
      const set = (patch: Partial<typeof th>) =>
        ops.update(path, (s) => (s.kind === "think" ? { ...s, think: { ...s.think, ...patch } } : s));
      return (
        <div className="grid grid-cols-[10rem_7rem_7rem] gap-2">
          <Field label={t("thinkMode")} path={base}>
            {(p) => (
              <Select
                {...p}
                value={th.mode}
                onValueChange={(mode) =>
                  set(
                    mode === "range"
                      ? { mode, min: th.min || th.seconds || "0", max: th.max || th.seconds || "1" }
                      : { mode: "fixed", seconds: th.seconds || th.min || "1" },
                  )
                }
              >
                <option value="fixed">{t("thinkFixed")}</option>
                <option value="range">{t("thinkRange")}</option>
              </Select>
            )}
          </Field>
          {th.mode === "fixed" ? (
            <Field label={t("seconds")} path={`${base}.seconds`}>
              {(p) => <TextInput {...p} numeric value={th.seconds} onValueChange={(seconds) => set({ seconds })} />}
            </Field>
          ) : (
            <>
              <Field label={t("min")} path={`${base}.min`}>
                {(p) => <TextInput {...p} numeric value={th.min} onValueChange={(min) => set({ min })} />}
              </Field>
              <Field label={t("max")} path={`${base}.max`}>
                {(p) => <TextInput {...p} numeric value={th.max} onValueChange={(max) => set({ max })} />}
              </Field>
            </>
          )}
        </div>
      );
    }
    case "rendezvous": {
      const base = `${dotted}.rendezvous`;
      const rv = step.rendezvous;
      const set = (patch: Partial<typeof rv>) =>
        ops.update(path, (s) => (s.kind === "rendezvous" ? { ...s, rendezvous: { ...s.rendezvous, ...patch } } : s));
      const policyPath = `${base}.policy`;
      return (
        <div className="grid grid-cols-[minmax(0,1.2fr)_minmax(0,1.2fr)_6rem_10rem] gap-2">
          <Field label={t("rendezvousName")} path={`${base}.name`} hint={t("rendezvousNameHint")}>
            {(p) => (
              <TextInput
                {...p}
                value={rv.name}
                onValueChange={(name) => set({ name })}
                placeholder="submit_rv"
                className="font-mono text-[13px]"
              />
            )}
          </Field>
          <Field label={t("policy")} path={policyPath}>
            {(p) => (
              <Select
                {...p}
                value={rv.policyKind}
                onValueChange={(k) => set({ policyKind: k as TPolicyKind, policyValue: rv.policyValue || (k === "count" ? "10" : "100") })}
              >
                <option value="default">{t("policyDefault")}</option>
                <option value="allVusersPercent">{t("policyAll")}</option>
                <option value="runningVusersPercent">{t("policyRunning")}</option>
                <option value="count">{t("policyCount")}</option>
              </Select>
            )}
          </Field>
          {rv.policyKind !== "default" ? (
            <Field label={`${t("policyValue")}${rv.policyKind === "count" ? "" : " (%)"}`} path={`${policyPath}.${rv.policyKind}`}>
              {(p) => <TextInput {...p} numeric value={rv.policyValue} onValueChange={(policyValue) => set({ policyValue })} />}
            </Field>
          ) : (
            <span />
          )}
          <Field label={t("rendezvousTimeout")} path={`${base}.timeoutSeconds`} hint={t("rendezvousTimeoutHint")}>
            {(p) => <TextInput {...p} numeric value={rv.timeout} onValueChange={(timeout) => set({ timeout })} placeholder="30" />}
          </Field>
        </div>
      );
    }
    case "transaction": {
      const base = `${dotted}.transaction`;
      const tx = step.transaction;
      return (
        <div className="grid gap-3">
          <Field label={t("transactionName")} path={`${base}.name`} className="max-w-sm">
            {(p) => (
              <TextInput
                {...p}
                value={tx.name}
                onValueChange={(name) =>
                  ops.update(path, (s) => (s.kind === "transaction" ? { ...s, transaction: { ...s.transaction, name } } : s))
                }
                placeholder="submit_txn"
                className="font-mono text-[13px]"
              />
            )}
          </Field>
          <NestedList
            kind="transaction"
            steps={tx.steps}
            listPath={[...path, "transaction.steps"]}
            parentName={label}
            issuePaths={[`${base}.steps`]}
          />
        </div>
      );
    }
    case "loop":
      return <LoopFields step={step} path={path} dotted={dotted} label={label} />;
    case "forEach":
      return <ForEachFields step={step} path={path} dotted={dotted} label={label} />;
    case "if":
      return <IfFields step={step} path={path} dotted={dotted} label={label} />;
    case "choose":
      return <ChooseFields step={step} path={path} dotted={dotted} label={label} />;
    case "raw":
      return (
        <div className="grid gap-1.5">
          <p className="text-xs text-zinc-600">{t("rawHint")}</p>
          <pre className="max-h-40 overflow-auto rounded bg-zinc-50 p-2 font-mono text-[12px] text-zinc-700">
            {JSON.stringify(step.raw, null, 2)}
          </pre>
        </div>
      );
  }
}

/** While a request's details are folded, its errors inside them still show (with a way in). */
function HiddenIssues({ base, onShow }: { base: string; onShow: () => void }) {
  const t = useTranslations("scenarios.editor");
  const ctx = useHiddenIssueCount(base);
  if (ctx === 0) return null;
  return (
    <button type="button" onClick={onShow} className="justify-self-start text-xs text-red-600 underline underline-offset-2">
      {t("hiddenProblems", { count: ctx })}
    </button>
  );
}

const LINE_FIELDS = new Set(["method", "path", "name"]);
function useHiddenIssueCount(base: string): number {
  const ctx = useContext(IssuesContext);
  if (!ctx.show) return 0;
  return ctx.paths().filter((p) => p.startsWith(`${base}.`) && !LINE_FIELDS.has(p.slice(base.length + 1))).length;
}
