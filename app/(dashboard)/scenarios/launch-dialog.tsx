"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { Dialog, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import { formatZodIssues, ZRunOverrides, type TRunOverrides } from "@/lib/engine/scenario";
import { Field, IssuesContext, Select, TextInput } from "./[scenarioId]/editor-fields";
import { issuesByPath } from "./[scenarioId]/editor-state";
import { launchRunAction } from "./actions";
import { launchParametersAction } from "./launch-actions";
import {
  EMPTY_OVERRIDE_FORM as EMPTY,
  initialParameterValues,
  missingParameterIssues,
  overridesFromForm,
  variablesFromForm,
  type TOverrideForm,
  type TParameterField,
  type TPolicyOverride,
} from "./launch-overrides";
import { agentSelectionFromText } from "@/lib/agents/agent-selection";

export interface TLaunchScenario {
  id: string;
  name: string;
  moduleName: string;
  vus: number;
  durationSeconds: number | null;
}

/** The parameters of the scenarios being launched: read from the server when the dialog opens. */
type TParametersState = { status: "loading" } | { status: "failed" } | { status: "ready"; parameters: TParameterField[] };

/**
 * Launch one run of one or more scenarios with per-run overrides and launch parameters (the
 * scenarios' variables and `${__P(…)}` names, defaults in place, required ones marked), validated
 * with the engine's ZRunOverrides as you type; the server action checks again and queues the run.
 */
export function LaunchDialog({
  open,
  onOpenChange,
  scenarios,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  scenarios: TLaunchScenario[];
}) {
  const t = useTranslations("scenarios.launch");
  const te = useTranslations("scenarios.editor");
  const common = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const { toast } = useToast();
  const [form, setForm] = useState<TOverrideForm>(EMPTY);
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ path: string; message: string }[]>([]);
  const [pending, startTransition] = useTransition();
  // Keyed by the scenarios it was read for: another selection reads as loading until its answer.
  const [fetchedParams, setParams] = useState<{ key: string; state: TParametersState } | null>(null);
  const [paramValues, setParamValues] = useState<Record<string, string>>({});
  // Where the VUs run: empty = this machine; else agents (lib/agents/agent-selection.ts).
  const [agentsText, setAgentsText] = useState("");
  const scenarioKey = scenarios.map((s) => s.id).join(",");

  useEffect(() => {
    if (!open || !scenarioKey) return;
    let live = true;
    void launchParametersAction(scenarioKey.split(","))
      .then((result) => {
        if (!live) return;
        if (isActionError(result)) return setParams({ key: scenarioKey, state: { status: "failed" } });
        setParams({ key: scenarioKey, state: { status: "ready", parameters: result.data } });
        setParamValues(initialParameterValues(result.data));
      })
      .catch(() => live && setParams({ key: scenarioKey, state: { status: "failed" } }));
    return () => {
      live = false;
    };
  }, [open, scenarioKey]);

  const params = useMemo<TParametersState>(
    () => (fetchedParams?.key === scenarioKey ? fetchedParams.state : { status: "loading" }),
    [fetchedParams, scenarioKey],
  );
  const parameters = useMemo(() => (params.status === "ready" ? params.parameters : []), [params]);
  const variables = useMemo(() => variablesFromForm(parameters, paramValues), [parameters, paramValues]);
  const overrides = useMemo(() => {
    const o = overridesFromForm(form);
    return Object.keys(variables).length ? { ...o, variables } : o;
  }, [form, variables]);
  const parsed = useMemo(() => ZRunOverrides.safeParse(overrides), [overrides]);
  const missing = useMemo(
    () => missingParameterIssues(parameters, paramValues, t("parameterRequiredMissing")),
    [parameters, paramValues, t],
  );
  const issues = useMemo(
    () => [...(parsed.success ? [] : formatZodIssues(parsed.error.issues)), ...(attempted ? missing : []), ...serverIssues],
    [parsed, missing, attempted, serverIssues],
  );
  const byPath = useMemo(() => issuesByPath(issues), [issues]);
  // What the server refused that no field of the dialog shows (a target not on the allow-list, a
  // scenario's base URL without a host …): listed above the buttons with the server's words.
  const otherIssues = useMemo(() => {
    const fieldPaths = new Set(["vus", "durationSeconds", "rendezvousTimeoutSeconds", ...parameters.map((p) => `variables.${p.name}`)]);
    return serverIssues.filter((i) => !fieldPaths.has(i.path) && !i.path.startsWith("rendezvousPolicy"));
  }, [serverIssues, parameters]);
  const lookup = useMemo(
    () => ({ at: (p: string) => byPath.get(p) ?? [], paths: () => [...byPath.keys()], show: attempted || form !== EMPTY }),
    [byPath, attempted, form],
  );
  const set = (patch: Partial<TOverrideForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setServerIssues([]);
  };

  const onStart = () => {
    setAttempted(true);
    if (!parsed.success || missing.length > 0) return;
    const input: TRunOverrides = parsed.data;
    startTransition(async () => {
      const result = await launchRunAction(
        scenarios.map((s) => s.id),
        input,
        agentSelectionFromText(agentsText),
      );
      if (isActionError(result)) {
        setServerIssues(result.issues);
        toast(result.error, "error");
        return;
      }
      toast(t("queued"));
      router.push(`/runs/${result.data.id}`);
    });
  };

  const close = (next: boolean) => {
    if (!next) {
      setForm(EMPTY);
      setAttempted(false);
      setServerIssues([]);
      setParamValues({});
      setParams(null);
      setAgentsText("");
    }
    onOpenChange(next);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={t("title", { count: scenarios.length })}
      description={t("description")}
      className="max-w-xl"
    >
      <IssuesContext.Provider value={lookup}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onStart();
          }}
          className="grid gap-5"
        >
          <section aria-label={t("scenarios")}>
            <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm" data-testid="launch-scenarios">
              {scenarios.map((s) => (
                <li key={s.id} className="flex items-center gap-3 px-3 py-1.5">
                  <span className="min-w-0 flex-1 truncate font-medium">{s.name}</span>
                  <span className="truncate text-xs text-zinc-500">{s.moduleName}</span>
                  <span className="w-32 text-right font-mono text-xs text-zinc-600 tabular-nums">
                    {format.number(s.vus)} VUs{s.durationSeconds !== null ? ` · ${format.number(s.durationSeconds)} s` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {params.status === "loading" ? (
            <p className="text-xs text-zinc-500" data-testid="launch-parameters-loading">
              {t("parametersLoading")}
            </p>
          ) : params.status === "failed" ? (
            <p className="text-xs text-amber-700">{t("parametersFailed")}</p>
          ) : parameters.length > 0 ? (
            <fieldset className="grid gap-3" data-testid="launch-parameters">
              <legend className="mb-1 text-sm font-medium text-zinc-800">
                {t("parameters")} <span className="font-normal text-zinc-500">— {t("parametersHint")}</span>
              </legend>
              <div className="grid max-h-64 grid-cols-2 gap-3 overflow-y-auto pr-1">
                {parameters.map((p) => (
                  <Field
                    key={p.name}
                    path={`variables.${p.name}`}
                    label={
                      <span className="font-mono">
                        {p.name}
                        {p.required ? (
                          <span className="ml-1.5 font-sans text-[11px] font-medium text-red-700">{t("parameterRequired")}</span>
                        ) : null}
                      </span>
                    }
                  >
                    {(props) => (
                      <TextInput
                        {...props}
                        data-parameter={p.name}
                        type={p.isSecret ? "password" : "text"}
                        value={paramValues[p.name] ?? ""}
                        placeholder={p.defaultValue ?? t("parameterNoDefault")}
                        onValueChange={(value) => {
                          setParamValues((v) => ({ ...v, [p.name]: value }));
                          setServerIssues([]);
                        }}
                      />
                    )}
                  </Field>
                ))}
              </div>
            </fieldset>
          ) : null}
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium text-zinc-800">
              {t("overrides")} <span className="font-normal text-zinc-500">— {t("overridesHint")}</span>
            </legend>
            <div className="grid grid-cols-2 gap-3">
              <Field label={t("vus")} path="vus" hint={t("vusHint")}>
                {(p) => <TextInput {...p} numeric value={form.vus} onValueChange={(vus) => set({ vus })} />}
              </Field>
              <Field label={t("duration")} path="durationSeconds" hint={t("durationHint")}>
                {(p) => <TextInput {...p} numeric value={form.duration} onValueChange={(duration) => set({ duration })} />}
              </Field>
            </div>
            <div className="grid gap-1">
              <span className="text-xs font-medium text-zinc-600">{t("rendezvous")}</span>
              <div
                role="radiogroup"
                aria-label={t("rendezvous")}
                className="inline-flex h-8 w-fit items-center rounded-md bg-zinc-100 p-0.5"
              >
                {[true, false].map((on) => (
                  <button
                    key={String(on)}
                    type="button"
                    role="radio"
                    aria-checked={form.rendezvousEnabled === on}
                    onClick={() => set({ rendezvousEnabled: on })}
                    className={cn(
                      "h-7 rounded px-3 text-xs font-medium",
                      form.rendezvousEnabled === on ? "bg-white text-zinc-900 shadow-xs" : "text-zinc-600 hover:text-zinc-900",
                    )}
                  >
                    {on ? t("rendezvousOn") : t("rendezvousOff")}
                  </button>
                ))}
              </div>
            </div>
            {form.rendezvousEnabled ? (
              <div className="flex items-start gap-3">
                <Field label={t("policy")} path="rendezvousPolicy" className="flex-1">
                  {(p) => (
                    <Select
                      {...p}
                      value={form.policy}
                      onValueChange={(v) =>
                        set({ policy: v as TPolicyOverride, policyValue: form.policyValue || (v === "count" ? "10" : "100") })
                      }
                    >
                      <option value="keep">{t("policyKeep")}</option>
                      <option value="allVusersPercent">{te("policyAll")}</option>
                      <option value="runningVusersPercent">{te("policyRunning")}</option>
                      <option value="count">{te("policyCount")}</option>
                    </Select>
                  )}
                </Field>
                {form.policy !== "keep" ? (
                  <Field
                    label={`${t("policyValue")}${form.policy === "count" ? "" : " (%)"}`}
                    path={`rendezvousPolicy.${form.policy}`}
                    className="w-24"
                  >
                    {(p) => <TextInput {...p} numeric value={form.policyValue} onValueChange={(policyValue) => set({ policyValue })} />}
                  </Field>
                ) : null}
                <Field label={t("timeout")} path="rendezvousTimeoutSeconds" hint={t("timeoutHint")} className="w-44">
                  {(p) => <TextInput {...p} numeric value={form.timeout} onValueChange={(timeout) => set({ timeout })} />}
                </Field>
              </div>
            ) : null}
          </fieldset>
          <Field label={t("agents")} path="agents" hint={t("agentsHint")}>
            {(p) => (
              <TextInput
                {...p}
                value={agentsText}
                placeholder={t("agentsPlaceholder")}
                onValueChange={(v) => {
                  setAgentsText(v);
                  setServerIssues([]);
                }}
              />
            )}
          </Field>
          {otherIssues.length ? (
            <ul
              role="alert"
              className="grid gap-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800"
              data-testid="launch-issues"
            >
              {otherIssues.map((i) => (
                <li key={`${i.path}:${i.message}`}>{i.message}</li>
              ))}
            </ul>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => close(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={pending || scenarios.length === 0 || params.status === "loading"}>
              {pending ? t("starting") : t("start")}
            </Button>
          </DialogFooter>
        </form>
      </IssuesContext.Provider>
    </Dialog>
  );
}
