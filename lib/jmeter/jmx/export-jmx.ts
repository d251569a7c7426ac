/**
 * JMX export: scenarios → a JMeter test plan (one Thread Group per scenario) that JMeter 2.13 and
 * later load and run. importJmx(exportJmx(s)) gives back s for what both sides can express.
 *
 * Steps and their controllers: export-steps.ts; templates and functions: export-text.ts;
 * conditions: export-condition.ts. What JMeter cannot express exactly is listed in the report
 * (e.g. % of running VUs, ramp-down, end steps of a run stopped by its duration).
 *
 * Per thread group, in this order: HTTP Request Defaults (a templated baseUrl keeps its `${host}`
 * fields), Cookie Manager, headers, User Defined Variables (each `${__P(name,value)}`, so `-Jname=…`
 * overrides it as a launch parameter does), one CSV Data Set per data set, the iteration Counter,
 * then `init` in a Once Only Controller, pacing, the steps, and `end` in an If Controller on the
 * last iteration.
 */
import { dataSets, type TPacing, type TScenario } from "../../engine/scenario";
import { constantTimer, controller, ifController, jexl, steps, testAction, type TStepCtx } from "./export-steps";
import { ITERATION_VAR, type TTextCtx, jmeterArg, jmeterText } from "./export-text";
import { Out, arguments_, bool, collectionArgs, esc, headerManager, str } from "./export-xml";

export interface TExportJmxOptions {
  /** "2.13": no JSON Extractor (JMeter ≥ 3): simple `$.a.b` paths become regexes. Default "3". */
  jmeterVersion?: "2.13" | "3";
}

export interface TExportJmxResult {
  jmx: string;
  /** Files the plan refers to (inline CSV data, inline multipart file contents), name → content. */
  files: Record<string, string>;
  /** What did not carry over exactly, per scenario and step. */
  report: { scenario: string; step: string; reason: string }[];
}

export function exportJmx(scenarios: TScenario[], options: TExportJmxOptions = {}): TExportJmxResult {
  const version = options.jmeterVersion ?? "3";
  const files: Record<string, string> = {};
  const report: TExportJmxResult["report"] = [];
  const o = new Out();
  o.line('<?xml version="1.0" encoding="UTF-8"?>');
  o.open('<jmeterTestPlan version="1.2" properties="2.8" jmeter="2.13 r1665067">');
  o.open("<hashTree>");
  o.open('<TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Musterpoint export" enabled="true">');
  o.line(str("TestPlan.comments", "Exported by Musterpoint"));
  o.line(bool("TestPlan.functional_mode", false));
  o.line(bool("TestPlan.serialize_threadgroups", false));
  arguments_(o, "TestPlan.user_defined_variables", {}, "ArgumentsPanel");
  o.line(str("TestPlan.user_define_classpath", ""));
  o.close("</TestPlan>");
  o.open("<hashTree>");
  const seq = { n: 0 };
  const defined = new Map<string, { scenario: string; value: string }>();
  for (const s of scenarios) {
    const note: TNote = (step, reason) => report.push({ scenario: s.name, step, reason });
    for (const [name, value] of Object.entries(s.variables ?? {})) {
      const before = defined.get(name);
      if (before && before.value !== String(value))
        note(
          `variables.${name}`,
          `also defined by scenario "${before.scenario}" with another value: JMeter's User Defined Variables are global to a plan, the last thread group's value is every group's (export the scenarios apart to keep both)`,
        );
      defined.set(name, { scenario: s.name, value: String(value) });
    }
    threadGroup(o, s, version, files, seq, note);
  }
  o.close("</hashTree>");
  o.close("</hashTree>");
  o.close("</jmeterTestPlan>");
  return { jmx: o.toString(), files, report };
}

type TNote = (step: string, reason: string) => void;

function threadGroup(o: Out, s: TScenario, version: "2.13" | "3", files: Record<string, string>, seq: { n: number }, note: TNote): void {
  const load = s.load;
  if (load.arrivalRate)
    note("load", "the open model (arrival rate) has no JMeter 2.13 equivalent: exported as maxVus threads for its duration");
  if (load.rampDownSeconds > 0) note("load", "ramp-down is not expressible in a Thread Group");
  if (s.thresholds?.length) note("thresholds", "thresholds are not exported (JMeter has no pass/fail criteria in a plan)");
  if (s.module && s.module !== s.name) note("module", `module "${s.module}" is not kept: JMeter names results by thread group "${s.name}"`);
  const vus = load.arrivalRate ? load.arrivalRate.maxVus : (load.vus ?? 1);
  const duration = load.arrivalRate ? load.arrivalRate.durationSeconds : load.durationSeconds;
  o.open(`<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="${esc(s.name)}" enabled="true">`);
  o.line(str("ThreadGroup.on_sample_error", "continue"));
  o.open(
    '<elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">',
  );
  o.line(bool("LoopController.continue_forever", false));
  o.line(str("LoopController.loops", load.iterations ?? -1));
  o.close("</elementProp>");
  o.line(str("ThreadGroup.num_threads", vus));
  o.line(str("ThreadGroup.ramp_time", load.rampUpSeconds));
  o.line('<longProp name="ThreadGroup.start_time">1</longProp>');
  o.line('<longProp name="ThreadGroup.end_time">1</longProp>');
  o.line(bool("ThreadGroup.scheduler", duration !== undefined));
  // With end steps, a timed thread group stops starting iterations at the duration and runs on
  // for the graceful stop, in which each thread runs its end steps (writeBody).
  const grace = duration !== undefined && s.end?.length ? load.gracefulStopSeconds : 0;
  o.line(str("ThreadGroup.duration", duration === undefined ? "" : duration + grace));
  o.line(str("ThreadGroup.delay", ""));
  o.close("</ThreadGroup>");
  o.open("<hashTree>");

  const text: TTextCtx = { scenarioName: s.name, note: (reason) => note("text", reason), usesIteration: false };
  const base = splitBaseUrl(s.baseUrl, text);
  if (!base.host)
    note("baseUrl", `${s.baseUrl}: a whole URL in one variable cannot fill HTTP Request Defaults; every path is prefixed with it`);
  // The steps first (into their own writer): what they use decides which elements come before them.
  const body = new Out(o.indent);
  const stored: Record<string, string> = {};
  const store = (value: string) => {
    const name = `mp_${++seq.n}`;
    stored[name] = value;
    return name;
  };
  const ctx: TStepCtx = {
    o: body,
    note,
    text,
    basePath: base.path,
    vus,
    version,
    store,
    files,
    filePrefix: s.name.replace(/[^A-Za-z0-9_-]+/g, "_"),
  };
  writeBody(ctx, s, note, duration);

  o.open('<ConfigTestElement guiclass="HttpDefaultsGui" testclass="ConfigTestElement" testname="HTTP Request Defaults" enabled="true">');
  arguments_(o, "HTTPsampler.Arguments", {}, "HTTPArgumentsPanel", "HTTPArgument");
  o.line(str("HTTPSampler.domain", base.host));
  o.line(str("HTTPSampler.port", base.port));
  o.line(str("HTTPSampler.protocol", base.protocol));
  o.line(str("HTTPSampler.path", ""));
  o.close("</ConfigTestElement>");
  o.line("<hashTree/>");
  cookieManager(o, s, note);
  if (s.headers && Object.keys(s.headers).length)
    headerManager(o, Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [jmeterText(k, text), jmeterText(v, text)])));
  if (s.variables && Object.keys(s.variables).length) {
    // `${__P(name,value)}`: a JMeter property of the same name (-Jname=…) overrides the value,
    // as a launch parameter overrides a scenario variable.
    o.open('<Arguments guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">');
    collectionArgs(
      o,
      Object.fromEntries(Object.entries(s.variables).map(([k, v]) => [k, `\${__P(${k},${jmeterArg(jmeterText(String(v), text))})}`])),
      "Argument",
    );
    o.close("</Arguments>");
    o.line("<hashTree/>");
  }
  dataSets(s).forEach((data, i) => {
    let file = data.file;
    if (!file) {
      file = `${s.name.replace(/[^A-Za-z0-9_-]+/g, "_")}${i > 0 ? `_${i + 1}` : ""}.csv`;
      files[file] = data.csv ?? "";
      note("data", `inline CSV written to ${file}: put it next to the plan`);
    }
    if (data.mode === "random") note("data", "random row order is not available in a CSV Data Set: rows are read in order");
    o.open(
      `<CSVDataSet guiclass="TestBeanGUI" testclass="CSVDataSet" testname="${i > 0 ? `CSV Data Set Config ${i + 1}` : "CSV Data Set Config"}" enabled="true">`,
    );
    o.line(str("delimiter", data.delimiter === "\t" ? "\\t" : data.delimiter));
    o.line(str("fileEncoding", "UTF-8"));
    o.line(str("filename", file));
    o.line(bool("quotedData", true));
    o.line(bool("recycle", data.mode !== "unique"));
    o.line(str("shareMode", "shareMode.all"));
    o.line(bool("stopThread", data.mode === "unique"));
    o.line(str("variableNames", data.columns?.join(",") ?? ""));
    o.line(bool("ignoreFirstLine", false));
    o.close("</CSVDataSet>");
    o.line("<hashTree/>");
  });
  if (Object.keys(stored).length) {
    // The expressions and texts of this thread group's conditions, read by `${__jexl2(${mp_N})}`.
    o.open('<Arguments guiclass="ArgumentsPanel" testclass="Arguments" testname="Musterpoint expressions" enabled="true">');
    collectionArgs(o, stored, "Argument");
    o.close("</Arguments>");
    o.line("<hashTree/>");
  }
  if (text.usesIteration) {
    // ${__iteration}: 1, 2, 3 … per thread, counted as each thread-group iteration starts.
    o.open(`<CounterConfig guiclass="CounterConfigGui" testclass="CounterConfig" testname="${ITERATION_VAR}" enabled="true">`);
    o.line(str("CounterConfig.start", 1));
    o.line(str("CounterConfig.end", ""));
    o.line(str("CounterConfig.incr", 1));
    o.line(str("CounterConfig.name", ITERATION_VAR));
    o.line(str("CounterConfig.format", ""));
    o.line(bool("CounterConfig.per_user", true));
    o.close("</CounterConfig>");
    o.line("<hashTree/>");
  }
  o.append(body);
  o.close("</hashTree>");
}

/**
 * init, pacing, steps, end, in the order a thread runs them. JMeter 2.13 has no per-thread end:
 * with a fixed number of iterations, end runs in an If Controller on the last one; with a
 * duration, iterations start (an If Controller) while the duration lasts, and once it is over the
 * thread runs end and stops itself — our graceful stop, within the time the thread group runs on.
 */
function writeBody(ctx: TStepCtx, s: TScenario, note: TNote, duration: number | undefined): void {
  const load = s.load;
  const end = s.end?.length ? s.end : undefined;
  const last = load.arrivalRate ? undefined : load.iterations;
  if (s.init?.length)
    controller(
      ctx,
      '<OnceOnlyController guiclass="OnceOnlyControllerGui" testclass="OnceOnlyController" testname="init" enabled="true">',
      [],
      "</OnceOnlyController>",
      () => steps(ctx, s.init!, "init"),
    );
  const iteration = () => {
    if (s.pacing && !("afterSeconds" in s.pacing)) pacingTimer(ctx, s.pacing, note);
    steps(ctx, s.steps, "steps");
    if (end && last !== undefined)
      ifController(
        ctx,
        `end (iteration ${last})`,
        jexl(ctx, `vars.getIteration() == ${last}`),
        () => steps(ctx, end, "end"),
        true,
        "end, after the last iteration",
      );
    if (s.pacing && "afterSeconds" in s.pacing) {
      const ms = Math.round(s.pacing.afterSeconds * 1000);
      testAction(ctx, "pacing (after the iteration)", () => constantTimer(ctx.o, "pacing", ms));
    }
  };
  if (!end || duration === undefined) {
    iteration();
    if (end)
      note(
        "end",
        `end steps run in an If Controller on the last iteration (${last}): JMeter 2.13 has no per-thread end; a thread stopped before it (unique data used up, a stop) does not run them`,
      );
    return;
  }
  // The thread's scheduled end (thread group start + its duration) less the graceful stop = our duration.
  const over = `new('java.util.Date').getTime() >= ctx.getThread().getEndTime() - ${Math.round(load.gracefulStopSeconds * 1000)}`;
  ifController(
    ctx,
    `iterations start until ${duration} s`,
    jexl(ctx, `!(${over})`),
    iteration,
    true,
    `durationSeconds ${duration}: no iteration starts after it`,
  );
  ifController(
    ctx,
    "end (the duration is over)",
    jexl(ctx, last === undefined ? over : `${over} && vars.getIteration() != ${last}`),
    () => {
      steps(ctx, end, "end");
      stopThread(ctx);
    },
    true,
    "end, once the duration is over; then the thread stops",
  );
  note(
    "end",
    `end steps run once the duration is over (then the thread stops itself); the thread group runs ${load.gracefulStopSeconds} s longer for it, the graceful stop, after which JMeter stops threads between samples without end${last !== undefined ? `; or after the last iteration (${last})` : ""}`,
  );
}

/** A Test Action that stops the current thread (after the current sampler). */
function stopThread(ctx: TStepCtx): void {
  const { o } = ctx;
  o.open('<TestAction guiclass="TestActionGui" testclass="TestAction" testname="stop this thread" enabled="true">');
  o.line('<intProp name="ActionProcessor.action">0</intProp>');
  o.line('<intProp name="ActionProcessor.target">0</intProp>');
  o.line(str("ActionProcessor.duration", "0"));
  o.close("</TestAction>");
  o.line("<hashTree/>");
}

/**
 * everySeconds / min–max pacing: a Constant Throughput Timer ("this thread only") on a zero-pause
 * Test Action that starts every iteration delays it until the interval since the previous start
 * is over, never less. Random intervals: the timer's rate drawn again each iteration.
 */
function pacingTimer(ctx: TStepCtx, pacing: Exclude<TPacing, { afterSeconds: number }>, note: TNote): void {
  const { o } = ctx;
  let perMinute: string;
  if ("everySeconds" in pacing) {
    perMinute = String(60 / pacing.everySeconds);
    note(
      "pacing",
      "everySeconds: a Constant Throughput Timer (this thread only) at the start of each iteration waits until that long after the previous start; a late iteration moves the schedule (Musterpoint keeps it), and JMeter records no iteration start lag",
    );
  } else {
    perMinute = jexl(ctx, `60.0 / (${pacing.min} + new('java.util.Random').nextDouble() * ${pacing.max - pacing.min})`);
    note(
      "pacing",
      "min–max: a Constant Throughput Timer (this thread only) whose rate is drawn each iteration; JMeter records no iteration start lag",
    );
  }
  testAction(ctx, "pacing", () => {
    o.open('<ConstantThroughputTimer guiclass="TestBeanGUI" testclass="ConstantThroughputTimer" testname="pacing" enabled="true">');
    o.line('<intProp name="calcMode">0</intProp>');
    o.line(str("throughput", perMinute));
    o.close("</ConstantThroughputTimer>");
    o.line("<hashTree/>");
  });
}

/** One Cookie Manager per thread group: JMeter keeps its cookies per thread, as our jar per VU. */
function cookieManager(o: Out, s: TScenario, note: TNote): void {
  if (s.cookies === false) return;
  const clear = typeof s.cookies === "object" && s.cookies.clearEachIteration;
  o.open('<CookieManager guiclass="CookiePanel" testclass="CookieManager" testname="HTTP Cookie Manager" enabled="true">');
  o.line('<collectionProp name="CookieManager.cookies"/>');
  o.line(bool("CookieManager.clearEachIteration", clear));
  // 2.13's policies predate RFC 6265; "compatibility" (HttpClient's browser-compatible spec) is its default.
  o.line(str("CookieManager.policy", "compatibility"));
  o.line(str("CookieManager.implementation", "org.apache.jmeter.protocol.http.control.HC4CookieHandler"));
  o.close("</CookieManager>");
  o.line("<hashTree/>");
  note("cookies", "JMeter 2.13's Cookie Manager uses HttpClient's browser-compatible policy, not RFC 6265 as our jar; SameSite is ignored");
}

/**
 * The parts of a (possibly templated) baseUrl for HTTP Request Defaults. A URL that is one
 * variable as a whole has no parts: its text prefixes every path instead (`host` empty).
 */
function splitBaseUrl(baseUrl: string, text: TTextCtx): { protocol: string; host: string; port: string; path: string } {
  if (!baseUrl.includes("${")) {
    const u = new URL(baseUrl);
    return { protocol: u.protocol.replace(":", ""), host: u.hostname, port: u.port, path: u.pathname.replace(/\/$/, "") };
  }
  const m = /^(https?):\/\/(\[[^\]]+\]|(?:\$\{[^}]*\}|[^/:?#$])+)(?::((?:\$\{[^}]*\}|[^/?#$])+))?(\/[^?#]*)?$/i.exec(baseUrl);
  if (!m) return { protocol: "", host: "", port: "", path: jmeterText(baseUrl.replace(/\/$/, ""), text) };
  return {
    protocol: m[1]!.toLowerCase(),
    host: jmeterText(m[2]!.replace(/^\[|\]$/g, ""), text),
    port: jmeterText(m[3] ?? "", text),
    path: jmeterText((m[4] ?? "").replace(/\/$/, ""), text),
  };
}
