"use client";

// Scenario-level settings of the editor: pacing and cookies (how iterations run), variables,
// headers sent with every request, and the CSV data sets.
import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { Field, GroupIssues, ICONS, IconButton, Prefixed, Select, TextInput } from "./editor-fields";
import { newDataSet, type TCookiesDraft, type TCookiesMode, type TDataDraft, type TEditorState, type TPacingDraft } from "./editor-state";
import { PairsEditor } from "./request-fields";

export function IterationFields({
  pacing,
  cookies,
  onPacing,
  onCookies,
}: {
  pacing: TPacingDraft;
  cookies: TCookiesDraft;
  onPacing: (p: TPacingDraft) => void;
  onCookies: (c: TCookiesDraft) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const set = (patch: Partial<TPacingDraft>) => onPacing({ ...pacing, ...patch });
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]">
      <div className="grid content-start gap-2">
        <div className="grid grid-cols-[minmax(0,16rem)_7rem_7rem] items-start gap-2">
          <Field label={t("pacing")} path="pacing">
            {(p) => (
              <Select
                {...p}
                value={pacing.mode}
                onValueChange={(mode) =>
                  set({
                    mode: mode as TPacingDraft["mode"],
                    ...(mode === "every" && pacing.every === "" ? { every: "2" } : {}),
                    ...(mode === "random" && pacing.min === "" && pacing.max === "" ? { min: "1", max: "3" } : {}),
                    ...(mode === "after" && pacing.after === "" ? { after: "1" } : {}),
                  })
                }
              >
                <option value="none">{t("pacingNone")}</option>
                <option value="every">{t("pacingEvery")}</option>
                <option value="random">{t("pacingRandom")}</option>
                <option value="after">{t("pacingAfter")}</option>
              </Select>
            )}
          </Field>
          {pacing.mode === "every" ? (
            <Field label={t("pacingEverySeconds")} path="pacing.everySeconds">
              {(p) => <TextInput {...p} numeric value={pacing.every} onValueChange={(every) => set({ every })} />}
            </Field>
          ) : null}
          {pacing.mode === "after" ? (
            <Field label={t("pacingAfterSeconds")} path="pacing.afterSeconds">
              {(p) => <TextInput {...p} numeric value={pacing.after} onValueChange={(after) => set({ after })} />}
            </Field>
          ) : null}
          {pacing.mode === "random" ? (
            <>
              <Field label={t("pacingMin")} path="pacing.min">
                {(p) => <TextInput {...p} numeric value={pacing.min} onValueChange={(min) => set({ min })} />}
              </Field>
              <Field label={t("pacingMax")} path="pacing.max">
                {(p) => <TextInput {...p} numeric value={pacing.max} onValueChange={(max) => set({ max })} />}
              </Field>
            </>
          ) : null}
        </div>
        <p className="text-xs text-zinc-500">{t("pacingHint")}</p>
      </div>
      <div className="grid content-start gap-2">
        <Field label={t("cookies")} path="cookies" hint={t("cookiesHint")}>
          {(p) => (
            <Select {...p} value={cookies.mode} onValueChange={(mode) => onCookies({ ...cookies, mode: mode as TCookiesMode })}>
              <option value="on">{t("cookiesOn")}</option>
              <option value="off">{t("cookiesOff")}</option>
              <option value="clear">{t("cookiesClear")}</option>
            </Select>
          )}
        </Field>
        <GroupIssues paths={["cookies.clearEachIteration"]} />
      </div>
    </div>
  );
}

export function VariablesFields({ state, onChange }: { state: TEditorState; onChange: (patch: Partial<TEditorState>) => void }) {
  const t = useTranslations("scenarios.editor");
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div className="grid content-start gap-1">
        <PairsEditor title={t("variables")} path="variables" pairs={state.variables} onChange={(variables) => onChange({ variables })} />
        <p className="text-xs text-zinc-500">{t("variablesHint")}</p>
      </div>
      <PairsEditor title={t("scenarioHeaders")} path="headers" pairs={state.headers} onChange={(headers) => onChange({ headers })} />
    </div>
  );
}

const DATA_MODES = ["sequential", "random", "unique"] as const;

/** Several CSV data sets: inline CSV (the dashboard) or a file path (the CLI reads it). */
export function DataSetsFields({
  data,
  isList,
  onChange,
}: {
  data: TDataDraft[] | null;
  isList: boolean;
  onChange: (data: TDataDraft[] | null) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const sets = data ?? [];
  // One set is written as `data: {…}`, several as a list: paths differ ("data.csv" / "data.1.csv").
  const pathOf = (i: number) => (sets.length === 1 && !isList ? "data" : `data.${i}`);
  const setOne = (i: number, patch: Partial<TDataDraft>) => onChange(sets.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <div className="grid gap-3">
      {sets.length === 0 ? <p className="text-xs text-zinc-500">{t("dataEmpty")}</p> : null}
      {sets.map((d, i) => {
        const base = pathOf(i);
        const n = i + 1;
        return (
          <div key={d.id} className="grid gap-2 border-l-2 border-zinc-200 pl-3" data-testid="data-set">
            <div className="flex items-center gap-2">
              <span className="text-xs font-semibold text-zinc-700">{t("dataSet", { n })}</span>
              <span className="ml-auto">
                <IconButton
                  label={t("removeDataSet", { n })}
                  icon={ICONS.remove}
                  tone="danger"
                  onClick={() => onChange(sets.length === 1 ? null : sets.filter((_, j) => j !== i))}
                />
              </span>
            </div>
            <div className="grid grid-cols-[10rem_14rem_6rem_minmax(0,1fr)] items-start gap-2">
              <Field label={<Prefixed prefix={`${t("dataSet", { n })}: `}>{t("dataSource")}</Prefixed>} path={`${base}.source`}>
                {(p) => (
                  <Select {...p} value={d.source} onValueChange={(source) => setOne(i, { source: source as TDataDraft["source"] })}>
                    <option value="csv">{t("dataInline")}</option>
                    <option value="file">{t("dataFile")}</option>
                  </Select>
                )}
              </Field>
              <Field label={<Prefixed prefix={`${t("dataSet", { n })}: `}>{t("dataMode")}</Prefixed>} path={`${base}.mode`}>
                {(p) => (
                  <Select {...p} value={d.mode || "sequential"} onValueChange={(mode) => setOne(i, { mode })}>
                    {DATA_MODES.map((m) => (
                      <option key={m} value={m}>
                        {t(`dataMode_${m}`)}
                      </option>
                    ))}
                    {d.mode !== "" && !(DATA_MODES as readonly string[]).includes(d.mode) ? <option value={d.mode}>{d.mode}</option> : null}
                  </Select>
                )}
              </Field>
              <Field label={<Prefixed prefix={`${t("dataSet", { n })}: `}>{t("dataDelimiter")}</Prefixed>} path={`${base}.delimiter`}>
                {(p) => (
                  <TextInput
                    {...p}
                    value={d.delimiter}
                    onValueChange={(delimiter) => setOne(i, { delimiter })}
                    placeholder=","
                    className="font-mono text-[13px]"
                  />
                )}
              </Field>
              <Field
                label={<Prefixed prefix={`${t("dataSet", { n })}: `}>{t("dataColumns")}</Prefixed>}
                path={`${base}.columns`}
                hint={t("dataColumnsHint")}
              >
                {(p) => (
                  <TextInput
                    {...p}
                    value={d.columns}
                    onValueChange={(columns) => setOne(i, { columns })}
                    placeholder="user, password"
                    className="font-mono text-[13px]"
                  />
                )}
              </Field>
            </div>
            {d.source === "csv" ? (
              <Field label={<Prefixed prefix={`${t("dataSet", { n })}: `}>{t("dataCsv")}</Prefixed>} path={`${base}.csv`}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={Math.min(8, Math.max(3, d.csv.split("\n").length))}
                    spellCheck={false}
                    value={d.csv}
                    onChange={(e) => setOne(i, { csv: e.target.value })}
                    className={cn(FIELD_CLASS, "py-1.5 font-mono text-[13px] leading-snug")}
                  />
                )}
              </Field>
            ) : (
              <Field
                label={<Prefixed prefix={`${t("dataSet", { n })}: `}>{t("dataFilePath")}</Prefixed>}
                path={`${base}.file`}
                hint={t("filePathHint")}
              >
                {(p) => (
                  <TextInput
                    {...p}
                    value={d.file}
                    onValueChange={(file) => setOne(i, { file })}
                    placeholder="users.csv"
                    className="font-mono text-[13px]"
                  />
                )}
              </Field>
            )}
            <GroupIssues paths={[base]} />
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...sets, newDataSet()])}
        className="justify-self-start rounded px-1.5 py-0.5 text-xs font-medium text-accent hover:bg-accent/10"
      >
        + {t("addDataSet")}
      </button>
      {sets.length === 1 && !isList ? null : <GroupIssues paths={["data"]} />}
    </div>
  );
}
