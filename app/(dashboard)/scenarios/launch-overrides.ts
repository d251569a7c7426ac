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

export const EMPTY_OVERRIDE_FORM: TOverrideForm = { vus: "", duration: "", rendezvousEnabled: true, policy: "keep", policyValue: "", timeout: "" };

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

