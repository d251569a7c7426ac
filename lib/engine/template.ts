/**
 * `${name}` templating: VU variables (`vu`, `iteration`, `scenario`), extracted variables,
 * CSV columns and scenario variables. Strings are compiled once per scenario, so a static string
 * costs nothing per request. Unknown names are left as written (JMeter does the same).
 */

/**
 * What functions in templates (`${__uuid()}`, `${__counter()}`, `${__P(name)}` …) read from the VU
 * and the run. The VU attaches one to its variables (`vars.runtime`); without one (e.g. a preview
 * in the editor) functions that need it render as documented defaults.
 */
export interface TTemplateRuntime {
  /** A number in [0, 1): Math.random, or a seeded one in tests. */
  random(): number;
  /** Epoch ms now (the engine clock). */
  nowMs(): number;
  /** `__counter()`: 1, 2, 3 … per VU. */
  nextVuCounter(): number;
  /** `__counter(run)`: unique across the run (all VUs, all threads). */
  nextRunCounter(): number;
  /** `__env(NAME)`: the environment the runner exposes (the CLI: its own; the worker: a filtered set). */
  env(name: string): string | undefined;
  /** `__P(name)`: a launch parameter. */
  param(name: string): string | undefined;
}

/** VU variables (`vu`, `iteration`, `__status`, extracted values, CSV columns …) and the runtime. */
export type TVars = Map<string, string> & { runtime?: TTemplateRuntime };

/** A compiled template: a constant, or parts joined per call. */
export type TTemplate = string | ((vars: TVars) => string);

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

export function compileTemplate(text: string): TTemplate {
  if (!text.includes("${")) return text;
  const parts: (string | { name: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(VAR)) {
    if (m.index! > last) parts.push(text.slice(last, m.index));
    parts.push({ name: m[1]! });
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (vars) => {
    let out = "";
    for (const p of parts) out += typeof p === "string" ? p : (vars.get(p.name) ?? `\${${p.name}}`);
    return out;
  };
}

export function render(t: TTemplate, vars: TVars): string {
  return typeof t === "string" ? t : t(vars);
}

/** Does any string inside this JSON value use `${…}`? */
export function hasTemplate(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value && typeof value === "object") return Object.values(value).some(hasTemplate);
  return false;
}

/** Render every string inside a JSON value. */
export function renderJson(value: unknown, vars: TVars): unknown {
  if (typeof value === "string") return render(compileTemplate(value), vars);
  if (Array.isArray(value)) return value.map((v) => renderJson(v, vars));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderJson(v, vars)]));
  return value;
}
