/**
 * Samplers and logic controllers → steps. Each JMeter controller maps to the construct that does
 * the same (Loop → loop, While → loop while, If → if, ForEach → forEach, Throughput → choose with
 * an empty branch, Random → choose, Switch → if/else chain, Once Only → init or a first-iteration
 * if, Module → the subtree it names, Simple/Recording/Generic → inline, Transaction →
 * transaction); where the mapping changes behaviour the report says how.
 */
import { DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS } from "../../engine/scenario";
import { conditionProblem } from "../../engine/expression";
import { translateCondition } from "./jmx-conditions";
import { cappedSeconds } from "./import-seconds";
import { collectionProp, prop, type TJmxElement } from "./jmx-tree";
import {
  ASSERTIONS,
  isExtractor,
  isStepElement,
  LISTENERS,
  SAMPLERS_HTTP,
  TIMERS,
  type TCtx,
  type TScope,
  type TStepIn,
} from "./import-context";
import { headersOf, requestOf, targetOf, type TTarget } from "./import-request";
import { jmxReason, jmxReasonThen } from "./jmx-reason-codes";
import type { TCodedMessage } from "../../i18n/coded-messages";

/** Where a list of steps sits: Once Only needs to know whether it is at the top of the thread group. */
export interface TWhere {
  /** Only inline containers (Simple, Recording …) between here and the thread group. */
  topLevel: boolean;
  /** Inside a loop, while or forEach. */
  inLoop: boolean;
}

export interface TWalk {
  ctx: TCtx;
  baseUrl: string;
  /** Origins of every request, in order (a first pass uses them to pick the scenario's baseUrl). */
  origins: TTarget[];
}

// The condition parser is written alongside this importer; until it parses a plain comparison
// every translated condition would look broken, so its verdicts are only trusted once it does.
const CONDITIONS_LIVE = conditionProblem("1 == 1") === null;

function conditionOk(text: string): boolean {
  return !CONDITIONS_LIVE || conditionProblem(text) === null;
}

export function walkSteps(elements: TJmxElement[], outer: TScope, w: TWalk, where: TWhere): TStepIn[] {
  const { ctx } = w;
  const steps: TStepIn[] = [];
  for (const e of elements) {
    if (!e.enabled) {
      ctx.skip(e, jmxReason("disabled", {}));
      continue;
    }
    try {
      steps.push(...stepsOf(e, outer, w, where));
    } catch (error) {
      // One element the importer cannot read does not cost the rest of the thread group.
      ctx.skip(e, jmxReason("not_importable", { detail: error instanceof Error ? error.message : String(error) }));
    }
  }
  return steps;
}

function stepsOf(e: TJmxElement, outer: TScope, w: TWalk, where: TWhere): TStepIn[] {
  const { ctx } = w;
  if (SAMPLERS_HTTP.has(e.testclass) || e.testclass === "TestAction") {
    const own = scopeOf(e.children, outer, ctx, e);
    const steps = timerSteps(own.timers, ctx);
    if (e.testclass === "TestAction") {
      const action = prop(e.props, "ActionProcessor.action") ?? "1";
      if (action !== "1") ctx.skip(e, jmxReason(action === "0" ? "test_action_stop" : "test_action_other", {}));
      else {
        const ms = ctx.num(e, prop(e.props, "ActionProcessor.duration"), "pause duration") ?? 0;
        if (ms > 0) steps.push({ think: { seconds: cappedSeconds(ctx, e, ms / 1000, "pause duration") } });
      }
      return steps;
    }
    const target = targetOf(e, own, ctx);
    w.origins.push(target);
    const request = requestOf(e, own, target, w.baseUrl, ctx);
    if (request) {
      steps.push({ request });
      ctx.outcomes.set(e, target.usable ? { usable: true } : { usable: false, why: target.why ?? jmxReason("no_usable_server", {}) });
      if (!target.usable) ctx.approx(e, jmxReasonThen(jmxReason("server_unresolved", {}), target.why ?? jmxReason("no_usable_server", {})));
    } else if (!ctx.outcomes.has(e)) ctx.outcomes.set(e, { usable: false, why: jmxReason("sampler_not_imported", {}) });
    return steps;
  }
  if (/Sampler$/.test(e.testclass) || e.testclass === "TestAction") {
    ctx.skip(e, jmxReason("sampler_no_equivalent", {}));
    return [];
  }
  const inner = scopeOf(e.children, outer, ctx, e);
  const kids = e.children.filter(isStepElement);
  const body = (wh: Partial<TWhere> = {}) => walkSteps(kids, inner, w, { ...where, topLevel: false, ...wh });
  switch (e.testclass) {
    case "GenericController":
    case "RecordingController":
      return walkSteps(kids, inner, w, where);
    case "TransactionController": {
      const children = body();
      if (prop(e.props, "TransactionController.includeTimers") !== "true" && JSON.stringify(children).includes('{"think":'))
        ctx.approx(e, jmxReason("transaction_timers", {}));
      if (children.length === 0) {
        ctx.skip(e, jmxReason("empty_transaction", {}));
        return [];
      }
      if (prop(e.props, "TransactionController.parent") === "true") ctx.approx(e, jmxReason("parent_sample", {}));
      return [{ transaction: { name: ctx.text(e, e.testname), steps: children } }];
    }
    case "OnceOnlyController": {
      if (where.topLevel) {
        ctx.init.push(...walkSteps(kids, inner, w, { topLevel: false, inLoop: false }));
        return [];
      }
      const children = body();
      if (where.inLoop) ctx.approx(e, jmxReason("once_only_in_loop", {}));
      return children.length ? [{ if: { condition: "${__iteration} == 1", then: children } }] : [];
    }
    case "LoopController": {
      const raw = (prop(e.props, "LoopController.loops") ?? "1").trim();
      const children = body({ inLoop: true });
      if (children.length === 0) return [];
      const text = ctx.text(e, raw);
      if (/^-?\d+$/.test(text)) {
        const n = ctx.num(e, text, "loop count") ?? 1;
        if (n < 0 || (prop(e.props, "LoopController.continue_forever") === "true" && n < 0)) {
          ctx.approx(e, jmxReason("loop_forever", {}));
          return [{ loop: { while: "true", steps: children } }];
        }
        if (n === 0) return neverRun(ctx, e, jmxReason("loop_count_zero", {}));
        return n === 1 ? children : [{ loop: { count: n, steps: children } }];
      }
      if (!text.includes("${")) {
        ctx.approx(e, jmxReason("loop_count_nan", { raw }));
        return children;
      }
      return [{ loop: { count: text, steps: children } }];
    }
    case "WhileController": {
      const raw = prop(e.props, "WhileController.condition") ?? "";
      const children = body({ inLoop: true });
      if (children.length === 0) return [];
      if (raw.trim() === "" || raw.trim() === "LAST") {
        ctx.approx(e, jmxReason("while_until_failure", {}));
        return [{ loop: { while: "${__status} < 400", steps: children } }];
      }
      const cond = translateCondition(raw, false, envOf(ctx, e));
      if (cond && conditionOk(cond.condition)) {
        if (cond.note) ctx.approx(e, cond.note);
        return [{ loop: { while: cond.condition, steps: children } }];
      }
      ctx.approx(e, jmxReason("while_unwritable", { raw }));
      return [{ loop: { while: "true", maxIterations: 1, steps: children } }];
    }
    case "IfController": {
      const raw = prop(e.props, "IfController.condition") ?? "";
      const children = body();
      if (children.length === 0) return [];
      if (raw.trim() === "") return neverRun(ctx, e, jmxReason("if_empty", {}));
      if (prop(e.props, "IfController.evaluateAll") === "true") ctx.approx(e, jmxReason("if_evaluate_all", {}));
      const cond = translateCondition(raw, prop(e.props, "IfController.useExpression") === "true", envOf(ctx, e));
      if (cond && conditionOk(cond.condition)) {
        if (cond.note) ctx.approx(e, cond.note);
        return [{ if: { condition: cond.condition, then: children } }];
      }
      ctx.approx(e, jmxReason("if_unwritable", { raw }));
      return [{ if: { condition: "true", then: children } }];
    }
    case "ForeachController": {
      const input = ctx.text(e, (prop(e.props, "ForeachController.inputVal") ?? "").trim());
      const as = ctx.text(e, (prop(e.props, "ForeachController.returnVal") ?? "").trim());
      const children = body({ inLoop: true });
      if (children.length === 0) return [];
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/;
      if (!name.test(input) || !name.test(as)) {
        ctx.skip(e, jmxReason("foreach_names", { input, output: as, steps: children.length }));
        return [];
      }
      if (prop(e.props, "ForeachController.useSeparator") === "false") ctx.approx(e, jmxReason("foreach_separator", { input }));
      if ((prop(e.props, "ForeachController.startIndex") ?? "").trim() || (prop(e.props, "ForeachController.endIndex") ?? "").trim())
        ctx.approx(e, jmxReason("foreach_indexes", {}));
      ctx.runtimeNames.add(as);
      return [{ forEach: { list: input, as, steps: children } }];
    }
    case "ThroughputController":
      return throughput(e, body(), ctx);
    case "RandomController":
    case "InterleaveControl": {
      const branches = kids.filter((k) => k.enabled).map((k) => walkSteps([k], inner, w, { ...where, topLevel: false }));
      if (branches.length === 0) return [];
      if (e.testclass === "InterleaveControl") ctx.approx(e, jmxReason("interleave_random", {}));
      else if (prop(e.props, "InterleaveControl.style") !== "1") ctx.approx(e, jmxReason("interleave_blocks", {}));
      return branches.length === 1 ? (branches[0] as TStepIn[]) : [{ choose: branches.map((steps) => ({ weight: 1, steps })) }];
    }
    case "SwitchController":
      return switchOf(e, kids, inner, w, where);
    case "RandomOrderController":
      ctx.approx(e, jmxReason("random_order", {}));
      return body();
    case "RunTime":
      ctx.approx(e, jmxReason("runtime_once", { seconds: prop(e.props, "RunTime.seconds") ?? "?" }));
      return body();
    case "CriticalSectionController":
      ctx.approx(e, jmxReason("critical_section", {}));
      return body();
    case "ModuleController":
      return moduleOf(e, inner, w, where);
    case "IncludeController":
      ctx.skip(e, jmxReason("include_file", { path: prop(e.props, "IncludeController.includepath") ?? "?" }));
      return [];
    case "TestFragmentController":
      return [];
    default:
      ctx.skip(e, jmxReason("no_equivalent", {}));
      return [];
  }
}

/** Children JMeter never runs (a loop count of 0, a fixed Switch value …): reported, and their samplers counted as not imported. */
function neverRun(ctx: TCtx, e: TJmxElement, why: TCodedMessage, children: TJmxElement[] = e.children): TStepIn[] {
  ctx.skip(e, why);
  const mark = (x: TJmxElement) => {
    if (!x.enabled) return;
    if (SAMPLERS_HTTP.has(x.testclass)) ctx.outcomes.set(x, { usable: false, why: jmxReasonThen(jmxReason("never_runs", {}), why) });
    x.children.forEach(mark);
  };
  children.forEach(mark);
  return [];
}

function envOf(ctx: TCtx, e: TJmxElement): (s: string) => string {
  return (s) => ctx.text(e, s);
}

/** Throughput Controller: percent → choose with an empty branch; total executions → a counter guard. */
function throughput(e: TJmxElement, children: TStepIn[], ctx: TCtx): TStepIn[] {
  if (children.length === 0) return [];
  const style = (prop(e.props, "ThroughputController.style") ?? "0").trim();
  const perThread = prop(e.props, "ThroughputController.perThread") === "true";
  if (style === "1") {
    const pct = ctx.num(e, prop(e.props, "ThroughputController.percentThroughput"), "percentage") ?? 100;
    if (pct >= 100) return children;
    if (pct <= 0) return neverRun(ctx, e, jmxReason("throughput_zero_pct", {}));
    if (!perThread) ctx.approx(e, jmxReason("throughput_all_users", {}));
    return [
      {
        choose: [
          { weight: pct, steps: children },
          { weight: 100 - pct, steps: [] },
        ],
      },
    ];
  }
  const max = ctx.num(e, prop(e.props, "ThroughputController.maxThroughput"), "execution count") ?? 1;
  if (max <= 0) return neverRun(ctx, e, jmxReason("throughput_zero_count", {}));
  if (perThread) {
    ctx.approx(e, jmxReason("throughput_per_user", { max }));
    return [{ if: { condition: `\${__iteration} <= ${max}`, then: children } }];
  }
  return [{ if: { condition: `\${__counter(run)} <= ${max}`, then: children } }];
}

/** Switch Controller: a fixed value picks its child at import; a variable value becomes an if/else chain. */
function switchOf(e: TJmxElement, kids: TJmxElement[], inner: TScope, w: TWalk, where: TWhere): TStepIn[] {
  const { ctx } = w;
  const enabled = kids.filter((k) => k.enabled);
  if (enabled.length === 0) return [];
  const value = ctx.text(e, (prop(e.props, "SwitchController.value") ?? "").trim());
  const branch = (k: TJmxElement) => walkSteps([k], inner, w, { ...where, topLevel: false });
  if (!value.includes("${")) {
    // JMeter: a number picks that child (out of range: the first); a name picks that child, else "default", else none.
    const picked =
      value === "" || /^\d+$/.test(value)
        ? (enabled[Number(value || "0")] ?? enabled[0])
        : (enabled.find((k) => k.testname === value) ?? enabled.find((k) => k.testname === "default"));
    const others = enabled.filter((k) => k !== picked);
    if (others.length)
      neverRun(
        ctx,
        e,
        picked ? jmxReason("switch_fixed", { value, picked: picked.testname }) : jmxReason("switch_fixed_none", { value }),
        others,
      );
    return picked ? branch(picked) : [];
  }
  // JMeter: a number out of range runs the first child; a name that matches none runs the child
  // named "default" (none without one). One fallback has to serve both here.
  const fallback = enabled.find((k) => k.testname === "default") ?? (enabled[0] as TJmxElement);
  ctx.approx(e, jmxReason("switch_default", { name: fallback.testname }));
  let chain: TStepIn[] = branch(fallback);
  for (let i = enabled.length - 1; i >= 0; i--) {
    const k = enabled[i] as TJmxElement;
    const steps = branch(k);
    const q = (x: string) => x.replace(/["\\]/g, "\\$&");
    const cond = `"${q(value)}" == "${i}" || "${q(value)}" == "${q(k.testname)}"`;
    if (!conditionOk(cond)) {
      ctx.approx(e, jmxReason("switch_uncomparable", { value }));
      return branch(enabled[0] as TJmxElement);
    }
    chain = [
      { if: { condition: cond, then: steps.length ? steps : [{ think: { seconds: 0 } }], ...(chain.length ? { else: chain } : {}) } },
    ];
  }
  return chain;
}

/** Module Controller: the controller its node path names, when that is in this file. */
function moduleOf(e: TJmxElement, scope: TScope, w: TWalk, where: TWhere): TStepIn[] {
  const { ctx } = w;
  const path = (collectionProp(e.props, "ModuleController.node_path") ?? []).flatMap((p) => (p.kind === "value" ? [p.value] : []));
  const target = ctx.findNode(path);
  if (!target) {
    ctx.skip(e, jmxReason("module_missing", { path: path.join(" > ") }));
    return [];
  }
  if (ctx.moduleStack.includes(target)) {
    ctx.skip(e, jmxReason("module_self", { path: path.join(" > ") }));
    return [];
  }
  ctx.usedFragments.add(target);
  for (let up = ctx.parentOf(target); up; up = ctx.parentOf(up)) ctx.usedFragments.add(up);
  ctx.moduleStack.push(target);
  try {
    if (target.testclass === "TestFragmentController") {
      const inner = scopeOf(target.children, scope, ctx, target);
      return walkSteps(target.children.filter(isStepElement), inner, w, where);
    }
    return walkSteps([target], scope, w, where);
  } finally {
    ctx.moduleStack.pop();
  }
}

/** The scope of a sampler or controller: the outer one plus its own config children. */
export function scopeOf(children: TJmxElement[], outer: TScope, ctx: TCtx, owner: TJmxElement): TScope {
  const s: TScope = {
    timers: [...outer.timers],
    headers: { ...outer.headers },
    assertions: [...outer.assertions],
    extractors: [...outer.extractors],
    defaults: [...outer.defaults],
  };
  for (const c of children) {
    if (isStepElement(c)) continue;
    if (!c.enabled) {
      ctx.skip(c, jmxReason("disabled", {}));
      continue;
    }
    if (TIMERS.has(c.testclass)) s.timers.push(c);
    else if (c.testclass === "HeaderManager") Object.assign(s.headers, headersOf(c));
    else if (ASSERTIONS.test(c.testclass)) s.assertions.push(c);
    else if (isExtractor(c)) s.extractors.push(c);
    else if (isHttpDefaults(c)) s.defaults.unshift(c);
    else if (GATHERED.has(c.testclass))
      continue; // cookie manager, CSV, variables: read for the whole thread group
    else ctx.skip(c, LISTENERS.has(c.testclass) ? jmxReason("listener", {}) : jmxReason("config_no_equivalent", { owner: owner.testname }));
  }
  return s;
}

/** Config elements read once for the whole thread group (see import-jmx.ts). */
export const GATHERED = new Set(["CookieManager", "CSVDataSet", "Arguments"]);

export function isHttpDefaults(e: TJmxElement): boolean {
  return (
    e.testclass === "ConfigTestElement" &&
    (e.tag === "ConfigTestElement" || true) &&
    e.props.some((p) => p.name.startsWith("HTTPSampler.") || p.name === "HTTPsampler.Arguments")
  );
}

/** Timers run before a sampler: rendezvous (Synchronizing Timer) first, then the summed pause. */
function timerSteps(timers: TJmxElement[], ctx: TCtx): TStepIn[] {
  const steps: TStepIn[] = [];
  let min = 0;
  let max = 0;
  let any = false;
  for (const t of timers) {
    if (t.testclass === "SyncTimer") {
      const size = ctx.num(t, prop(t.props, "groupSize"), "group size") ?? 0;
      const timeoutMs = ctx.num(t, prop(t.props, "timeoutInMs"), "timeout") ?? 0;
      if (timeoutMs <= 0) ctx.approx(t, jmxReason("sync_no_timeout", { seconds: DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS }));
      const step = {
        name: ctx.text(t, t.testname),
        policy: size <= 0 ? { allVusersPercent: 100 } : { count: Math.round(size) },
        timeoutSeconds: timeoutMs > 0 ? cappedSeconds(ctx, t, timeoutMs / 1000, "timeout") : DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS,
      };
      ctx.rendezvous.push({ timer: t, step });
      steps.push({ rendezvous: step });
    } else if (t.testclass === "ConstantTimer") {
      const d = Math.max(0, ctx.num(t, prop(t.props, "ConstantTimer.delay"), "delay") ?? 0);
      min += d;
      max += d;
      any = true;
    } else if (t.testclass === "UniformRandomTimer") {
      const d = Math.max(0, ctx.num(t, prop(t.props, "ConstantTimer.delay"), "constant delay offset") ?? 0);
      const r = Math.max(0, ctx.num(t, prop(t.props, "RandomTimer.range"), "random delay maximum") ?? 0);
      min += d;
      max += d + r;
      any = true;
    } else if (t.testclass === "GaussianRandomTimer" || t.testclass === "PoissonRandomTimer") {
      const d = Math.max(0, ctx.num(t, prop(t.props, "ConstantTimer.delay"), "constant delay offset") ?? 0);
      const r = Math.max(0, ctx.num(t, prop(t.props, "RandomTimer.range"), "deviation") ?? 0);
      ctx.approx(t, jmxReason("timer_uniform", { kind: t.testclass === "GaussianRandomTimer" ? "Gaussian" : "Poisson" }));
      min += Math.max(0, d - r);
      max += d + r;
      any = true;
    } else ctx.skip(t, jmxReason("timer_no_equivalent", {}));
  }
  if (any) {
    const [lo, hi] = [min / 1000, max / 1000].map((s) => cappedSeconds(ctx, timers[0]!, s, "pause")) as [number, number];
    steps.push(lo === hi ? { think: { seconds: lo } } : { think: { min: lo, max: hi } });
  }
  return steps;
}
