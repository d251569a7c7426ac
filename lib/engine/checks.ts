/**
 * `extract` and `expect` on a response. Failures become sample errors of kind `extraction`,
 * `http_status` or `assertion`, with a short message.
 */
import { isDeepStrictEqual } from "node:util";
import { queryJsonPath, queryJsonPathAll } from "./json-path";
import type { TErrorKind } from "./metrics/types";
import type { TExpect, TExtractor, TVariableCheck } from "./scenario";
import { compileTemplate, render, renderJson, type TTemplate, type TVars } from "./template";

export interface TCheckError {
  kind: TErrorKind;
  message: string;
}

interface TResponseView {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string | null;
}

/** Parse JSON once per response, lazily. */
function jsonOf(res: TResponseView, cache: { value?: unknown; parsed?: boolean }): unknown {
  if (!cache.parsed) {
    cache.parsed = true;
    try {
      cache.value = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      cache.value = undefined;
    }
  }
  return cache.value;
}

function asText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Status check: `expect.status` when given, else any status < 400. */
export function checkStatus(status: number, expect: TExpect | undefined): TCheckError | null {
  const wanted = expect?.status;
  if (wanted === undefined) return status < 400 ? null : { kind: "http_status", message: `HTTP ${status}` };
  const ok = Array.isArray(wanted) ? wanted.includes(status) : status === wanted;
  return ok ? null : { kind: "http_status", message: `HTTP ${status}, expected ${Array.isArray(wanted) ? wanted.join("|") : wanted}` };
}

/**
 * Run extractors into vars; the first failure is returned (the others still run).
 *
 * Match numbers follow JMeter: 1 (the default) the first match, N the Nth, 0 a random one, -1 all
 * of them as `name_1` … `name_N` with `name_matchNr` = N (stale `name_K` of an earlier, longer
 * result removed); with -1 the plain `name` is set only to the default, as JMeter does, and no
 * match at all is an empty list (matchNr 0), not a failure. With `default`, nothing matching sets
 * the default and is not a failure either.
 */
export function runExtractors(
  res: TResponseView,
  extract: Record<string, TExtractor>,
  vars: TVars,
  cache: { value?: unknown; parsed?: boolean } = {},
  random: () => number = Math.random,
): TCheckError | null {
  let first: TCheckError | null = null;
  for (const name in extract) {
    const ex = extract[name]!;
    const match = ex.match ?? 1;
    let value: string | undefined;
    if (match === 1) value = firstMatch(res, ex, cache);
    else {
      const all = allMatches(res, ex, cache);
      if (match === -1) {
        const before = Number(vars.get(`${name}_matchNr`) ?? 0);
        for (let i = 0; i < all.length; i++) vars.set(`${name}_${i + 1}`, all[i]!);
        for (let i = all.length + 1; i <= before; i++) vars.delete(`${name}_${i}`);
        vars.set(`${name}_matchNr`, String(all.length));
        if (ex.default !== undefined) vars.set(name, ex.default);
        continue;
      }
      value = match === 0 ? all[Math.floor(random() * all.length)] : all[match - 1];
    }
    if (value !== undefined) vars.set(name, value);
    else if (ex.default !== undefined) vars.set(name, ex.default);
    else first ??= { kind: "extraction", message: `${name}: nothing matched ${JSON.stringify(ex)}` };
  }
  return first;
}

function firstMatch(res: TResponseView, ex: TExtractor, cache: { value?: unknown; parsed?: boolean }): string | undefined {
  if ("json" in ex) {
    const v = queryJsonPath(jsonOf(res, cache), ex.json);
    return v === undefined || v === null ? undefined : asText(v);
  }
  if ("regex" in ex) {
    const m = new RegExp(ex.regex).exec(res.body ?? "");
    return m ? m[ex.group ?? (m.length > 1 ? 1 : 0)] : undefined;
  }
  const h = res.headers[ex.header.toLowerCase()];
  return Array.isArray(h) ? h[0] : h;
}

function allMatches(res: TResponseView, ex: TExtractor, cache: { value?: unknown; parsed?: boolean }): string[] {
  if ("json" in ex)
    return queryJsonPathAll(jsonOf(res, cache), ex.json)
      .filter((v) => v !== undefined && v !== null)
      .map(asText);
  if ("regex" in ex) {
    const out: string[] = [];
    for (const m of (res.body ?? "").matchAll(new RegExp(ex.regex, "g"))) {
      const v = m[ex.group ?? (m.length > 1 ? 1 : 0)];
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  const h = res.headers[ex.header.toLowerCase()];
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
}

/** Duration assertion (`expect.maxMs`): the sample's elapsed time against the limit. */
export function checkDuration(elapsedMs: number, expect: TExpect | undefined): TCheckError | null {
  const max = expect?.maxMs;
  if (max === undefined || elapsedMs <= max) return null;
  return { kind: "assertion", message: `took ${elapsedMs.toFixed(1)} ms, more than maxMs ${max}` };
}

/** Body text and JSON path assertions. */
export function checkBody(
  res: TResponseView,
  expect: TExpect,
  vars: TVars,
  cache: { value?: unknown; parsed?: boolean } = {},
): TCheckError | null {
  const body = res.body ?? "";
  if (expect.bodyContains !== undefined && !body.includes(renderJson(expect.bodyContains, vars) as string))
    return { kind: "assertion", message: `body does not contain ${JSON.stringify(expect.bodyContains)}` };
  if (expect.bodyNotContains !== undefined && body.includes(renderJson(expect.bodyNotContains, vars) as string))
    return { kind: "assertion", message: `body contains ${JSON.stringify(expect.bodyNotContains)}` };
  for (const [path, wanted] of Object.entries(expect.json ?? {})) {
    const got = queryJsonPath(jsonOf(res, cache), path);
    if (!isDeepStrictEqual(got, renderJson(wanted, vars)))
      return {
        kind: "assertion",
        message: `${path} is ${got === undefined ? "missing" : JSON.stringify(got).slice(0, 80)}, expected ${JSON.stringify(wanted)}`,
      };
  }
  return null;
}

/** Does this request need the body text? */
export function needsBody(extract: Record<string, TExtractor> | undefined, expect: TExpect | undefined): boolean {
  // Header extractors need the response headers, which come with the body view.
  return (
    Object.keys(extract ?? {}).length > 0 ||
    expect?.bodyContains !== undefined ||
    expect?.bodyNotContains !== undefined ||
    expect?.json !== undefined
  );
}

/** One compiled check of `expect.variables`: the regexes of literal patterns built once. */
export interface TCompiledVariableCheck {
  name: string;
  check: keyof TVariableCheck;
  value: TTemplate;
  /** The compiled pattern when `matches`/`notMatches` holds no template. */
  regex: RegExp | undefined;
}

const NEGATED = new Set<keyof TVariableCheck>(["notEquals", "notContains", "notMatches"]);

/** Compile `expect.variables` once per scenario; undefined when there is nothing to check. */
export function compileVariableChecks(variables: TExpect["variables"]): TCompiledVariableCheck[] | undefined {
  const out: TCompiledVariableCheck[] = [];
  for (const [name, checks] of Object.entries(variables ?? {}))
    for (const check of Object.keys(checks) as (keyof TVariableCheck)[]) {
      const source = checks[check];
      if (source === undefined) continue;
      const value = compileTemplate(source);
      const isRegex = check === "matches" || check === "notMatches";
      out.push({ name, check, value, regex: isRegex && typeof value === "string" ? new RegExp(value) : undefined });
    }
  return out.length > 0 ? out : undefined;
}

/**
 * `expect.variables` on the VU's variables (after the extractors ran): the first failing check.
 * An unset variable fails every check but the not- forms, which it passes.
 */
export function checkVariables(checks: TCompiledVariableCheck[], vars: TVars): TCheckError | null {
  for (const c of checks) {
    const got = vars.get(c.name);
    const wanted = render(c.value, vars);
    let ok: boolean;
    if (got === undefined) ok = NEGATED.has(c.check);
    else if (c.check === "equals") ok = got === wanted;
    else if (c.check === "notEquals") ok = got !== wanted;
    else if (c.check === "contains") ok = got.includes(wanted);
    else if (c.check === "notContains") ok = !got.includes(wanted);
    else {
      let regex = c.regex;
      if (regex === undefined) {
        try {
          regex = new RegExp(wanted);
        } catch {
          return {
            kind: "assertion",
            message: `variable ${c.name}: ${c.check} ${JSON.stringify(wanted)} is not a valid regular expression`,
          };
        }
      }
      ok = regex.test(got) === (c.check === "matches");
    }
    if (!ok) {
      const seen = got === undefined ? "unset" : got.length > 60 ? `${JSON.stringify(got.slice(0, 60))}…` : JSON.stringify(got);
      return { kind: "assertion", message: `variable ${c.name} ${c.check} ${JSON.stringify(wanted)} failed: value ${seen}` };
    }
  }
  return null;
}
