/**
 * Launch parameters (JMeter's -J): what a scenario lets you set at launch, and which of them a
 * launch must give. Pure — the launch dialog, enqueueRun and the run page share it.
 *
 * A scenario's parameters are its `variables` (a launch value replaces the default) and every
 * `${__P(name[,default])}` it uses (without a default: required).
 */
import { launchParameterDefaults, requiredLaunchParameters } from "@/lib/engine/template";
import { isSecretField, MASK, maskSecrets } from "@/lib/security/mask-secrets";

export type TLaunchValue = string | number | boolean;

export interface TLaunchParameter {
  name: string;
  /** The scenario's value (a variable) or the `__P` default; undefined when there is none. */
  defaultValue?: string;
  /** Used as `${__P(name)}` without a default: a launch must give it. */
  required: boolean;
  /** Where it comes from: a scenario variable, a `__P` call, or both. */
  source: "variable" | "param" | "both";
  /** The name looks like a credential: show its value masked. */
  isSecret: boolean;
}

interface TDefinitionLike {
  name?: string;
  variables?: Record<string, TLaunchValue> | undefined;
}

/** The parameters of one or more scenario documents, by name (first default wins), sorted. */
export function launchParametersOf(definitions: readonly TDefinitionLike[]): TLaunchParameter[] {
  const byName = new Map<string, TLaunchParameter>();
  const note = (name: string, source: "variable" | "param", defaultValue: string | undefined, required: boolean) => {
    const cur = byName.get(name);
    if (!cur) {
      byName.set(name, { name, ...(defaultValue !== undefined ? { defaultValue } : {}), required, source, isSecret: isSecretField(name) });
      return;
    }
    if (cur.defaultValue === undefined && defaultValue !== undefined) cur.defaultValue = defaultValue;
    cur.required ||= required;
    if (cur.source !== source) cur.source = "both";
  };
  for (const d of definitions) {
    for (const [name, value] of Object.entries(d.variables ?? {})) note(name, "variable", String(value), false);
    for (const name of requiredLaunchParameters(d)) note(name, "param", undefined, true);
    for (const [name, value] of Object.entries(launchParameterDefaults(d))) note(name, "param", value, false);
  }
  // A required `__P(name)` is satisfied by nothing but a launch value (JMeter's properties are not
  // variables), so a scenario variable of the same name does not make it optional.
  return [...byName.values()].sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

export interface TMissingParameter {
  scenario: string;
  name: string;
  message: string;
}

/** Required parameters a launch did not give, one entry per scenario and name. */
export function missingLaunchParameters(
  definitions: readonly TDefinitionLike[],
  variables: Record<string, TLaunchValue> | undefined,
): TMissingParameter[] {
  const out: TMissingParameter[] = [];
  for (const d of definitions)
    for (const name of requiredLaunchParameters(d))
      if (variables?.[name] === undefined || variables[name] === "")
        out.push({
          scenario: d.name ?? "",
          name,
          message: `launch parameter ${name} is required by scenario ${d.name ?? "(unnamed)"}; give it in variables`,
        });
  return out;
}

/** Launch parameters for display: values of secret-looking names masked, and passwords in URLs (the rules of lib/security). */
export function maskLaunchVariables(variables: Record<string, TLaunchValue>): Record<string, TLaunchValue> {
  return Object.fromEntries(
    Object.entries(variables).map(([k, v]) => [k, isSecretField(k) && v !== "" ? MASK : typeof v === "string" ? maskSecrets(v) : v]),
  );
}
