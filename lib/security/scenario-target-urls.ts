/**
 * Where a scenario document names its targets: the (possibly templated) baseUrl and every
 * absolute request path, in init, steps and end and inside every container (transaction, loop,
 * forEach, if/else, choose). Works on documents that have not passed ZScenario yet (save-time
 * checks see raw input), so it walks defensively; the container keys are the ones
 * `childStepLists` in lib/engine/scenario.ts knows (a test keeps the two in step).
 */
import { compileTemplate, render, type TTemplateRuntime, type TVars } from "../engine/template";

/** The parts of a scenario document (lib/engine ZScenario) that name targets. */
export interface TScenarioTargets {
  name?: string;
  baseUrl: string;
  variables?: Record<string, unknown>;
  init?: unknown[];
  steps?: unknown[];
  end?: unknown[];
}

/** What a templated target is resolved with: launch parameters and the `__env` values the runner exposes. */
export interface TTargetContext {
  /** Launch parameters (overrides.variables): override scenario variables, read by `__P`. */
  params?: Record<string, string | number | boolean>;
  /** What `__env(NAME)` reads (the worker's filtered set); absent: defaults only. */
  env?: Record<string, string | undefined>;
  /**
   * Launch / run time: a baseUrl whose host still has no value is refused. At save time it is
   * only reported as unchecked — a launch parameter may give it later.
   */
  atLaunch?: boolean;
}

export interface TTargetUrl {
  /** "baseUrl" or "steps.2.loop.steps.0.request.path". */
  path: string;
  /** As written in the document. */
  raw: string;
  /** With the scenario's variables (and launch parameters) filled in. */
  url: string;
}

const CONTAINERS = ["transaction", "loop", "forEach"] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The child step lists of a raw step, with their path suffixes (as childStepLists). */
export function rawChildStepLists(step: Record<string, unknown>): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const key of CONTAINERS) {
    const c = step[key];
    if (isRecord(c) && Array.isArray(c.steps)) out.push([`${key}.steps`, c.steps]);
  }
  const cond = step.if;
  if (isRecord(cond)) {
    if (Array.isArray(cond.then)) out.push(["if.then", cond.then]);
    if (Array.isArray(cond.else)) out.push(["if.else", cond.else]);
  }
  if (Array.isArray(step.choose))
    step.choose.forEach((b, i) => {
      if (isRecord(b) && Array.isArray(b.steps)) out.push([`choose.${i}.steps`, b.steps]);
    });
  return out;
}

/** Every step object of a raw document, depth first, with its path (init, steps, end). */
export function walkRawSteps(
  doc: Pick<TScenarioTargets, "init" | "steps" | "end">,
  visit: (step: Record<string, unknown>, path: string) => void,
): void {
  const walk = (list: unknown[], base: string, depth: number) => {
    if (depth > 64) return; // absurd nesting: the schema refuses it anyway
    list.forEach((step, i) => {
      if (!isRecord(step)) return;
      const path = `${base}.${i}`;
      visit(step, path);
      for (const [suffix, children] of rawChildStepLists(step)) walk(children, `${path}.${suffix}`, depth + 1);
    });
  };
  for (const key of ["init", "steps", "end"] as const) {
    const list = doc[key];
    if (Array.isArray(list)) walk(list, key, 0);
  }
}

/** Variables to resolve targets with: the scenario's, launch parameters on top (as the engine does). */
function targetVars(scenario: TScenarioTargets, context: TTargetContext): TVars {
  const vars: TVars = new Map();
  if (isRecord(scenario.variables))
    for (const [k, v] of Object.entries(scenario.variables)) if (["string", "number", "boolean"].includes(typeof v)) vars.set(k, String(v));
  for (const [k, v] of Object.entries(context.params ?? {})) vars.set(k, String(v));
  vars.runtime = checkRuntime(context);
  return vars;
}

/**
 * A runtime for resolving target templates: `__P` and `__env` read the context (else their
 * defaults), generated values are harmless constants — a host never depends on them.
 */
function checkRuntime(context: TTargetContext): TTemplateRuntime {
  return {
    random: () => 0,
    nowMs: () => Date.now(),
    nextVuCounter: () => 1,
    nextRunCounter: () => 1,
    env: (name) => context.env?.[name],
    param: (name) => (context.params && name in context.params ? String(context.params[name]) : undefined),
  };
}

/** Fill in what is known; a template that cannot be rendered stays as written. */
function resolve(text: string, vars: TVars): string {
  if (!text.includes("${")) return text;
  try {
    return render(compileTemplate(text), vars);
  } catch {
    return text;
  }
}

/** baseUrl and every absolute request path (init, steps, end, every container), resolved. */
export function scenarioTargetUrls(scenario: TScenarioTargets, context: TTargetContext = {}): TTargetUrl[] {
  const vars = targetVars(scenario, context);
  const out: TTargetUrl[] = [{ path: "baseUrl", raw: scenario.baseUrl, url: resolve(String(scenario.baseUrl ?? ""), vars) }];
  walkRawSteps(scenario, (step, path) => {
    const request = step.request;
    if (!isRecord(request) || typeof request.path !== "string") return;
    const raw = request.path;
    // INVARIANT: absolute as the engine decides it (vu.ts): the path as written starts with http(s)://;
    // anything else is appended to baseUrl.
    if (/^https?:\/\//i.test(raw)) out.push({ path: `${path}.request.path`, raw, url: resolve(raw, vars) });
  });
  return out;
}
