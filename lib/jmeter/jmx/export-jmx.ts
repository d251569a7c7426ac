/**
 * JMX export: scenarios → a JMeter test plan (one Thread Group per scenario) that JMeter 2.13 and
 * later load and run. importJmx(exportJmx(s)) gives back s for what both sides can express.
 *
 * Think time and rendezvous steps become a "Test Action" (pause 0) carrying a Constant / Uniform
 * Random / Synchronizing Timer, so they stay steps of their own where the scenario put them.
 * What JMeter cannot express is listed in the report (e.g. % of running VUs, ramp-down).
 */
import { dataSets, type TExtractor, type TRequest, type TScenario, type TStep } from "../../engine/scenario";

export interface ExportJmxOptions {
  /** "2.13": no JSON Extractor (JMeter ≥ 3): simple `$.a.b` paths become regexes. Default "3". */
  jmeterVersion?: "2.13" | "3";
}

export interface ExportJmxResult {
  jmx: string;
  /** Files the plan refers to (inline CSV data of a scenario), name → content. */
  files: Record<string, string>;
  /** What did not carry over exactly, per scenario and step. */
  report: { scenario: string; step: string; reason: string }[];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const str = (name: string, value: string | number) => `<stringProp name="${esc(name)}">${esc(String(value))}</stringProp>`;
const bool = (name: string, value: boolean) => `<boolProp name="${esc(name)}">${value}</boolProp>`;

class Out {
  private lines: string[] = [];
  private depth = 0;
  line(text: string): void {
    this.lines.push("  ".repeat(this.depth) + text);
  }
  open(text: string): void {
    this.line(text);
    this.depth++;
  }
  close(text: string): void {
    this.depth--;
    this.line(text);
  }
  toString(): string {
    return this.lines.join("\n") + "\n";
  }
}

export function exportJmx(scenarios: TScenario[], options: ExportJmxOptions = {}): ExportJmxResult {
  const version = options.jmeterVersion ?? "3";
  const files: Record<string, string> = {};
  const report: ExportJmxResult["report"] = [];
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
  for (const s of scenarios) {
    const note = (step: string, reason: string) => report.push({ scenario: s.name, step, reason });
    const load = s.load;
    if (load.arrivalRate) note("load", "the open model (arrival rate) has no JMeter 2.13 equivalent: exported as maxVus threads for its duration");
    if (load.rampDownSeconds > 0) note("load", "ramp-down is not expressible in a Thread Group");
    if (s.thresholds?.length) note("thresholds", "thresholds are not exported (JMeter has no pass/fail criteria in a plan)");
    if (s.module && s.module !== s.name) note("module", `module "${s.module}" is not kept: JMeter names results by thread group "${s.name}"`);
    const vus = load.arrivalRate ? load.arrivalRate.maxVus : (load.vus ?? 1);
    const duration = load.arrivalRate ? load.arrivalRate.durationSeconds : load.durationSeconds;
    o.open(`<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="${esc(s.name)}" enabled="true">`);
    o.line(str("ThreadGroup.on_sample_error", "continue"));
    o.open('<elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController" testname="Loop Controller" enabled="true">');
    o.line(bool("LoopController.continue_forever", false));
    o.line(str("LoopController.loops", load.iterations ?? -1));
    o.close("</elementProp>");
    o.line(str("ThreadGroup.num_threads", vus));
    o.line(str("ThreadGroup.ramp_time", load.rampUpSeconds));
    o.line('<longProp name="ThreadGroup.start_time">1</longProp>');
    o.line('<longProp name="ThreadGroup.end_time">1</longProp>');
    o.line(bool("ThreadGroup.scheduler", duration !== undefined));
    o.line(str("ThreadGroup.duration", duration ?? ""));
    o.line(str("ThreadGroup.delay", ""));
    o.close("</ThreadGroup>");
    o.open("<hashTree>");
    // Server and scenario-wide headers, variables and data, in the thread group's scope.
    const base = new URL(s.baseUrl);
    o.open('<ConfigTestElement guiclass="HttpDefaultsGui" testclass="ConfigTestElement" testname="HTTP Request Defaults" enabled="true">');
    arguments_(o, "HTTPsampler.Arguments", {}, "HTTPArgumentsPanel", "HTTPArgument");
    o.line(str("HTTPSampler.domain", base.hostname));
    o.line(str("HTTPSampler.port", base.port));
    o.line(str("HTTPSampler.protocol", base.protocol.replace(":", "")));
    o.line(str("HTTPSampler.path", ""));
    o.close("</ConfigTestElement>");
    o.line("<hashTree/>");
    const basePath = base.pathname.replace(/\/$/, "");
    if (s.headers && Object.keys(s.headers).length) headerManager(o, s.headers);
    if (s.variables && Object.keys(s.variables).length) {
      o.open('<Arguments guiclass="ArgumentsPanel" testclass="Arguments" testname="User Defined Variables" enabled="true">');
      collectionArgs(o, Object.fromEntries(Object.entries(s.variables).map(([k, v]) => [k, String(v)])), "Argument");
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
      o.open('<CSVDataSet guiclass="TestBeanGUI" testclass="CSVDataSet" testname="CSV Data Set Config" enabled="true">');
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
    const ctx = { o, note, basePath, vus, version };
    steps(ctx, s.steps, "steps");
    o.close("</hashTree>");
  }
  o.close("</hashTree>");
  o.close("</hashTree>");
  o.close("</jmeterTestPlan>");
  return { jmx: o.toString(), files, report };
}

interface Ctx {
  o: Out;
  note: (step: string, reason: string) => void;
  basePath: string;
  vus: number;
  version: "2.13" | "3";
}

function steps(ctx: Ctx, list: TStep[], where: string): void {
  const { o } = ctx;
  list.forEach((step, i) => {
    const at = `${where}.${i}`;
    if ("request" in step) request(ctx, step.request, at);
    else if ("transaction" in step) {
      o.open(`<TransactionController guiclass="TransactionControllerGui" testclass="TransactionController" testname="${esc(step.transaction.name)}" enabled="true">`);
      o.line(bool("TransactionController.parent", false));
      // Musterpoint counts think time inside a transaction (only rendezvous waits are left out):
      // JMeter does so only with includeTimers, which would also count a Synchronizing Timer's wait.
      const json = JSON.stringify(step.transaction.steps);
      const hasThink = json.includes('{"think":');
      if (hasThink && json.includes('{"rendezvous":'))
        ctx.note(at, "think and rendezvous inside one transaction: JMeter will count the rendezvous wait in the transaction time too");
      o.line(bool("TransactionController.includeTimers", hasThink));
      o.close("</TransactionController>");
      o.open("<hashTree>");
      steps(ctx, step.transaction.steps, `${at}.transaction.steps`);
      o.close("</hashTree>");
    } else if ("think" in step) {
      const t = step.think;
      testAction(ctx, "seconds" in t ? "think" : "think (random)", () => {
        if ("seconds" in t) {
          o.open('<ConstantTimer guiclass="ConstantTimerGui" testclass="ConstantTimer" testname="think" enabled="true">');
          o.line(str("ConstantTimer.delay", Math.round(t.seconds * 1000)));
          o.close("</ConstantTimer>");
        } else {
          o.open('<UniformRandomTimer guiclass="UniformRandomTimerGui" testclass="UniformRandomTimer" testname="think" enabled="true">');
          o.line(str("ConstantTimer.delay", Math.round(t.min * 1000)));
          o.line(str("RandomTimer.range", Math.round((t.max - t.min) * 1000)));
          o.close("</UniformRandomTimer>");
        }
        o.line("<hashTree/>");
      });
    } else if ("rendezvous" in step) {
      const r = step.rendezvous;
      let groupSize: number;
      const p = r.policy;
      if ("count" in p) groupSize = p.count;
      else {
        const pct = "allVusersPercent" in p ? p.allVusersPercent : p.runningVusersPercent;
        if ("runningVusersPercent" in p) ctx.note(at, "“% of running VUs” has no JMeter equivalent: exported as a count of this thread group's threads");
        if ("allVusersPercent" in p && pct === 100) groupSize = 0; // JMeter: 0 = all threads of the group
        else {
          groupSize = Math.max(1, Math.ceil((pct / 100) * ctx.vus));
          ctx.note(at, `${pct} % exported as ${groupSize} of ${ctx.vus} threads; JMeter counts one thread group, not every scenario sharing the name`);
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
  });
}

/** A pause-0 Test Action: a sampler that records nothing, to hang a timer on at this position. */
function testAction(ctx: Ctx, name: string, children: () => void): void {
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

function request(ctx: Ctx, r: TRequest, at: string): void {
  const { o } = ctx;
  const name = r.name ?? `${r.method} ${r.path}`;
  const path = /^https?:\/\//.test(r.path) ? r.path : ctx.basePath + r.path;
  const raw = r.json !== undefined || r.body !== undefined;
  o.open(`<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="${esc(name)}" enabled="true">`);
  if (raw) o.line(bool("HTTPSampler.postBodyRaw", true));
  if (raw) {
    const body = r.json !== undefined ? JSON.stringify(r.json) : (r.body as string);
    o.open('<elementProp name="HTTPsampler.Arguments" elementType="Arguments">');
    o.open('<collectionProp name="Arguments.arguments">');
    o.open('<elementProp name="" elementType="HTTPArgument">');
    o.line(bool("HTTPArgument.always_encode", false));
    o.line(str("Argument.value", body));
    o.line(str("Argument.metadata", "="));
    o.close("</elementProp>");
    o.close("</collectionProp>");
    o.close("</elementProp>");
  } else {
    const pairs = Object.fromEntries(Object.entries(r.query ?? r.form ?? {}).map(([k, v]) => [k, String(v)]));
    if (r.query && r.form) ctx.note(at, "query and form together: the query went into the path");
    arguments_(o, "HTTPsampler.Arguments", pairs, "HTTPArgumentsPanel", "HTTPArgument");
  }
  o.line(str("HTTPSampler.domain", ""));
  o.line(str("HTTPSampler.port", ""));
  o.line(str("HTTPSampler.protocol", ""));
  o.line(str("HTTPSampler.contentEncoding", "UTF-8"));
  o.line(str("HTTPSampler.path", path));
  o.line(str("HTTPSampler.method", r.method));
  o.line(bool("HTTPSampler.follow_redirects", r.followRedirects));
  o.line(bool("HTTPSampler.auto_redirects", false));
  o.line(bool("HTTPSampler.use_keepalive", true));
  o.line(bool("HTTPSampler.DO_MULTIPART_POST", false));
  o.line(str("HTTPSampler.connect_timeout", ""));
  o.line(str("HTTPSampler.response_timeout", Math.round(r.timeoutSeconds * 1000)));
  o.close("</HTTPSamplerProxy>");
  o.open("<hashTree>");
  const headers = { ...(r.headers ?? {}) };
  if (r.json !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  if (Object.keys(headers).length) headerManager(o, headers);
  const e = r.expect;
  if (e?.status !== undefined) {
    const codes = Array.isArray(e.status) ? e.status : [e.status];
    // One pattern: JMeter 2.13 requires every pattern of an assertion to match (no OR before 3.2).
    assertion(o, "status", "Assertion.response_code", codes.length === 1 ? 8 : 1, codes.join("|"));
  }
  if (e?.bodyContains !== undefined) assertion(o, "body contains", "Assertion.response_data", 16, e.bodyContains);
  if (e?.bodyNotContains !== undefined) assertion(o, "body does not contain", "Assertion.response_data", 16 | 4, e.bodyNotContains);
  if (e?.json) ctx.note(`${at}.expect.json`, "JSON expectations are not exported (JSON Assertion needs JMeter ≥ 4)");
  for (const [name, x] of Object.entries(r.extract ?? {})) extractor(ctx, name, x, `${at}.extract.${name}`);
  o.close("</hashTree>");
}

function extractor(ctx: Ctx, name: string, x: TExtractor, at: string): void {
  const { o } = ctx;
  if ("json" in x && ctx.version === "3") {
    o.open(`<JSONPostProcessor guiclass="JSONPostProcessorGui" testclass="JSONPostProcessor" testname="${esc(name)}" enabled="true">`);
    o.line(str("JSONPostProcessor.referenceNames", name));
    o.line(str("JSONPostProcessor.jsonPathExprs", x.json));
    o.line(str("JSONPostProcessor.match_numbers", "1"));
    o.line(str("JSONPostProcessor.defaultValues", ""));
    o.close("</JSONPostProcessor>");
    o.line("<hashTree/>");
    return;
  }
  let regex: string;
  let group = 1;
  let useHeaders = false;
  if ("json" in x) {
    const key = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(x.json);
    if (!key) {
      ctx.note(at, `JSON path ${x.json} needs JMeter ≥ 3 (JSON Extractor): not exported`);
      return;
    }
    regex = `"${key[1]}"\\s*:\\s*"?([^",}]*)`;
    ctx.note(at, `JSON path ${x.json} exported as a regular expression for JMeter 2.13`);
  } else if ("header" in x) {
    regex = `(?i)${x.header}:\\s*(.*)`;
    useHeaders = true;
  } else {
    regex = x.regex;
    // The engine's default: group 1, or the whole match (0) when the regex has no group.
    group = x.group ?? (/\((?!\?)/.test(x.regex.replace(/\\./g, "")) ? 1 : 0);
  }
  o.open(`<RegexExtractor guiclass="RegexExtractorGui" testclass="RegexExtractor" testname="${esc(name)}" enabled="true">`);
  o.line(str("RegexExtractor.useHeaders", String(useHeaders)));
  o.line(str("RegexExtractor.refname", name));
  o.line(str("RegexExtractor.regex", regex));
  o.line(str("RegexExtractor.template", `$${group}$`));
  o.line(str("RegexExtractor.default", ""));
  o.line(str("RegexExtractor.match_number", "1"));
  o.close("</RegexExtractor>");
  o.line("<hashTree/>");
}

function assertion(o: Out, name: string, field: string, type: number, text: string): void {
  o.open(`<ResponseAssertion guiclass="AssertionGui" testclass="ResponseAssertion" testname="${esc(name)}" enabled="true">`);
  o.open('<collectionProp name="Asserion.test_strings">');
  o.line(str(String(hashOf(text)), text));
  o.close("</collectionProp>");
  o.line(str("Assertion.test_field", field));
  o.line(bool("Assertion.assume_success", false));
  o.line(`<intProp name="Assertion.test_type">${type}</intProp>`);
  o.close("</ResponseAssertion>");
  o.line("<hashTree/>");
}

/** JMeter names collection entries by Java's String.hashCode of the value. */
function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

function headerManager(o: Out, headers: Record<string, string>): void {
  o.open('<HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="HTTP Header Manager" enabled="true">');
  o.open('<collectionProp name="HeaderManager.headers">');
  for (const [k, v] of Object.entries(headers)) {
    o.open('<elementProp name="" elementType="Header">');
    o.line(str("Header.name", k));
    o.line(str("Header.value", v));
    o.close("</elementProp>");
  }
  o.close("</collectionProp>");
  o.close("</HeaderManager>");
  o.line("<hashTree/>");
}

function arguments_(o: Out, name: string, pairs: Record<string, string>, gui: string, type = "Argument"): void {
  o.open(`<elementProp name="${name}" elementType="Arguments" guiclass="${gui}" testclass="Arguments" testname="User Defined Variables" enabled="true">`);
  collectionArgs(o, pairs, type);
  o.close("</elementProp>");
}

function collectionArgs(o: Out, pairs: Record<string, string>, type: string): void {
  const entries = Object.entries(pairs);
  if (entries.length === 0) {
    o.line('<collectionProp name="Arguments.arguments"/>');
    return;
  }
  o.open('<collectionProp name="Arguments.arguments">');
  for (const [k, v] of entries) {
    o.open(`<elementProp name="${esc(k)}" elementType="${type}">`);
    if (type === "HTTPArgument") o.line(bool("HTTPArgument.always_encode", true));
    o.line(str("Argument.name", k));
    o.line(str("Argument.value", v));
    o.line(str("Argument.metadata", "="));
    if (type === "HTTPArgument") o.line(bool("HTTPArgument.use_equals", true));
    o.close("</elementProp>");
  }
  o.close("</collectionProp>");
}
