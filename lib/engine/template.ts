/**
 * `${name}` templating: VU variables (`vu`, `iteration`, `scenario`), extracted variables,
 * CSV columns and scenario variables. Strings are compiled once per scenario, so a static string
 * costs nothing per request. Unknown names are left as written (JMeter does the same).
 */

export type TVars = Map<string, string>;

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
