/**
 * `extract` and `expect` on a response. Failures become sample errors of kind `extraction`,
 * `http_status` or `assertion`, with a short message.
 */
import { isDeepStrictEqual } from "node:util";
import { queryJsonPath } from "./json-path";
import type { TErrorKind } from "./metrics/types";
import type { TExpect, TExtractor } from "./scenario";
import { renderJson, type TVars } from "./template";

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

/** Run extractors into vars; the first failure is returned (the others still run). */
export function runExtractors(res: TResponseView, extract: Record<string, TExtractor>, vars: TVars, cache: { value?: unknown; parsed?: boolean } = {}): TCheckError | null {
  let first: TCheckError | null = null;
  for (const [name, ex] of Object.entries(extract)) {
    let value: string | undefined;
    if ("json" in ex) {
      const v = queryJsonPath(jsonOf(res, cache), ex.json);
      value = v === undefined || v === null ? undefined : asText(v);
    } else if ("regex" in ex) {
      const m = new RegExp(ex.regex).exec(res.body ?? "");
      if (m) value = m[ex.group ?? (m.length > 1 ? 1 : 0)];
    } else {
      const h = res.headers[ex.header.toLowerCase()];
      value = Array.isArray(h) ? h[0] : h;
    }
    if (value === undefined) first ??= { kind: "extraction", message: `${name}: nothing matched ${JSON.stringify(ex)}` };
    else vars.set(name, value);
  }
  return first;
}

/** Body text and JSON path assertions. */
export function checkBody(res: TResponseView, expect: TExpect, vars: TVars, cache: { value?: unknown; parsed?: boolean } = {}): TCheckError | null {
  const body = res.body ?? "";
  if (expect.bodyContains !== undefined && !body.includes(renderJson(expect.bodyContains, vars) as string))
    return { kind: "assertion", message: `body does not contain ${JSON.stringify(expect.bodyContains)}` };
  if (expect.bodyNotContains !== undefined && body.includes(renderJson(expect.bodyNotContains, vars) as string))
    return { kind: "assertion", message: `body contains ${JSON.stringify(expect.bodyNotContains)}` };
  for (const [path, wanted] of Object.entries(expect.json ?? {})) {
    const got = queryJsonPath(jsonOf(res, cache), path);
    if (!isDeepStrictEqual(got, renderJson(wanted, vars)))
      return { kind: "assertion", message: `${path} is ${got === undefined ? "missing" : JSON.stringify(got).slice(0, 80)}, expected ${JSON.stringify(wanted)}` };
  }
  return null;
}

/** Does this request need the body text? */
export function needsBody(extract: Record<string, TExtractor> | undefined, expect: TExpect | undefined): boolean {
  // Header extractors need the response headers, which come with the body view.
  return Object.keys(extract ?? {}).length > 0 || expect?.bodyContains !== undefined || expect?.bodyNotContains !== undefined || expect?.json !== undefined;
}
