/**
 * Compiles a validated scenario into what a VU runs (vu.ts): templates, headers, URLs and bodies
 * prepared once, control flow (loop, forEach, if/else, choose) as plain nodes, conditions parsed
 * once (expression.ts). The hot path per request is then: render the few templated strings,
 * dispatch, record one sample. A scenario without the new constructs compiles to the same nodes
 * as before (request, think, rendezvous, transaction), so it runs the same code per request.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { compileVariableChecks, needsBody, type TCompiledVariableCheck } from "./checks";
import { compileCondition, type TCondition } from "./expression";
import { buildMultipart, compileMultipart } from "./multipart";
import {
  isHttpUrl,
  requestLabel,
  scenarioModule,
  type TExpect,
  type TExtractor,
  type TPacing,
  type TRequest,
  type TScenario,
  type TStep,
} from "./scenario";
import { compileJsonTemplate, compileTemplate, hasTemplate, render, type TTemplate, type TTemplateRuntime, type TVars } from "./template";

export interface TCompiledRequest {
  kind: "request";
  label: string;
  method: string;
  /** Origin when the path is relative, or null when the path is a template of an absolute URL. */
  origin: string | null;
  path: TTemplate;
  query: [string, TTemplate][];
  headers: [string, TTemplate][];
  body: ((vars: TVars) => string | Buffer) | string | Buffer | undefined;
  timeoutMs: number;
  wantBody: boolean;
  followRedirects: boolean;
  extract: Record<string, TExtractor> | undefined;
  expect: TExpect | undefined;
  /** `expect.variables`, compiled (undefined when the request checks no variable). */
  variableChecks: TCompiledVariableCheck[] | undefined;
  /** Representative URL for results (templates unrendered). */
  url: string;
}

export type TCompiledStep =
  | TCompiledRequest
  | { kind: "rendezvous"; name: string }
  | { kind: "think"; minMs: number; maxMs: number }
  | { kind: "transaction"; name: string; steps: TCompiledStep[] }
  /** `count` (a number or a template resolved at loop start) or `while` with `maxIterations`. */
  | { kind: "loop"; count: number | TTemplate | null; while: TCondition | null; maxIterations: number; steps: TCompiledStep[] }
  | { kind: "forEach"; list: string; as: string; steps: TCompiledStep[] }
  | { kind: "if"; condition: TCondition; then: TCompiledStep[]; else: TCompiledStep[] }
  /** `upTo[i]`: cumulative weight up to and including branch i; a draw in [0, total) picks the first above it. */
  | { kind: "choose"; upTo: number[]; total: number; branches: TCompiledStep[][] };

export interface TCompiledScenario {
  key: string;
  name: string;
  module: string;
  init: TCompiledStep[];
  steps: TCompiledStep[];
  end: TCompiledStep[];
  variables: [string, string][];
  /** null: no cookie jar. */
  cookies: { clearEachIteration: boolean } | null;
  pacing: TPacing | null;
  /** Does anything read `${__status}`? (Set per response only then.) */
  usesStatus: boolean;
  /** Does anything read `${__iteration}`? (Set per iteration only then; `${iteration}` always is.) */
  usesIterationAlias: boolean;
}

/** What compiling needs from the run: launch parameters and the environment `__env` may read. */
export interface TCompileContext {
  params?: Record<string, string>;
  env?: Record<string, string | undefined>;
}

/** A runtime for rendering at compile time (baseUrl): launch parameters and env, no VU. */
export function compileRuntime(ctx: TCompileContext): TTemplateRuntime {
  let n = 0;
  return {
    random: Math.random,
    nowMs: () => Date.now(),
    nextVuCounter: () => ++n,
    nextRunCounter: () => ++n,
    env: (name) => ctx.env?.[name],
    param: (name) => ctx.params?.[name],
  };
}

/**
 * The scenario's base URL with `${…}` rendered from its variables (launch parameters already
 * applied, see applyOverrides), `__P` and `__env`. Throws a clear error when the result is not an
 * http(s) URL, naming the scenario and the value.
 */
export function resolveBaseUrl(
  scenario: Pick<TScenario, "name" | "baseUrl" | "variables">,
  params: Record<string, string> = {},
  env: Record<string, string | undefined> = {},
): string {
  if (!scenario.baseUrl.includes("${")) return scenario.baseUrl;
  const vars: TVars = new Map(Object.entries(scenario.variables ?? {}).map(([k, v]) => [k, String(v)]));
  vars.runtime = compileRuntime({ params, env });
  const url = render(compileTemplate(scenario.baseUrl), vars).trim();
  if (!isHttpUrl(url))
    throw new Error(
      `scenario "${scenario.name}": baseUrl ${JSON.stringify(scenario.baseUrl)} renders to ${JSON.stringify(url)}, which is not an http(s) URL (set the variables it uses, e.g. --var name=value)`,
    );
  return url;
}

export function compileScenario(scenario: TScenario, key: string, ctx: TCompileContext = {}): TCompiledScenario {
  const base = new URL(resolveBaseUrl(scenario, ctx.params, ctx.env));
  const basePath = base.pathname.replace(/\/$/, "");
  const commonHeaders = Object.entries(scenario.headers ?? {});
  const compileSteps = (steps: TStep[] | undefined, where: string): TCompiledStep[] =>
    (steps ?? []).map((s, i) => compileStep(s, `${where}.${i}`));
  const compileStep = (step: TStep, where: string): TCompiledStep => {
    if ("request" in step) return compileRequest(step.request, base.origin, basePath, commonHeaders);
    if ("rendezvous" in step) return { kind: "rendezvous", name: step.rendezvous.name };
    if ("think" in step) {
      const t = step.think;
      const [min, max] = "seconds" in t ? [t.seconds, t.seconds] : [t.min, t.max];
      return { kind: "think", minMs: min * 1000, maxMs: max * 1000 };
    }
    if ("transaction" in step)
      return {
        kind: "transaction",
        name: step.transaction.name,
        steps: compileSteps(step.transaction.steps, `${where}.transaction.steps`),
      };
    if ("loop" in step) {
      const l = step.loop;
      const count = l.count === undefined ? null : typeof l.count === "number" ? l.count : compileTemplate(l.count);
      return {
        kind: "loop",
        count,
        while: l.while === undefined ? null : condition(l.while, `${where}.loop.while`),
        maxIterations: l.maxIterations ?? Number.POSITIVE_INFINITY,
        steps: compileSteps(l.steps, `${where}.loop.steps`),
      };
    }
    if ("forEach" in step)
      return {
        kind: "forEach",
        list: step.forEach.list,
        as: step.forEach.as,
        steps: compileSteps(step.forEach.steps, `${where}.forEach.steps`),
      };
    if ("if" in step)
      return {
        kind: "if",
        condition: condition(step.if.condition, `${where}.if.condition`),
        then: compileSteps(step.if.then, `${where}.if.then`),
        else: compileSteps(step.if.else, `${where}.if.else`),
      };
    if ("choose" in step) {
      let total = 0;
      const upTo = step.choose.map((b) => (total += b.weight));
      return { kind: "choose", upTo, total, branches: step.choose.map((b, i) => compileSteps(b.steps, `${where}.choose.${i}.steps`)) };
    }
    throw new Error(`${where}: unknown step ${Object.keys(step as object)[0]}`);
  };
  const text = JSON.stringify(scenario);
  const cookies =
    scenario.cookies === false ? null : { clearEachIteration: typeof scenario.cookies === "object" && scenario.cookies.clearEachIteration };
  return {
    key,
    name: scenario.name,
    module: scenarioModule(scenario),
    init: compileSteps(scenario.init, "init"),
    steps: compileSteps(scenario.steps, "steps"),
    end: compileSteps(scenario.end, "end"),
    variables: Object.entries(scenario.variables ?? {}).map(([k, v]) => [k, String(v)]),
    cookies,
    pacing: scenario.pacing && !scenario.load.arrivalRate ? scenario.pacing : null,
    usesStatus: text.includes("__status"),
    usesIterationAlias: text.includes("__iteration"),
  };
}

function condition(text: string, where: string): TCondition {
  try {
    return compileCondition(text);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}

function compileRequest(r: TRequest, origin: string, basePath: string, common: [string, string][]): TCompiledRequest {
  const absolute = /^https?:\/\//i.test(r.path);
  const headers = new Map<string, string>();
  for (const [k, v] of common) headers.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(r.headers ?? {})) headers.set(k.toLowerCase(), v);
  let body: TCompiledRequest["body"];
  if (r.json !== undefined) {
    headers.set("content-type", headers.get("content-type") ?? "application/json");
    const json = r.json;
    const t = compileJsonTemplate(json);
    body = hasTemplate(json) ? (vars) => JSON.stringify(t(vars)) : JSON.stringify(json);
  } else if (r.body !== undefined) {
    body = compileTemplate(r.body);
  } else if (r.form !== undefined) {
    headers.set("content-type", headers.get("content-type") ?? "application/x-www-form-urlencoded");
    const form = Object.entries(r.form).map(([k, v]) => [k, compileTemplate(String(v))] as const);
    body = (vars) => new URLSearchParams(form.map(([k, t]) => [k, render(t, vars)])).toString();
  } else if (r.multipart !== undefined) {
    const m = compileMultipart(r.multipart, (file) => readFileSync(path.resolve(file)));
    headers.set("content-type", `multipart/form-data; boundary=${m.boundary}`);
    body = m.isStatic ? buildMultipart(m, new Map()) : (vars) => buildMultipart(m, vars);
  }
  return {
    kind: "request",
    label: requestLabel(r),
    method: r.method,
    origin: absolute ? null : origin,
    path: compileTemplate(absolute ? r.path : basePath + (r.path.startsWith("/") ? r.path : `/${r.path}`)),
    query: Object.entries(r.query ?? {}).map(([k, v]) => [k, compileTemplate(String(v))]),
    headers: [...headers].map(([k, v]) => [k, compileTemplate(v)]),
    body,
    timeoutMs: r.timeoutSeconds * 1000,
    wantBody: needsBody(r.extract, r.expect),
    followRedirects: r.followRedirects,
    extract: r.extract,
    expect: r.expect,
    variableChecks: compileVariableChecks(r.expect?.variables),
    url: absolute ? r.path : origin + basePath + r.path,
  };
}
