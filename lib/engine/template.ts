/**
 * `${…}` templating: VU variables (`vu`, `iteration`, `scenario`, and the built-ins `__vu`,
 * `__iteration`, `__status` the VU sets), extracted variables, CSV columns, scenario variables,
 * and function calls `${__name(args)}` (template-functions.ts). Strings are compiled once per
 * scenario: a string without `${` stays a constant, one with variables only is one closure
 * joining parts (no parsing per render). Unknown variables are left as written (JMeter does the
 * same); unknown functions are validation problems (`templateProblem`).
 *
 * Function arguments are split on commas (`\,` is a comma inside an argument, `\\` a backslash,
 * `\(` `\)` a parenthesis; balanced parentheses need no escape); an argument may hold `${…}`
 * (variables or calls), rendered first.
 */
import { KNOWN_FUNCTIONS, TEMPLATE_FUNCTIONS } from "./template-functions";

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

// ---------------------------------------------------------------------------------------------
// Scanning: text → segments

/**
 * One piece of a template as the engine reads it. Exported so that writers of other formats (the
 * JMX exporter, the condition parser) read `${…}` exactly as the engine renders it.
 */
export type TTemplateSegment =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string }
  /** `raw` is the call as written (rendered as is when the call is unknown or malformed). */
  | { kind: "call"; name: string; args: string[]; raw: string; at: number }
  /** `${name(` without its closing `)}`. */
  | { kind: "unclosed"; name: string; at: number };

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Index of the `}` closing the `${` at `start` (nested `${…}` counted), or -1. */
export function closingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Arguments of a call whose "(" is just before `start`; null when `)}` never comes. */
function scanArgs(text: string, start: number): { args: string[]; end: number } | null {
  const args: string[] = [];
  let cur = "";
  // As JMeter's parser: parentheses inside an argument nest (the call ends at a ")" outside them); commas split anyway.
  let parens = 0;
  for (let i = start; i < text.length;) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      const n = text[i + 1]!;
      if (n === "," || n === "\\" || n === ")" || n === "(") {
        cur += n;
        i += 2;
        continue;
      }
    }
    if (c === "$" && text[i + 1] === "{") {
      const close = closingBrace(text, i);
      if (close < 0) return null;
      cur += text.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === ",") {
      args.push(cur);
      cur = "";
      i++;
      continue;
    }
    if (c === "(") parens++;
    else if (c === ")" && parens > 0) parens--;
    else if (c === ")" && text[i + 1] === "}") {
      args.push(cur);
      return { args: args.length === 1 && args[0] === "" ? [] : args, end: i + 2 };
    }
    cur += c;
    i++;
  }
  return null;
}

/** Text → literal text, variable references, function calls and unclosed calls, in order. */
export function scanTemplate(text: string): TTemplateSegment[] {
  const out: TTemplateSegment[] = [];
  let literal = "";
  const flush = () => {
    if (literal) out.push({ kind: "text", text: literal });
    literal = "";
  };
  let i = 0;
  while (i < text.length) {
    const j = text.indexOf("${", i);
    if (j < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, j);
    NAME.lastIndex = j + 2;
    const m = NAME.exec(text);
    if (m) {
      const end = j + 2 + m[0].length;
      if (text[end] === "}") {
        flush();
        out.push({ kind: "var", name: m[0] });
        i = end + 1;
        continue;
      }
      if (text[end] === "(" && FUNCTION_NAME.test(m[0])) {
        const call = scanArgs(text, end + 1);
        flush();
        if (call) {
          out.push({ kind: "call", name: m[0], args: call.args, raw: text.slice(j, call.end), at: j });
          i = call.end;
        } else {
          out.push({ kind: "unclosed", name: m[0], at: j });
          literal += text.slice(j, end + 1);
          i = end + 1;
        }
        continue;
      }
    }
    literal += "${";
    i = j + 2;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compiling

/** A call's problem (unknown function, arity, literal arguments), or null. */
function callProblem(seg: { name: string; args: string[] }): string | null {
  const fn = TEMPLATE_FUNCTIONS[seg.name];
  if (!fn) return `unknown function ${seg.name} (known: ${KNOWN_FUNCTIONS})`;
  if (seg.args.length < fn.min || seg.args.length > fn.max) {
    const wanted = fn.min === fn.max ? `${fn.min}` : `${fn.min} to ${fn.max}`;
    return `${seg.name} takes ${wanted} argument${fn.max === 1 ? "" : "s"} (${fn.usage}), got ${seg.args.length}`;
  }
  for (const a of seg.args) {
    const inner = templateProblem(a);
    if (inner) return inner;
  }
  return fn.check?.(literals(seg.args.map(compileTemplate))) ?? null;
}

/**
 * INVARIANT: an argument is literal exactly when it compiles to a constant (also "a${}", which
 * holds no variable), so `check` and `compile` agree on which arguments they may trust.
 */
function literals(args: TTemplate[]): (string | undefined)[] {
  return args.map((a) => (typeof a === "string" ? a : undefined));
}

function compileCall(seg: Extract<TTemplateSegment, { kind: "call" }>): TTemplate {
  const fn = TEMPLATE_FUNCTIONS[seg.name];
  // A call that does not validate renders as written; validation refuses such scenarios anyway.
  if (!fn || callProblem(seg)) return seg.raw;
  const args = seg.args.map(compileTemplate);
  return fn.compile(args, literals(args));
}

export function compileTemplate(text: string): TTemplate {
  if (!text.includes("${")) return text;
  const segments = scanTemplate(text);
  if (segments.every((s) => s.kind !== "call")) {
    // Variables only: today's closure, no function dispatch (the hot path of every request).
    const parts: (string | { name: string })[] = segments.map((s) =>
      s.kind === "var" ? { name: s.name } : s.kind === "text" ? s.text : "",
    );
    if (parts.every((p) => typeof p === "string")) return parts.join("");
    return (vars) => {
      let out = "";
      for (const p of parts) out += typeof p === "string" ? p : (vars.get(p.name) ?? `\${${p.name}}`);
      return out;
    };
  }
  const parts: ((vars: TVars) => string)[] = segments.map((s) => {
    if (s.kind === "text") return () => s.text;
    if (s.kind === "var") return (vars: TVars) => vars.get(s.name) ?? `\${${s.name}}`;
    if (s.kind === "unclosed") return () => "";
    const t = compileCall(s);
    return typeof t === "string" ? () => t : t;
  });
  if (parts.length === 1) return parts[0]!;
  return (vars) => {
    let out = "";
    for (const p of parts) out += p(vars);
    return out;
  };
}

export function render(t: TTemplate, vars: TVars): string {
  return typeof t === "string" ? t : t(vars);
}

/**
 * What is wrong with a template, or null: an unknown function, a wrong argument count, a literal
 * argument of the wrong kind, a call without its closing `)}`. Unknown variables are fine.
 */
export function templateProblem(text: string): string | null {
  if (!text.includes("${")) return null;
  for (const s of scanTemplate(text)) {
    if (s.kind === "unclosed") return `${s.name}( at ${s.at + 1} has no closing ")}"`;
    if (s.kind === "call") {
      const p = callProblem(s);
      if (p) return p;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// JSON values

/** Does any string inside this JSON value use `${…}`? */
export function hasTemplate(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value && typeof value === "object") return Object.values(value).some(hasTemplate);
  return false;
}

/**
 * Compile every string inside a JSON value once; the result renders a fresh value per call (or
 * returns the value itself when nothing in it is templated).
 */
export function compileJsonTemplate(value: unknown): (vars: TVars) => unknown {
  if (!hasTemplate(value)) return () => value;
  if (typeof value === "string") {
    const t = compileTemplate(value);
    return typeof t === "string" ? () => t : t;
  }
  if (Array.isArray(value)) {
    const items = value.map(compileJsonTemplate);
    return (vars) => items.map((f) => f(vars));
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, compileJsonTemplate(v)] as const);
  return (vars) => {
    const out: Record<string, unknown> = {};
    for (const [k, f] of entries) out[k] = f(vars);
    return out;
  };
}

// Strings renderJson met before (scenario strings: a bounded set); cleared if it ever grows large.
const cache = new Map<string, TTemplate>();
const CACHE_LIMIT = 10_000;

function cachedTemplate(text: string): TTemplate {
  let t = cache.get(text);
  if (t === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    t = compileTemplate(text);
    cache.set(text, t);
  }
  return t;
}

/** Render every string inside a JSON value (compiled templates are cached per string). */
export function renderJson(value: unknown, vars: TVars): unknown {
  if (typeof value === "string") return value.includes("${") ? render(cachedTemplate(value), vars) : value;
  if (Array.isArray(value)) return value.map((v) => renderJson(v, vars));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderJson(v, vars)]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// Launch parameters

/** Every `__P` call in the strings of a (raw or parsed) scenario, nested calls included. */
function forEachParamCall(value: unknown, visit: (name: string, fallback: string | undefined) => void): void {
  if (typeof value === "string") {
    if (!value.includes("${")) return;
    for (const s of scanTemplate(value)) {
      if (s.kind !== "call") continue;
      for (const a of s.args) forEachParamCall(a, visit);
      const name = s.args[0]?.trim();
      if (s.name === "__P" && name && !name.includes("${") && s.args.length <= 2) visit(name, s.args[1]);
    }
  } else if (Array.isArray(value)) for (const v of value) forEachParamCall(v, visit);
  else if (value && typeof value === "object") for (const v of Object.values(value)) forEachParamCall(v, visit);
}

/** Names used as `${__P(name)}` without a default anywhere in the value: sorted, unique. A run needs each of them. */
export function requiredLaunchParameters(value: unknown): string[] {
  const names = new Set<string>();
  forEachParamCall(value, (name, fallback) => {
    if (fallback === undefined) names.add(name);
  });
  return [...names].sort();
}

/** `${__P(name,default)}` defaults (the first one written per name), for the launch dialog and the importer. */
export function launchParameterDefaults(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  forEachParamCall(value, (name, fallback) => {
    if (fallback !== undefined && !(name in out)) out[name] = fallback;
  });
  return out;
}
