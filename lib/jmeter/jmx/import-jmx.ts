/**
 * JMX import: a JMeter test plan → one Musterpoint scenario per Thread Group (setUp and tearDown
 * Thread Groups included: each becomes a scenario of its own, see lib/jmeter/README.md), validated
 * with the engine's ZScenario. Everything the importer does not carry over exactly is listed in
 * the report by element name and path — skipped (no equivalent) or approximated (imported with a
 * change) — never dropped silently. A thread group that cannot be mapped is reported in `invalid`
 * and does not stop the others; only XML that is not a JMeter plan throws (JmeterImportError).
 *
 * JMeter scoping is respected: config elements, timers, assertions and extractors apply to every
 * sampler in their scope, so a timer at thread-group level becomes a pause before each request,
 * and HTTP Request Defaults inside a Simple Controller apply to the samplers under it only.
 */
import { formatZodIssues, ZScenario, type TData, type TScenario, type TScenarioInput, type TScenarioIssue } from "../../engine/scenario";
import { launchParameterDefaults, requiredLaunchParameters, templateProblem } from "../../engine/template";
import { translateJmeterText } from "./jmeter-functions";
import { collectionProp, elementProp, parseJmx, prop, type TJmxElement, type TJmxProp } from "./jmx-tree";
import { enabledDescendants, isExtractor, isStepElement, type TCtx, type TScope, type TSamplerOutcome } from "./import-context";
import { loadOf } from "./import-load";
import { coverageOf, nameRendezvousPoints, nodeFinder } from "./import-plan";
import { headersOf } from "./import-request";
import { scopeOf, walkSteps, type TWalk } from "./import-steps";
import { jmxReason, jmxReasonFields, settingKey, type TJmxReason } from "./jmx-reason-codes";
import type { TCodedMessage } from "../../i18n/coded-messages";

export interface TJmxIssue {
  /** JMeter's element class (testclass), e.g. "IfController". */
  element: string;
  /** Test names from the plan root, e.g. "Test Plan/Vote_Interface_Test/login". */
  path: string;
  line: number;
  /** English. */
  reason: string;
  /** The same by code (lib/jmeter/jmx/jmx-reason-codes.ts), for the UI's languages; absent for a reason not coded. */
  parts?: TCodedMessage[];
}

/** A `${__P(name[,default])}` the scenarios read: a launch parameter (JMeter's -J). */
export interface TJmxLaunchParameter {
  name: string;
  /** Written somewhere as `${__P(name)}`: a run is refused without it. */
  required: boolean;
  /** The default written with it (the first one met). */
  default?: string;
  scenarios: string[];
}

/** Enabled HTTP samplers of the plan and how many became requests aimed at a usable host. */
export interface TJmxCoverage {
  samplers: number;
  usable: number;
  notUsable: { path: string; line: number; reason: string; parts?: TCodedMessage[] }[];
}

export interface TJmxImportReport {
  /** Elements with no equivalent: not imported. */
  skipped: TJmxIssue[];
  /** Elements imported with a change the user should know about. */
  approximated: TJmxIssue[];
  /** Launch parameters of the imported scenarios; those without a default must be given at launch. */
  launchParameters?: TJmxLaunchParameter[];
  /** Thread groups that did not become a scenario, and why. */
  notImported?: { threadGroup: string; path: string; reason: string; parts?: TCodedMessage[] }[];
  coverage?: TJmxCoverage;
}

export interface TJmxImportResult {
  scenarios: TScenario[];
  /** Thread groups whose scenario failed ZScenario validation (with zod's messages) or could not be read. */
  invalid: { threadGroup: string; path: string; errors: TScenarioIssue[] }[];
  report: TJmxImportReport;
}

const THREAD_GROUPS: Record<string, string> = { SetupThreadGroup: "setUp", PostThreadGroup: "tearDown" };

export function importJmx(text: string): TJmxImportResult {
  const roots = parseJmx(text);
  const report: TJmxImportReport = { skipped: [], approximated: [] };
  const seen = new Set<string>();
  const add = (list: TJmxIssue[], e: TJmxElement, why: TJmxReason) => {
    const fields = jmxReasonFields(why);
    // The same plan-level element is met once per thread group: one line is enough.
    const key = `${list === report.skipped ? "s" : "a"}\u0000${e.path}\u0000${e.line}\u0000${fields.reason}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push({ element: e.testclass, path: e.path, line: e.line, ...fields });
  };
  const skip = (e: TJmxElement, reason: TJmxReason) => add(report.skipped, e, reason);
  const approx = (e: TJmxElement, reason: TJmxReason) => add(report.approximated, e, reason);
  const scenarios: TScenario[] = [];
  const invalid: TJmxImportResult["invalid"] = [];
  const notImported: NonNullable<TJmxImportReport["notImported"]> = [];

  const plan = roots.find((r) => r.testclass === "TestPlan");
  for (const r of roots)
    if (r !== plan && !(r.testclass === "WorkBench" && r.children.length === 0)) skip(r, jmxReason("not_under_plan", {}));
  if (!plan) {
    report.coverage = { samplers: 0, usable: 0, notUsable: [] };
    return { scenarios, invalid, report };
  }
  const planLevel = plan.children.filter((c) => !isThreadGroup(c));
  const threadGroups = plan.children.filter(isThreadGroup);
  const findNode = nodeFinder(plan);
  const parents = new Map<TJmxElement, TJmxElement>();
  const index = (e: TJmxElement) => e.children.forEach((c) => (parents.set(c, e), index(c)));
  index(plan);
  const usedFragments = new Set<TJmxElement>();
  if (prop(plan.props, "TestPlan.serialize_threadgroups") === "true" && threadGroups.length > 1)
    approx(plan, jmxReason("consecutive_groups", {}));
  const usableSamplers = new Set<TJmxElement>();
  const outcomeOf = new Map<TJmxElement, TSamplerOutcome>();
  const built: { tg: TJmxElement; candidate: TScenarioInput; ctx: TCtx }[] = [];

  for (const tg of threadGroups) {
    if (!tg.enabled) {
      skip(tg, jmxReason("disabled", {}));
      continue;
    }
    try {
      const made = importThreadGroup(tg, plan, planLevel, { findNode, parentOf: (e) => parents.get(e), usedFragments }, skip, approx);
      built.push({ tg, ...made });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      invalid.push({ threadGroup: tg.testname, path: tg.path, errors: [{ path: "", message: `could not be imported: ${message}` }] });
      notImported.push({ threadGroup: tg.testname, path: tg.path, ...jmxReasonFields(jmxReason("not_importable", { detail: message })) });
    }
  }

  nameRendezvousPoints(
    built.map((b) => ({ tg: b.tg, items: b.ctx.rendezvous })),
    approx,
  );

  for (const { tg, candidate, ctx } of built) {
    const parsed = ZScenario.safeParse(candidate);
    for (const [e, o] of ctx.outcomes) if (!outcomeOf.get(e)?.usable) outcomeOf.set(e, o);
    if (parsed.success) {
      scenarios.push(parsed.data);
      for (const [e, o] of ctx.outcomes) if (o.usable) usableSamplers.add(e);
    } else {
      const errors = formatZodIssues(parsed.error.issues);
      invalid.push({ threadGroup: tg.testname, path: tg.path, errors });
      notImported.push({
        threadGroup: tg.testname,
        path: tg.path,
        // zod's own words (formatZodIssues), shown as data behind a worded prefix.
        ...jmxReasonFields(
          jmxReason("scenario_invalid", { detail: errors.map((x) => (x.path ? `${x.path}: ${x.message}` : x.message)).join("; ") }),
        ),
      });
    }
  }
  if (threadGroups.length === 0) skip(plan, jmxReason("no_thread_group", {}));
  for (const f of planLevel)
    if (f.testclass === "TestFragmentController" && !usedFragments.has(f) && f.children.length) skip(f, jmxReason("unused_fragment", {}));

  const params = new Map<string, TJmxLaunchParameter>();
  for (const s of scenarios) {
    const required = new Set(requiredLaunchParameters(s));
    const defaults = launchParameterDefaults(s);
    for (const name of new Set([...required, ...Object.keys(defaults)])) {
      const p = params.get(name) ?? { name, required: false, scenarios: [] };
      p.scenarios.push(s.name);
      if (required.has(name)) p.required = true;
      if (p.default === undefined && defaults[name] !== undefined) p.default = defaults[name];
      params.set(name, p);
    }
  }
  if (params.size) report.launchParameters = [...params.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (notImported.length) report.notImported = notImported;
  report.coverage = coverageOf(threadGroups, usableSamplers, outcomeOf);
  return { scenarios, invalid, report };
}

function isThreadGroup(e: TJmxElement): boolean {
  return /ThreadGroup$/.test(e.testclass);
}

type Report = (e: TJmxElement, reason: TJmxReason) => void;

function importThreadGroup(
  tg: TJmxElement,
  plan: TJmxElement,
  planLevel: TJmxElement[],
  modules: Pick<TCtx, "findNode" | "parentOf" | "usedFragments">,
  skip: Report,
  approx: Report,
): { candidate: TScenarioInput; ctx: TCtx } {
  const kind = THREAD_GROUPS[tg.testclass];
  if (kind) approx(tg, jmxReason(kind === "setUp" ? "setup_group" : "teardown_group", {}));
  else if (/(Concurrency|Ultimate)ThreadGroup$/.test(tg.testclass))
    approx(tg, jmxReason("plugin_schedule", { testclass: tg.testclass.replace(/.*\./, "") }));
  else if (tg.testclass !== "ThreadGroup") approx(tg, jmxReason("plugin_group", { testclass: tg.testclass }));

  // Everything JMeter would apply to this thread group: plan-level elements, then its own subtree.
  const inScope = [...planLevel, ...enabledDescendants(tg.children)];
  const udv: Record<string, string> = { ...argumentsOf(elementProp(plan.props, "TestPlan.user_defined_variables")?.props ?? []) };
  for (const e of inScope) if (e.enabled && e.testclass === "Arguments") Object.assign(udv, argumentsOf(e.props));
  // `who = ${__P(who,me)}` (what our exporter writes, and a common JMeter idiom) is exactly a
  // scenario variable: launch parameters override scenario variables of the same name.
  for (const [k, v] of Object.entries(udv)) {
    const own = /^\$\{__P(?:roperty)?\(([^,()]+),((?:[^()$\\]|\\.)*)\)\}$/.exec(v.trim());
    if (own && (own[1] as string).trim() === k) udv[k] = (own[2] as string).replace(/\\,/g, ",");
  }

  const make = (quiet: boolean): TCtx => {
    const sk: Report = quiet ? () => {} : skip;
    const ap: Report = quiet ? () => {} : approx;
    const variables: Record<string, string> = {};
    const placeholders = new Set<string>();
    let n = 0;
    const ctx: TCtx = {
      tg,
      skip: sk,
      approx: ap,
      text: (e, raw) => {
        const placeholder = (fn: string) => {
          const name = `jmeter_${fn.replace(/[^A-Za-z0-9_]/g, "_")}_${++n}`;
          placeholders.add(name);
          variables[name] = "";
          return name;
        };
        return validTemplate(
          translateJmeterText(raw, { udv, threadGroupName: tg.testname, note: (m) => ap(e, m), placeholder }),
          raw,
          (m) => ap(e, m),
          placeholder,
        );
      },
      num: () => undefined,
      scenarioHeaders: {},
      variables,
      runtimeNames: new Set(),
      placeholders,
      outcomes: new Map(),
      findNode: modules.findNode,
      parentOf: modules.parentOf,
      usedFragments: quiet ? new Set() : modules.usedFragments,
      moduleStack: [],
      rendezvous: [],
      cookies: undefined,
      data: [],
      init: [],
    };
    ctx.num = (e, raw, what) => numberOf(ctx, e, raw, what);
    for (const e of [...planLevel, ...tg.children])
      if (e.enabled && e.testclass === "HeaderManager")
        for (const [k, v] of Object.entries(headersOf(e))) ctx.scenarioHeaders[ctx.text(e, k)] = ctx.text(e, v);
    // Plain values become scenario variables; values holding functions are used in place (jmeter-functions.ts).
    for (const [k, v] of Object.entries(udv)) if (!v.includes("${")) variables[k] = v;
    return ctx;
  };

  const gather = (ctx: TCtx) => {
    for (const e of inScope) {
      if (!e.enabled) continue;
      const nested = !planLevel.includes(e) && !tg.children.includes(e);
      if (e.testclass === "CookieManager") {
        if (ctx.cookies) ctx.approx(e, jmxReason("second_cookie_manager", {}));
        else ctx.cookies = { element: e, clearEachIteration: prop(e.props, "CookieManager.clearEachIteration") === "true" };
        if (nested) ctx.approx(e, jmxReason("nested_cookie_manager", {}));
        if ((collectionProp(e.props, "CookieManager.cookies") ?? []).length > 0) ctx.skip(e, jmxReason("cookies_not_imported", {}));
      } else if (e.testclass === "CSVDataSet") {
        ctx.data.push({ element: e, data: csvDataOf(e, ctx) });
        if (nested) ctx.approx(e, jmxReason("nested_csv", {}));
      } else if (isExtractor(e)) for (const name of extractedNames(e)) ctx.runtimeNames.add(name);
    }
    for (const d of ctx.data) for (const c of d.data.columns ?? []) ctx.runtimeNames.add(c);
  };

  const topScope = (ctx: TCtx): TScope => {
    const empty: TScope = { timers: [], headers: {}, assertions: [], extractors: [], defaults: [] };
    // Header Managers of the whole thread group become the scenario's headers (below).
    return scopeOf(
      [...planLevel, ...tg.children].filter((e) => e.testclass !== "HeaderManager"),
      empty,
      ctx,
      tg,
    );
  };
  const stepsOfTg = (w: TWalk) => walkSteps(tg.children.filter(isStepElement), topScope(w.ctx), w, { topLevel: true, inLoop: false });

  // First pass, silent: where do the requests go? The most used origin becomes the baseUrl.
  const probe = make(true);
  gather(probe);
  const probeWalk: TWalk = { ctx: probe, baseUrl: "", origins: [] };
  stepsOfTg(probeWalk);
  const counts = new Map<string, number>();
  for (const t of probeWalk.origins) if (t.origin) counts.set(t.origin, (counts.get(t.origin) ?? 0) + (t.usable ? 2 : 1));
  // Only an origin ZScenario takes as a baseUrl can be one (a sampler's odd text stays in its own path).
  let baseUrl = [...counts].sort((a, b) => b[1] - a[1]).find(([o]) => ZScenario.shape.baseUrl.safeParse(o).success)?.[0];

  const ctx = make(false);
  gather(ctx);
  if (!baseUrl) {
    baseUrl = "http://${__P(host)}";
    if (probeWalk.origins.length) approx(tg, jmxReason("no_base_url", {}));
  }
  const walk: TWalk = { ctx, baseUrl, origins: [] };
  const steps = stepsOfTg(walk);
  // A Once Only Controller becomes init, which runs before the whole first iteration.
  const stepChildren = tg.children.filter((c) => c.enabled && isStepElement(c));
  stepChildren.forEach((c, i) => {
    if (c.testclass === "OnceOnlyController" && stepChildren.slice(0, i).some((x) => x.testclass !== "OnceOnlyController"))
      approx(c, jmxReason("became_init", {}));
  });
  const load = loadOf(tg, ctx);
  // JMeter 5's "Same user on each iteration" unticked clears the cookie jar every iteration too.
  const newUser = prop(tg.props, "ThreadGroup.same_user_on_next_iteration") === "false";
  if (newUser && ctx.cookies && !ctx.cookies.clearEachIteration) approx(tg, jmxReason("new_user_each_iteration", {}));
  const cookies = ctx.cookies ? (ctx.cookies.clearEachIteration || newUser ? { clearEachIteration: true } : true) : false;
  const data: TData[] = ctx.data.map((d) => d.data);
  const headers = ctx.scenarioHeaders;
  const candidate: TScenarioInput = {
    name: plainName(tg.testname),
    module: plainName(tg.testname),
    baseUrl,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(Object.keys(ctx.variables).length ? { variables: ctx.variables } : {}),
    cookies,
    load,
    ...(data.length === 1 ? { data: data[0] } : data.length > 1 ? { data } : {}),
    ...(ctx.init.length ? { init: ctx.init } : {}),
    steps,
  };
  return { candidate, ctx };
}

/** A name is a label, never rendered: text our templates would refuse loses its "${". */
function plainName(name: string): string {
  const trimmed = name.trim().slice(0, 200) || "Thread Group";
  return templateProblem(trimmed) ? trimmed.replace(/\$\{/g, "$ {") : trimmed;
}

/**
 * JMeter sends an unclosed `${__fn(` as text; our templates cannot hold one, so a space goes after
 * its `$` (reported). Anything else still refused becomes a placeholder variable.
 */
function validTemplate(text: string, raw: string, note: (m: TJmxReason) => void, placeholder: (fn: string) => string): string {
  let out = text;
  for (let i = 0; i < 20; i++) {
    const problem = templateProblem(out);
    if (!problem) return out;
    const at = Number(/ at (\d+)/.exec(problem)?.[1] ?? "0") - 1;
    if (at < 0 || !out.startsWith("${", at)) break;
    out = `${out.slice(0, at + 1)} ${out.slice(at + 1)}`;
    note(jmxReason("text_dollar_space", { raw, problem }));
  }
  if (!templateProblem(out)) return out;
  const name = placeholder("text");
  note(jmxReason("text_placeholder", { raw, problem: templateProblem(out) ?? "", variable: `\${${name}}` }));
  return `\${${name}}`;
}

function extractedNames(e: TJmxElement): string[] {
  if (e.testclass === "JSONPostProcessor")
    return (prop(e.props, "JSONPostProcessor.referenceNames") ?? "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
  const name =
    prop(e.props, "RegexExtractor.refname") ??
    prop(e.props, "BoundaryExtractor.refname") ??
    prop(e.props, "VAR") ??
    prop(e.props, "XPathExtractor.refname");
  return name ? [name.trim()] : [];
}

/**
 * A number from a JMeter property: a literal; a variable, `${__P(name,default)}` or a function
 * whose value is known at import (reported); else undefined (reported).
 */
function numberOf(ctx: TCtx, e: TJmxElement, raw: string | undefined, what: string): number | undefined {
  const n = numberOfRaw(ctx, e, raw, what);
  if (n !== undefined && Math.abs(n) > MAX_NUMBER) {
    ctx.approx(e, jmxReason("number_capped", { what: settingKey(what), raw: raw ?? "", max: MAX_NUMBER }));
    return Math.sign(n) * MAX_NUMBER;
  }
  return n;
}

/** Counts and milliseconds above this are typing accidents; it keeps every value a safe integer. */
const MAX_NUMBER = 1_000_000_000;

function numberOfRaw(ctx: TCtx, e: TJmxElement, raw: string | undefined, what: string): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const v = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  const t = ctx.text(e, v).trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    approx(jmxReason("number_evaluated", { what: settingKey(what), raw: v, value: t }));
    return Number(t);
  }
  const param = /^\$\{__P\(([^,)]*),\s*(-?\d+(?:\.\d+)?)\s*\)\}$/.exec(t);
  if (param) {
    approx(jmxReason("number_property", { what: settingKey(what), name: param[1]!, value: param[2]! }));
    return Number(param[2]);
  }
  const variable = /^\$\{([^}]*)\}$/.exec(t);
  const value = variable ? ctx.variables[variable[1] as string] : undefined;
  if (value !== undefined && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    approx(jmxReason("number_variable", { what: settingKey(what), name: variable![1]!, value: value.trim() }));
    return Number(value);
  }
  const random = /^\$\{__randomInt\((-?\d+),(-?\d+)\)\}$/.exec(t);
  if (random) {
    const mid = (Number(random[1]) + Number(random[2])) / 2;
    approx(jmxReason("number_random", { what: settingKey(what), min: random[1]!, max: random[2]!, value: mid }));
    return mid;
  }
  approx(jmxReason("number_unreadable", { what: settingKey(what), raw: v }));
  return undefined;

  function approx(m: TJmxReason) {
    ctx.approx(e, m);
  }
}

function argumentsOf(props: TJmxProp[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of collectionProp(props, "Arguments.arguments") ?? [])
    if (a.kind === "element") {
      const name = prop(a.props, "Argument.name");
      if (name) out[name] = prop(a.props, "Argument.value") ?? "";
    }
  return out;
}

function csvDataOf(e: TJmxElement, ctx: TCtx): TData {
  const p = e.props;
  let delimiter = prop(p, "delimiter") || ",";
  if (delimiter === "\\t") delimiter = "\t";
  if (delimiter.length !== 1) {
    ctx.approx(e, jmxReason("csv_delimiter", { delimiter }));
    delimiter = ",";
  }
  const names = ctx
    .text(e, prop(p, "variableNames") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const recycle = prop(p, "recycle") !== "false";
  const stopThread = prop(p, "stopThread") === "true";
  const share = prop(p, "shareMode") ?? "shareMode.all";
  // JMeter 2.x wrote the GUI's words ("All threads"); later versions the key.
  if (share !== "shareMode.all" && share !== "All threads") ctx.approx(e, jmxReason("csv_sharing", { mode: share }));
  if (prop(p, "ignoreFirstLine") === "true" && names.length) ctx.approx(e, jmxReason("csv_ignore_first_line", {}));
  const mode: TData["mode"] = !recycle && stopThread ? "unique" : "sequential";
  if (!recycle && !stopThread) ctx.approx(e, jmxReason("csv_recycle", {}));
  const file = ctx.text(e, prop(p, "filename") ?? "").trim() || "data.csv";
  ctx.approx(e, jmxReason("csv_file", { file }));
  return { file, mode, delimiter, ...(names.length ? { columns: names } : {}) };
}
