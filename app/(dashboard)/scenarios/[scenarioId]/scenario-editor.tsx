"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState, useTransition } from "react";
import { PageHeader } from "@/app/_components/page-header";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { Tabs } from "@/app/_components/ui/tabs";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import type { TScenarioIssue } from "@/lib/engine/scenario";
import { localizeIssue } from "@/lib/i18n/issue-messages";
import { createScenarioAction, updateScenarioAction } from "@/app/(dashboard)/scenarios/actions";
import { LaunchDialog } from "@/app/(dashboard)/scenarios/launch-dialog";
import { LoadProfileChart } from "@/app/(dashboard)/scenarios/load-profile-chart";
import { Field, GroupIssues, IssuesContext, Select, TextInput } from "./editor-fields";
import {
  issuesByPath,
  newEditorState,
  newStep,
  setLoadModel,
  toEditorState,
  validateEditorState,
  validLoad,
  type TEditorState,
  type TLoadDraft,
  type TStepPath,
} from "./editor-state";
import { FilePanel } from "./file-panel";
import { DataSetsFields, IterationFields, VariablesFields } from "./scenario-settings";
import { StepList, StepOpsContext, type TStepOps } from "./step-list";
import {
  duplicateStep,
  insertStep,
  moveStep,
  nestStep,
  removeStep,
  stepPathOfIssue,
  stepPathString,
  unnestStep,
  updateStep,
} from "./step-tree";

export interface TModuleOption {
  id: string;
  name: string;
}

export interface TScenarioEditorProps {
  /** null: a new scenario. */
  scenarioId: string | null;
  version: number | null;
  /** The stored document (or null for a new scenario). */
  definition: unknown;
  modules: TModuleOption[];
  /** Preselected module for a new scenario. */
  moduleName?: string;
}

/**
 * The scenario editor: a form over the engine's scenario document. Every change re-validates the
 * whole document with the engine's schema (validateScenario) and shows each message next to the
 * field at its path; the rendezvous-inside-transaction warning is shown on the step and on top.
 */
export function ScenarioEditor({ scenarioId, version: initialVersion, definition, modules, moduleName }: TScenarioEditorProps) {
  const t = useTranslations("scenarios.editor");
  const ts = useTranslations("scenarios");
  const tIssues = useTranslations("issues");
  const ti = useTranslations("imports");
  const router = useRouter();
  const { toast } = useToast();
  const [state, setState] = useState<TEditorState>(() =>
    definition ? toEditorState(definition) : newEditorState(moduleName ?? modules[0]?.name ?? ""),
  );
  const [version, setVersion] = useState(initialVersion);
  const [isDirty, setIsDirty] = useState(false);
  const [attempted, setAttempted] = useState(scenarioId !== null);
  const [serverIssues, setServerIssues] = useState<TScenarioIssue[]>([]);
  const [launchOpen, setLaunchOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  const change = useCallback((fn: (s: TEditorState) => TEditorState) => {
    setState(fn);
    setIsDirty(true);
    setServerIssues([]);
  }, []);

  const validation = useMemo(() => validateEditorState(state), [state]);
  const moduleIssue = useMemo<TScenarioIssue | null>(() => {
    if (state.module === "") return { path: "module", message: ts("errors.moduleRequired") };
    if (!modules.some((m) => m.name === state.module))
      return { path: "module", message: ts("errors.unknownModule", { name: state.module }) };
    return null;
  }, [state.module, modules, ts]);
  // The format's messages are English (engine, API); shown in the reader's language.
  const errors = useMemo(
    () => [
      ...(moduleIssue ? [moduleIssue] : []),
      ...[...validation.errors, ...serverIssues].map((e) => ({ ...e, message: localizeIssue(e.message, tIssues) })),
    ],
    [moduleIssue, validation.errors, serverIssues, tIssues],
  );
  const byPath = useMemo(() => issuesByPath(errors), [errors]);
  const showIssues = attempted || isDirty;
  const lookup = useMemo(
    () => ({ at: (p: string) => byPath.get(p) ?? [], paths: () => [...byPath.keys()], show: showIssues }),
    [byPath, showIssues],
  );
  const warnedSteps = useMemo(() => new Set(validation.warnings.map((w) => w.path)), [validation.warnings]);
  const load = useMemo(() => validLoad(state), [state]);

  const tree = useMemo(() => ({ init: state.init, steps: state.steps, end: state.end }), [state.init, state.steps, state.end]);
  const ops = useMemo<TStepOps>(
    () => ({
      tree,
      warnings: warnedSteps,
      update: (path, fn) => change((s) => updateStep(s, path, fn)),
      remove: (path) => change((s) => removeStep(s, path)),
      move: (path, direction) => change((s) => moveStep(s, path, direction)),
      nest: (path) => change((s) => nestStep(s, path).tree),
      unnest: (path, placement) => change((s) => unnestStep(s, path, placement).tree),
      duplicate: (path) => change((s) => duplicateStep(s, path)),
      add: (listPath: TStepPath, kind) => change((s) => insertStep(s, listPath, newStep(kind)).tree),
    }),
    [tree, warnedSteps, change],
  );

  // Leaving with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [isDirty]);

  const goToIssue = (path: string) => {
    // Step ids are React keys only (never in the DOM: they differ between server and client render).
    const stepPath = stepPathOfIssue(path);
    const el = stepPath
      ? document.querySelector(`[data-step-path="${stepPathString(stepPath)}"]`)
      : document.querySelector(`[data-issue-path="${CSS.escape(path)}"]`);
    el?.scrollIntoView({ behavior: "smooth", block: "center" });
  };

  const save = () => {
    setAttempted(true);
    const target = modules.find((m) => m.name === state.module);
    if (errors.length > 0 || !target) {
      const first = errors[0];
      if (first) goToIssue(first.path);
      return;
    }
    startTransition(async () => {
      const result =
        scenarioId === null
          ? await createScenarioAction(target.id, validation.document)
          : await updateScenarioAction(scenarioId, target.id, version ?? 1, validation.document);
      if (isActionError(result)) {
        setServerIssues(result.issues);
        toast(result.error, "error");
        return;
      }
      setIsDirty(false);
      setVersion(result.data.version);
      if (scenarioId === null) {
        toast(ts("created", { name: state.name }));
        router.push(`/scenarios/${result.data.id}`);
      } else {
        toast(ts("saved", { name: state.name, version: result.data.version }));
        router.refresh();
      }
    });
  };

  // Ctrl/⌘+S saves.
  const saveRef = useLatest(save);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") {
        e.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveRef]);

  const setLoad = (patch: Partial<TLoadDraft>) => change((s) => ({ ...s, load: { ...s.load, ...patch } }));
  const patch = (p: Partial<TEditorState>) => change((s) => ({ ...s, ...p }));
  const title = state.name.trim() || (scenarioId === null ? ts("newTitle") : t("unnamed"));

  const editorTab = (
    <div className="grid gap-4">
      {showIssues && errors.length > 0 ? <ProblemsCallout errors={errors} onGo={goToIssue} /> : null}
      {validation.warnings.length > 0 ? (
        <WarningCallout
          warnings={validation.warnings}
          onGo={goToIssue}
          onFix={(path) => {
            const stepPath = stepPathOfIssue(path);
            if (stepPath) ops.unnest(stepPath, "before");
          }}
        />
      ) : null}

      <Section title={t("general")}>
        <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)_minmax(0,1.5fr)]">
          <Field label={t("module")} path="module">
            {(p) => (
              <Select {...p} value={state.module} onValueChange={(module) => change((s) => ({ ...s, module }))}>
                {state.module === "" ? <option value="">—</option> : null}
                {modules.map((m) => (
                  <option key={m.id} value={m.name}>
                    {m.name}
                  </option>
                ))}
                {state.module !== "" && !modules.some((m) => m.name === state.module) ? (
                  <option value={state.module}>{t("moduleNotFound", { name: state.module })}</option>
                ) : null}
              </Select>
            )}
          </Field>
          <Field label={t("name")} path="name">
            {(p) => (
              <TextInput
                {...p}
                value={state.name}
                onValueChange={(name) => change((s) => ({ ...s, name }))}
                placeholder={t("namePlaceholder")}
              />
            )}
          </Field>
          <Field label={t("baseUrl")} path="baseUrl">
            {(p) => (
              <TextInput
                {...p}
                value={state.baseUrl}
                onValueChange={(baseUrl) => change((s) => ({ ...s, baseUrl }))}
                placeholder="http://127.0.0.1:8080"
                className="font-mono text-[13px]"
              />
            )}
          </Field>
        </div>
      </Section>

      <Section title={t("load")}>
        <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.15fr)]">
          <LoadFields
            load={state.load}
            onChange={setLoad}
            onModel={(model) => change((s) => ({ ...s, load: setLoadModel(s.load, model) }))}
          />
          <LoadProfileChart load={load} />
        </div>
      </Section>

      <Section title={t("iteration")}>
        <IterationFields
          pacing={state.pacing}
          cookies={state.cookies}
          onPacing={(pacing) => patch({ pacing })}
          onCookies={(cookies) => patch({ cookies })}
        />
      </Section>

      <Section title={t("variablesTitle")}>
        <div className="grid gap-5">
          <VariablesFields state={state} onChange={patch} />
          <div className="grid gap-2">
            <div className="flex items-baseline gap-2">
              <h3 className="text-xs font-medium text-zinc-600">{t("dataSets")}</h3>
              <p className="text-xs text-zinc-400">{t("dataSetsHint")}</p>
            </div>
            <DataSetsFields
              data={state.data}
              isList={state.dataIsList}
              onChange={(data) => patch({ data, dataIsList: state.dataIsList || (data?.length ?? 0) > 1 })}
            />
          </div>
        </div>
      </Section>

      <StepOpsContext.Provider value={ops}>
        <Section title={t("init")} hint={t("initHint")} badge="vuser_init">
          <StepList steps={state.init ?? []} listPath={["init"]} empty={t("initEmpty")} />
          <GroupIssues paths={["init"]} />
        </Section>
        <Section title={t("steps")} hint={t("stepsHint")} badge="Action">
          <StepList steps={state.steps} listPath={["steps"]} />
          <GroupIssues paths={["steps"]} />
        </Section>
        <Section title={t("end")} hint={t("endHint")} badge="vuser_end">
          <StepList steps={state.end ?? []} listPath={["end"]} empty={t("endEmpty")} />
          <GroupIssues paths={["end"]} />
        </Section>
      </StepOpsContext.Provider>
    </div>
  );

  return (
    <IssuesContext.Provider value={lookup}>
      <PageHeader
        title={title}
        back={
          <Link href="/scenarios" className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
            ← {ts("allScenarios")}
          </Link>
        }
        actions={
          <>
            {version !== null ? <Badge>{ts("version", { version })}</Badge> : null}
            {isDirty ? <Badge tone="warning">{t("unsaved")}</Badge> : null}
            {scenarioId !== null ? (
              <a
                href={`/api/scenarios/${scenarioId}/jmx`}
                download
                className="inline-flex h-9 items-center rounded-md px-3 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
              >
                {ti("exportJmx")}
              </a>
            ) : null}
            {scenarioId !== null ? (
              <Button
                variant="outline"
                onClick={() => setLaunchOpen(true)}
                disabled={isDirty}
                title={isDirty ? t("runNeedsSave") : undefined}
              >
                {t("runThis")}
              </Button>
            ) : null}
            <Button onClick={save} disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </>
        }
      />
      <Tabs
        tabs={[
          { id: "editor", label: t("tabEditor"), content: editorTab },
          {
            id: "file",
            label: t("tabFile"),
            content: (
              <FilePanel
                document={validation.document}
                name={state.name}
                onImport={(next) => {
                  setAttempted(true);
                  change(() => next);
                }}
              />
            ),
          },
        ]}
      />
      {scenarioId !== null ? (
        <LaunchDialog
          open={launchOpen}
          onOpenChange={setLaunchOpen}
          scenarios={[
            {
              id: scenarioId,
              name: state.name,
              moduleName: state.module,
              vus: load?.arrivalRate ? load.arrivalRate.maxVus : (load?.vus ?? 0),
              durationSeconds: load?.arrivalRate ? load.arrivalRate.durationSeconds : (load?.durationSeconds ?? null),
            },
          ]}
        />
      ) : null}
    </IssuesContext.Provider>
  );
}

function useLatest<T>(value: T): { current: T } {
  const [ref] = useState(() => ({ current: value }));
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

function Section({ title, hint, badge, children }: { title: string; hint?: string; badge?: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white shadow-xs" aria-label={title}>
      <header className="flex items-baseline gap-2 border-b border-zinc-100 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        {badge ? <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-500">{badge}</span> : null}
        {hint ? <p className="text-xs text-zinc-500">{hint}</p> : null}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}

function LoadFields({
  load,
  onChange,
  onModel,
}: {
  load: TLoadDraft;
  onChange: (patch: Partial<TLoadDraft>) => void;
  onModel: (model: "closed" | "open") => void;
}) {
  const t = useTranslations("scenarios.editor");
  return (
    <div className="grid content-start gap-3">
      <div>
        <div role="radiogroup" aria-label={t("load")} className="inline-flex h-8 items-center rounded-md bg-zinc-100 p-0.5">
          {(["closed", "open"] as const).map((model) => (
            <button
              key={model}
              type="button"
              role="radio"
              aria-checked={load.model === model}
              onClick={() => onModel(model)}
              className={cn(
                "h-7 rounded px-3 text-xs font-medium",
                load.model === model ? "bg-white text-zinc-900 shadow-xs" : "text-zinc-600 hover:text-zinc-900",
              )}
            >
              {model === "closed" ? t("modelClosed") : t("modelOpen")}
            </button>
          ))}
        </div>
        <p className="mt-1.5 text-xs text-zinc-500">{load.model === "closed" ? t("modelClosedHint") : t("modelOpenHint")}</p>
      </div>
      {load.model === "closed" ? (
        <div className="grid grid-cols-3 gap-3">
          <Field label={t("vus")} path="load.vus">
            {(p) => <TextInput {...p} numeric value={load.vus} onValueChange={(vus) => onChange({ vus })} />}
          </Field>
          <Field label={t("rampUp")} path="load.rampUpSeconds">
            {(p) => <TextInput {...p} numeric value={load.rampUp} onValueChange={(rampUp) => onChange({ rampUp })} placeholder="0" />}
          </Field>
          <Field label={t("rampDown")} path="load.rampDownSeconds">
            {(p) => <TextInput {...p} numeric value={load.rampDown} onValueChange={(rampDown) => onChange({ rampDown })} placeholder="0" />}
          </Field>
          <Field label={t("duration")} path="load.durationSeconds" hint={t("durationHint")} className="col-span-1">
            {(p) => <TextInput {...p} numeric value={load.duration} onValueChange={(duration) => onChange({ duration })} />}
          </Field>
          <Field label={t("iterations")} path="load.iterations" hint={t("iterationsHint")}>
            {(p) => <TextInput {...p} numeric value={load.iterations} onValueChange={(iterations) => onChange({ iterations })} />}
          </Field>
        </div>
      ) : (
        <div className="grid grid-cols-3 gap-3">
          <Field label={t("perSecond")} path="load.arrivalRate.perSecond" paths={["load.arrivalRate"]}>
            {(p) => <TextInput {...p} numeric value={load.perSecond} onValueChange={(perSecond) => onChange({ perSecond })} />}
          </Field>
          <Field label={t("openDuration")} path="load.arrivalRate.durationSeconds">
            {(p) => <TextInput {...p} numeric value={load.openDuration} onValueChange={(openDuration) => onChange({ openDuration })} />}
          </Field>
          <Field label={t("maxVus")} path="load.arrivalRate.maxVus" paths={["load.vus"]}>
            {(p) => <TextInput {...p} numeric value={load.maxVus} onValueChange={(maxVus) => onChange({ maxVus })} />}
          </Field>
        </div>
      )}
    </div>
  );
}

function ProblemsCallout({ errors, onGo }: { errors: TScenarioIssue[]; onGo: (path: string) => void }) {
  const t = useTranslations("scenarios.editor");
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="editor-problems">
      <p className="font-medium">{t("problems", { count: errors.length })}</p>
      <ul className="mt-1.5 grid gap-0.5 text-xs">
        {errors.slice(0, 8).map((e, i) => (
          <li key={i}>
            <button type="button" onClick={() => onGo(e.path)} className="text-left hover:underline">
              {e.path ? <code className="mr-1.5 font-mono text-red-700/80">{e.path}</code> : null}
              {e.message}
            </button>
          </li>
        ))}
        {errors.length > 8 ? <li>…</li> : null}
      </ul>
    </div>
  );
}

function WarningCallout({
  warnings,
  onGo,
  onFix,
}: {
  warnings: TScenarioIssue[];
  onGo: (path: string) => void;
  onFix: (path: string) => void;
}) {
  const t = useTranslations("scenarios.editor");
  return (
    <div
      role="status"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="rendezvous-warning"
    >
      <p className="flex items-center gap-2 font-semibold">
        <svg viewBox="0 0 16 16" className="size-4 text-amber-600" aria-hidden>
          <path d="M8 1.8L15 14H1L8 1.8z" fill="currentColor" />
          <path d="M8 6v4M8 11.6v.4" stroke="white" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        {t("warningTitle")}
      </p>
      <p className="mt-1 max-w-4xl text-xs leading-relaxed text-amber-900/90">{t("warningBody")}</p>
      <ul className="mt-2 grid gap-1 text-xs">
        {warnings.map((w) => (
          <li key={w.path} className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-amber-800">{w.path}</code>
            <button type="button" onClick={() => onGo(w.path)} className="font-medium underline underline-offset-2">
              {t("goToStep")}
            </button>
            <button type="button" onClick={() => onFix(w.path)} className="font-medium underline underline-offset-2">
              {t("moveOutFix")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
