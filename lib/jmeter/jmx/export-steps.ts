/**
 * Steps → JMeter elements. Requests become HTTP Request samplers; think and rendezvous steps a
 * zero-pause Test Action carrying the timer; containers become logic controllers:
 *
 * - transaction → Transaction Controller; loop count → Loop Controller; loop while → While
 *   Controller (maxIterations: a pass counter beside the condition); forEach → ForEach Controller
 *   (`list_1 … list_N`, the `_` separator); if/else → If Controllers; choose → a Switch Controller
 *   over one Simple Controller per branch.
 *
 * Conditions are JEXL 2 expressions (export-condition.ts) kept in variables of the thread group
 * and evaluated by `${__jexl2(${mp_N})}`. Every branch of a Switch starts with a zero-pause Test
 * Action, a sampler that records nothing: JMeter 2.13's Switch Controller, when the branch it
 * picked yields no sampler (an empty "do nothing" branch), runs the first branch instead
 * (measured: branch 0 ran in 399 of 400 passes of a 50/50 switch whose other branch was empty).
 */
import type { TStep } from "../../engine/scenario";
import { conditionToJexl } from "./export-condition";
import { request } from "./export-request";
import { type TTextCtx, jmeterText } from "./export-text";
import { Out, bool, esc, str } from "./export-xml";

export interface TStepCtx {
  o: Out;
  note: (step: string, reason: string) => void;
  text: TTextCtx;
  basePath: string;
  vus: number;
  version: "2.13" | "3";
  /**
   * Stores a JEXL expression or a text in a variable of the thread group (`mp_N`, numbered across
   * the plan: User Defined Variables are global in JMeter) and returns its name.
   */
  store: (value: string) => string;
  /** Inline multipart contents written next to the plan, name → content. */
  files: Record<string, string>;
  /** Prefix for those file names (one scenario's files apart from another's). */
  filePrefix: string;
  /** The note on extractors that find nothing is given once per scenario. */
  notedExtractorFailure?: boolean;
}

export function steps(ctx: TStepCtx, list: TStep[], where: string): void {
  list.forEach((step, i) => {
    const at = `${where}.${i}`;
    if ("request" in step) request(ctx, step.request, at);
    else if ("transaction" in step) transaction(ctx, step.transaction, at);
    else if ("think" in step) think(ctx, step.think);
    else if ("rendezvous" in step) rendezvous(ctx, step.rendezvous, at);
    else if ("loop" in step) loop(ctx, step.loop, at);
    else if ("forEach" in step) {
      const f = step.forEach;
      controller(
        ctx,
        `<ForeachController guiclass="ForeachControlPanel" testclass="ForeachController" testname="${esc(`forEach ${f.as} in ${f.list}`)}" enabled="true">`,
        [str("ForeachController.inputVal", f.list), str("ForeachController.returnVal", f.as), bool("ForeachController.useSeparator", true)],
        "</ForeachController>",
        () => steps(ctx, f.steps, `${at}.forEach.steps`),
      );
    } else if ("if" in step) ifElse(ctx, step.if, at);
    else if ("choose" in step) choose(ctx, step.choose, at);
  });
}

/** One controller element with its properties and children. */
export function controller(ctx: TStepCtx, openTag: string, props: string[], closeTag: string, children: () => void): void {
  const { o } = ctx;
  o.open(openTag);
  for (const p of props) o.line(p);
  o.close(closeTag);
  o.open("<hashTree>");
  children();
  o.close("</hashTree>");
}

/** A Simple Controller: a named group (a choose branch). */
export function simpleController(ctx: TStepCtx, name: string, children: () => void): void {
  controller(
    ctx,
    `<GenericController guiclass="LogicControllerGui" testclass="GenericController" testname="${esc(name)}" enabled="true">`,
    [],
    "</GenericController>",
    children,
  );
}

/**
 * The construct as the scenario wrote it, in the element's comment: the generated JEXL is exact
 * but not meant for reading, and an importer can take the original back from here.
 */
export function origin(text: string): string {
  return str("TestPlan.comments", `Musterpoint: ${text}`);
}

/** An If Controller on a `${…}` expression (JMeter: "Interpret Condition as Variable Expression"). */
export function ifController(
  ctx: TStepCtx,
  name: string,
  expression: string,
  children: () => void,
  enabled = true,
  comment?: string,
): void {
  controller(
    ctx,
    `<IfController guiclass="IfControllerPanel" testclass="IfController" testname="${label(name)}" enabled="${enabled}">`,
    [
      str("IfController.condition", expression),
      bool("IfController.evaluateAll", false),
      bool("IfController.useExpression", true),
      ...(comment ? [origin(comment)] : []),
    ],
    "</IfController>",
    children,
  );
}

/** `${__jexl2(${mp_N})}`: evaluates the JEXL expression stored in mp_N. */
export function jexl(ctx: TStepCtx, expression: string): string {
  return `\${__jexl2(\${${ctx.store(expression)}})}`;
}

/** The condition as JEXL, or (one we cannot translate, noted) false. */
function conditionJexl(ctx: TStepCtx, text: string, at: string): string {
  try {
    return conditionToJexl(
      text,
      (literal) => `vars.get('${ctx.store(literal)}')`,
      (raw) => ctx.note(at, `${raw} in a condition is compared as written: JMeter would evaluate it once, when the plan starts`),
    );
  } catch (e) {
    ctx.note(at, `condition ${JSON.stringify(text)} could not be translated (${(e as Error).message}): exported as false`);
    return "false";
  }
}

/** A zero-pause Test Action whose pause is computed by `expression` (0): JEXL run for its effect. */
function effect(ctx: TStepCtx, name: string, expression: string): void {
  const { o } = ctx;
  o.open(`<TestAction guiclass="TestActionGui" testclass="TestAction" testname="${esc(name)}" enabled="true">`);
  o.line('<intProp name="ActionProcessor.action">1</intProp>');
  o.line('<intProp name="ActionProcessor.target">0</intProp>');
  o.line(str("ActionProcessor.duration", jexl(ctx, `${expression} == null ? 0 : 0`)));
  o.close("</TestAction>");
  o.line("<hashTree/>");
}

/** A Switch Controller over one Simple Controller per branch, each opened by a zero-pause Test Action. */
function switchController(
  ctx: TStepCtx,
  name: string,
  expression: string,
  branches: { name: string; children: () => void }[],
  comment: string,
): void {
  controller(
    ctx,
    `<SwitchController guiclass="SwitchControllerGui" testclass="SwitchController" testname="${label(name)}" enabled="true">`,
    [str("SwitchController.value", expression), origin(comment)],
    "</SwitchController>",
    () => {
      for (const b of branches)
        simpleController(ctx, b.name, () => {
          testAction(ctx, "branch start", () => undefined);
          b.children();
        });
    },
  );
}

function transaction(ctx: TStepCtx, t: { name: string; steps: TStep[] }, at: string): void {
  // Musterpoint counts think time inside a transaction (only rendezvous waits are left out):
  // JMeter does so only with includeTimers, which would also count a Synchronizing Timer's wait.
  const json = JSON.stringify(t.steps);
  const hasThink = json.includes('{"think":');
  if (hasThink && json.includes('{"rendezvous":'))
    ctx.note(at, "think and rendezvous inside one transaction: JMeter will count the rendezvous wait in the transaction time too");
  controller(
    ctx,
    `<TransactionController guiclass="TransactionControllerGui" testclass="TransactionController" testname="${esc(t.name)}" enabled="true">`,
    [bool("TransactionController.parent", false), bool("TransactionController.includeTimers", hasThink)],
    "</TransactionController>",
    () => steps(ctx, t.steps, `${at}.transaction.steps`),
  );
}

function think(ctx: TStepCtx, t: Extract<TStep, { think: unknown }>["think"]): void {
  const { o } = ctx;
  testAction(ctx, "seconds" in t ? "think" : "think (random)", () => {
    if ("seconds" in t) constantTimer(o, "think", Math.round(t.seconds * 1000));
    else {
      o.open('<UniformRandomTimer guiclass="UniformRandomTimerGui" testclass="UniformRandomTimer" testname="think" enabled="true">');
      o.line(str("ConstantTimer.delay", Math.round(t.min * 1000)));
      o.line(str("RandomTimer.range", Math.round((t.max - t.min) * 1000)));
      o.close("</UniformRandomTimer>");
      o.line("<hashTree/>");
    }
  });
}

export function constantTimer(o: Out, name: string, ms: number): void {
  o.open(`<ConstantTimer guiclass="ConstantTimerGui" testclass="ConstantTimer" testname="${esc(name)}" enabled="true">`);
  o.line(str("ConstantTimer.delay", ms));
  o.close("</ConstantTimer>");
  o.line("<hashTree/>");
}

function rendezvous(ctx: TStepCtx, r: Extract<TStep, { rendezvous: unknown }>["rendezvous"], at: string): void {
  const { o } = ctx;
  let groupSize: number;
  const p = r.policy;
  if ("count" in p) groupSize = p.count;
  else {
    const pct = "allVusersPercent" in p ? p.allVusersPercent : p.runningVusersPercent;
    if ("runningVusersPercent" in p)
      ctx.note(at, "“% of running VUs” has no JMeter equivalent: exported as a count of this thread group's threads");
    if ("allVusersPercent" in p && pct === 100)
      groupSize = 0; // JMeter: 0 = all threads of the group
    else {
      groupSize = Math.max(1, Math.ceil((pct / 100) * ctx.vus));
      ctx.note(
        at,
        `${pct} % exported as ${groupSize} of ${ctx.vus} threads; JMeter counts one thread group, not every scenario sharing the name`,
      );
    }
  }
  ctx.note(at, "JMeter's timeout runs from the first arrival, Musterpoint's between consecutive arrivals");
  testAction(ctx, `rendezvous ${r.name}`, () => {
    o.open(`<SyncTimer guiclass="TestBeanGUI" testclass="SyncTimer" testname="${esc(r.name)}" enabled="true">`);
    o.line(`<intProp name="groupSize">${groupSize}</intProp>`);
    o.line(`<longProp name="timeoutInMs">${Math.round(r.timeoutSeconds * 1000)}</longProp>`);
    o.close("</SyncTimer>");
    o.line("<hashTree/>");
  });
}

function loop(ctx: TStepCtx, l: Extract<TStep, { loop: unknown }>["loop"], at: string): void {
  const body = () => steps(ctx, l.steps, `${at}.loop.steps`);
  if (l.count !== undefined) {
    // continue_forever=true is what JMeter's GUI writes for a nested Loop Controller: with false
    // the controller marks itself done after its first full run and is skipped in later iterations.
    controller(
      ctx,
      `<LoopController guiclass="LoopControlPanel" testclass="LoopController" testname="${label(`loop ${l.count}`)}" enabled="true">`,
      [bool("LoopController.continue_forever", true), str("LoopController.loops", jmeterText(String(l.count), ctx.text))],
      "</LoopController>",
      body,
    );
    return;
  }
  const cond = conditionJexl(ctx, l.while!, `${at}.loop.while`);
  if (l.maxIterations === undefined) {
    controller(
      ctx,
      `<WhileController guiclass="WhileControllerGui" testclass="WhileController" testname="${label(`while ${l.while}`)}" enabled="true">`,
      [str("WhileController.condition", jexl(ctx, cond)), origin(`while ${l.while}`)],
      "</WhileController>",
      body,
    );
    return;
  }
  // The guard counts passes in a variable: reset before the loop, incremented as each pass begins
  // (a While Controller reads its condition more than once per pass, so the condition cannot count).
  const n = ctx.store("0");
  effect(ctx, `${n} = 0`, `vars.put('${n}', '0')`);
  controller(
    ctx,
    `<WhileController guiclass="WhileControllerGui" testclass="WhileController" testname="${label(`while ${l.while} (at most ${l.maxIterations})`)}" enabled="true">`,
    [
      str("WhileController.condition", jexl(ctx, `new('java.lang.Integer', vars.get('${n}')) < ${l.maxIterations} && (${cond})`)),
      origin(`while ${l.while}, at most ${l.maxIterations} passes`),
    ],
    "</WhileController>",
    () => {
      effect(ctx, `${n} + 1`, `vars.put('${n}', (new('java.lang.Integer', vars.get('${n}')) + 1).toString())`);
      body();
    },
  );
}

/** A controller's name: JMeter resolves `${…}` in names too, so a condition shown there loses its `$`. */
function label(text: string): string {
  return esc(text.replace(/\$\{/g, "{"));
}

function ifElse(ctx: TStepCtx, c: Extract<TStep, { if: unknown }>["if"], at: string): void {
  const cond = conditionJexl(ctx, c.condition, `${at}.if.condition`);
  const thenSteps = () => steps(ctx, c.then, `${at}.if.then`);
  const elseSteps = () => steps(ctx, c.else ?? [], `${at}.if.else`);
  if (!c.else?.length) {
    ifController(ctx, `if ${c.condition}`, jexl(ctx, cond), thenSteps, true, `if ${c.condition}`);
    return;
  }
  // Evaluated once: the then branch may change what the condition reads (__status, variables).
  const n = ctx.store("");
  ifController(
    ctx,
    `if ${c.condition}`,
    jexl(ctx, `vars.put('${n}', (${cond}) ? 'then' : 'else') == null && vars.get('${n}') == 'then'`),
    thenSteps,
    true,
    `if ${c.condition}`,
  );
  ifController(ctx, "else", jexl(ctx, `vars.get('${n}') == 'else'`), elseSteps, true, `else of if ${c.condition}`);
}

/**
 * One branch per pass, by weight: branch i is taken with probability w_i / (w_i + … + w_last)
 * when none before it was (a fresh draw at each level), which is w_i / total overall.
 */
function choose(ctx: TStepCtx, branches: Extract<TStep, { choose: unknown }>["choose"], at: string): void {
  let rest = branches.reduce((a, b) => a + b.weight, 0);
  let pick = `${branches.length - 1}`;
  const levels: string[] = [];
  branches.slice(0, -1).forEach((b, i) => {
    levels.push(`new('java.util.Random').nextDouble() < ${b.weight / rest} ? ${i} : `);
    rest -= b.weight;
  });
  pick = levels.reduceRight((acc, level) => `${level}(${acc})`, pick);
  switchController(
    ctx,
    "choose",
    jexl(ctx, pick),
    branches.map((b, i) => ({
      name: `choose ${i + 1} (weight ${b.weight})`,
      children: () => steps(ctx, b.steps, `${at}.choose.${i}.steps`),
    })),
    `choose by weight ${branches.map((b) => b.weight).join(" / ")}`,
  );
}

/** A pause-0 Test Action: a sampler that records nothing, to hang a timer on at this position. */
export function testAction(ctx: TStepCtx, name: string, children: () => void): void {
  const { o } = ctx;
  o.open(`<TestAction guiclass="TestActionGui" testclass="TestAction" testname="${esc(name)}" enabled="true">`);
  o.line('<intProp name="ActionProcessor.action">1</intProp>');
  o.line('<intProp name="ActionProcessor.target">0</intProp>');
  o.line(str("ActionProcessor.duration", "0"));
  o.close("</TestAction>");
  o.open("<hashTree>");
  children();
  o.close("</hashTree>");
}
