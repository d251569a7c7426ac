import { numberFromText } from "./[scenarioId]/editor-state";

/** The launch dialog's form (text as typed) and its mapping to the ZRunOverrides input. Pure. */
export type TPolicyOverride = "keep" | "allVusersPercent" | "runningVusersPercent" | "count";

export interface TOverrideForm {
  vus: string;
  duration: string;
  rendezvousEnabled: boolean;
  policy: TPolicyOverride;
  policyValue: string;
  timeout: string;
}

export const EMPTY_OVERRIDE_FORM: TOverrideForm = {
  vus: "",
  duration: "",
  rendezvousEnabled: true,
  policy: "keep",
  policyValue: "",
  timeout: "",
};

/** Form text → the ZRunOverrides input (empty fields are left out: the scenario's value holds). */
export function overridesFromForm(f: TOverrideForm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const vus = numberFromText(f.vus);
  const duration = numberFromText(f.duration);
  const timeout = numberFromText(f.timeout);
  if (vus !== undefined) out.vus = vus;
  if (duration !== undefined) out.durationSeconds = duration;
  if (!f.rendezvousEnabled) out.rendezvousEnabled = false;
  if (f.rendezvousEnabled && f.policy !== "keep") out.rendezvousPolicy = { [f.policy]: numberFromText(f.policyValue) ?? f.policyValue };
  if (f.rendezvousEnabled && timeout !== undefined) out.rendezvousTimeoutSeconds = timeout;
  return out;
}

/** A parameter as the dialog shows it (from the server: lib/runs/launch-parameters.ts). */
export interface TParameterField {
  name: string;
  defaultValue?: string;
  required: boolean;
  isSecret: boolean;
}

/**
 * What a parameter's box holds when the dialog opens: the default, so it can be edited in place —
 * except a secret's (the server sends it masked): empty, the default applies unless one is typed.
 */
export function initialParameterValues(parameters: readonly TParameterField[]): Record<string, string> {
  return Object.fromEntries(parameters.map((p) => [p.name, p.isSecret ? "" : (p.defaultValue ?? "")]));
}

/**
 * The launch parameters to send: only values that differ from the default (the scenarios keep
 * their own values otherwise, and a secret default is never sent back as its mask). Empty boxes
 * are left out.
 */
export function variablesFromForm(parameters: readonly TParameterField[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parameters) {
    const value = values[p.name] ?? "";
    if (value === "") continue;
    if (!p.isSecret && value === p.defaultValue) continue;
    out[p.name] = value;
  }
  return out;
}

/** Required parameters with an empty box, as issues at `variables.<name>` (where the server reports them too). */
export function missingParameterIssues(
  parameters: readonly TParameterField[],
  values: Record<string, string>,
  message: string,
): { path: string; message: string }[] {
  return parameters.filter((p) => p.required && (values[p.name] ?? "") === "").map((p) => ({ path: `variables.${p.name}`, message }));
}
