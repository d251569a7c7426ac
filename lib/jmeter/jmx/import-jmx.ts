/**
 * JMX import: a JMeter test plan → one Musterpoint scenario per Thread Group, validated with the
 * engine's ZScenario. Everything the importer does not carry over exactly is listed in the report
 * by element name and path — skipped (no equivalent) or approximated (imported with a change) —
 * never dropped silently.
 *
 * JMeter scoping is respected: config elements, timers, assertions and extractors apply to every
 * sampler in their scope, so a timer at thread-group level becomes a pause before each request.
 */
import {
  DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS,
  formatZodIssues,
  ZScenario,
  type TData,
  type TExpect,
  type TExtractor,
  type TScenario,
  type TScenarioInput,
  type TScenarioIssue,
} from "../../engine/scenario";
import { collectionProp, elementProp, parseJmx, prop, type TJmxElement, type TJmxProp } from "./jmx-tree";

export interface TJmxIssue {
  /** JMeter's element class (testclass), e.g. "IfController". */
  element: string;
  /** Test names from the plan root, e.g. "Test Plan/Vote_Interface_Test/login". */
  path: string;
  line: number;
  reason: string;
}

export interface TJmxImportReport {
  /** Elements with no equivalent: not imported. */
  skipped: TJmxIssue[];
  /** Elements imported with a change the user should know about. */
  approximated: TJmxIssue[];
}

export interface ImportJmxResult {
  scenarios: TScenario[];
  /** Thread groups whose scenario failed ZScenario validation (with zod's messages). */
  invalid: { threadGroup: string; path: string; errors: TScenarioIssue[] }[];
  report: TJmxImportReport;
}

type StepIn = NonNullable<TScenarioInput["steps"]>[number];
type RequestIn = Extract<StepIn, { request: unknown }>["request"];

const SAMPLERS_HTTP = new Set(["HTTPSamplerProxy", "HTTPSampler", "HTTPSampler2"]);
const TIMERS = new Set(["ConstantTimer", "UniformRandomTimer", "SyncTimer", "GaussianRandomTimer", "PoissonRandomTimer", "ConstantThroughputTimer"]);
const SCOPED_CONFIG = new Set(["HeaderManager", "ResponseAssertion", "RegexExtractor", "JSONPostProcessor", "com.atlantbh.jmeter.plugins.jsonutils.jsonpathextractor.JSONPathExtractor"]);
const INLINE_CONTROLLERS = new Set(["GenericController"]);
const FLOW_CONTROLLERS = new Set([
  "LoopController", "IfController", "WhileController", "OnceOnlyController", "RandomController", "RandomOrderController",
  "ThroughputController", "SwitchController", "ForeachController", "InterleaveControl", "RunTime", "ModuleController", "IncludeController",
  "CriticalSectionController",
]);
const LISTENERS = new Set(["ResultCollector", "Summariser", "BackendListener"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

interface Scope {
  timers: TJmxElement[];
  headers: Record<string, string>;
  assertions: TJmxElement[];
  extractors: TJmxElement[];
}

export function importJmx(text: string): ImportJmxResult {
  const roots = parseJmx(text);
  const report: TJmxImportReport = { skipped: [], approximated: [] };
  const skip = (e: TJmxElement, reason: string) => report.skipped.push({ element: e.testclass, path: e.path, line: e.line, reason });
  const approx = (e: TJmxElement, reason: string) => report.approximated.push({ element: e.testclass, path: e.path, line: e.line, reason });
  const scenarios: TScenario[] = [];
  const invalid: ImportJmxResult["invalid"] = [];

  /** A number from a JMeter property; `${__P(name,default)}` gives its default (noted). */
  const num = (e: TJmxElement, raw: string | undefined, what: string): number | undefined => {
    if (raw === undefined || raw.trim() === "") return undefined;
    const v = raw.trim();
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    const p = /^\$\{__(?:P|property)\(([^,)]*),?,?([^)]*)\)\}$/.exec(v);
    if (p && /^-?\d+(\.\d+)?$/.test((p[2] ?? "").trim())) {
      approx(e, `${what} is the JMeter property ${p[1]}: its default ${p[2]} was used`);
      return Number(p[2]);
    }
    approx(e, `${what} "${v}" is not a number we can read; left out`);
    return undefined;
  };

  const plan = roots.find((r) => r.testclass === "TestPlan");
  for (const r of roots) if (r !== plan) skip(r, "not under the Test Plan");
  if (!plan) return { scenarios, invalid, report };
  const planVars = argumentsOf(elementProp(plan.props, "TestPlan.user_defined_variables")?.props ?? []);

  // Plan-level elements shared by all thread groups.
  const planLevel = plan.children.filter((c) => !isThreadGroup(c));
  const threadGroups = plan.children.filter(isThreadGroup);

  for (const tg of threadGroups) {
    if (!tg.enabled) {
      skip(tg, "disabled in the plan");
      continue;
    }
    if (tg.testclass !== "ThreadGroup") {
      skip(tg, "only plain Thread Groups are imported (setUp/tearDown and plugin thread groups are not)");
      continue;
    }
    const shared = [...planLevel, ...tg.children.filter((c) => !isStepElement(c))];
    // Configuration in scope of the whole thread group.
    let defaults: TJmxElement | undefined;
    const headers: Record<string, string> = {};
    const variables: Record<string, string> = { ...planVars };
    let data: TData | undefined;
    const scope: Scope = { timers: [], headers: {}, assertions: [], extractors: [] };
    for (const e of shared) {
      if (!e.enabled) {
        if (tg.children.includes(e) || threadGroups[0] === tg) skip(e, "disabled in the plan");
        continue;
      }
      const reportOnce = tg.children.includes(e) || threadGroups[0] === tg;
      if (e.testclass === "ConfigTestElement" && (e.tag === "ConfigTestElement" || true) && prop(e.props, "HTTPSampler.domain") !== undefined) defaults = e;
      else if (e.testclass === "HeaderManager") Object.assign(headers, headersOf(e));
      else if (e.testclass === "Arguments") Object.assign(variables, argumentsOf(e.props));
      else if (e.testclass === "CSVDataSet") {
        if (data) {
          if (reportOnce) skip(e, "a scenario takes one CSV Data Set; this one was not imported");
        } else data = csvDataOf(e, reportOnce ? approx : () => {});
      } else if (TIMERS.has(e.testclass)) scope.timers.push(e);
      else if (e.testclass === "ResponseAssertion") scope.assertions.push(e);
      else if (isExtractor(e)) scope.extractors.push(e);
      else if (reportOnce) skip(e, LISTENERS.has(e.testclass) ? "a listener: Musterpoint records results itself" : "no equivalent in a scenario");
    }

    const baseUrl = baseUrlOf(defaults, tg) ?? "http://localhost";
    if (defaults && /\$\{/.test(`${prop(defaults.props, "HTTPSampler.domain")}${prop(defaults.props, "HTTPSampler.port")}`) && threadGroups[0] === tg)
      approx(defaults, `server or port given as a JMeter property: its default was used (${baseUrl})`);
    if (!defaults && !firstHttpSampler(tg)) approx(tg, "no server named anywhere: baseUrl set to http://localhost");
    const ctx = { baseUrl, skip, approx, num };
    const steps = walkSteps(tg.children.filter(isStepElement), scope, ctx);

    const load = loadOf(tg, ctx);
    const candidate: TScenarioInput = {
      name: tg.testname,
      module: tg.testname,
      baseUrl,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(Object.keys(variables).length ? { variables } : {}),
      load,
      ...(data ? { data } : {}),
      steps,
    };
    const parsed = ZScenario.safeParse(candidate);
    if (parsed.success) scenarios.push(parsed.data);
    else invalid.push({ threadGroup: tg.testname, path: tg.path, errors: formatZodIssues(parsed.error.issues) });
  }
  if (threadGroups.length === 0) skip(plan, "the plan has no Thread Group: nothing to import");
  return { scenarios, invalid, report };
}

interface Ctx {
  baseUrl: string;
  skip: (e: TJmxElement, reason: string) => void;
  approx: (e: TJmxElement, reason: string) => void;
  num: (e: TJmxElement, raw: string | undefined, what: string) => number | undefined;
}

function isThreadGroup(e: TJmxElement): boolean {
  return /ThreadGroup$/.test(e.testclass) || e.testclass.endsWith("ThreadGroup");
}

/** Samplers and controllers: the elements that become steps, in order. */
function isStepElement(e: TJmxElement): boolean {
  return SAMPLERS_HTTP.has(e.testclass) || e.testclass === "TestAction" || /Sampler|Controller|ControlPanel|InterleaveControl|RunTime/.test(e.testclass) || FLOW_CONTROLLERS.has(e.testclass);
}

function isExtractor(e: TJmxElement): boolean {
  return e.testclass === "RegexExtractor" || e.testclass === "JSONPostProcessor" || e.testclass.endsWith("JSONPathExtractor");
}

function walkSteps(elements: TJmxElement[], outer: Scope, ctx: Ctx): StepIn[] {
  const steps: StepIn[] = [];
  for (const e of elements) {
    if (!e.enabled) {
      ctx.skip(e, "disabled in the plan");
      continue;
    }
    if (SAMPLERS_HTTP.has(e.testclass) || e.testclass === "TestAction") {
      const own = scopeOf(e.children, outer, ctx, e);
      steps.push(...timerSteps(own.timers, ctx));
      if (e.testclass === "TestAction") {
        const action = prop(e.props, "ActionProcessor.action") ?? "1";
        if (action !== "1") ctx.skip(e, `Test Action ${action === "0" ? "stop" : "other than pause"}: no equivalent`);
        else {
          const ms = ctx.num(e, prop(e.props, "ActionProcessor.duration"), "pause duration") ?? 0;
          if (ms > 0) steps.push({ think: { seconds: ms / 1000 } });
        }
        continue;
      }
      const request = requestOf(e, own, ctx);
      if (request) steps.push({ request });
      continue;
    }
    const inner = scopeOf(e.children, outer, ctx, e);
    const children = walkSteps(e.children.filter(isStepElement), inner, ctx);
    if (e.testclass === "TransactionController") {
      if (prop(e.props, "TransactionController.includeTimers") !== "true" && JSON.stringify(children).includes('{"think":'))
        ctx.approx(e, "JMeter leaves timer pauses out of this transaction's time (includeTimers=false); in Musterpoint the think steps inside it count");
      if (children.length === 0) ctx.skip(e, "an empty transaction");
      else steps.push({ transaction: { name: e.testname, steps: children } });
    } else if (INLINE_CONTROLLERS.has(e.testclass)) steps.push(...children);
    else if (FLOW_CONTROLLERS.has(e.testclass)) {
      ctx.approx(e, `${e.testclass} has no equivalent: its ${children.length} step(s) were imported to run once, in order`);
      steps.push(...children);
    } else {
      ctx.skip(e, "a sampler or controller with no equivalent");
    }
  }
  return steps;
}

/** The scope of a sampler or controller: the outer one plus its own config children. */
function scopeOf(children: TJmxElement[], outer: Scope, ctx: Ctx, owner: TJmxElement): Scope {
  const s: Scope = { timers: [...outer.timers], headers: { ...outer.headers }, assertions: [...outer.assertions], extractors: [...outer.extractors] };
  for (const c of children) {
    if (isStepElement(c)) continue;
    if (!c.enabled) {
      ctx.skip(c, "disabled in the plan");
      continue;
    }
    if (TIMERS.has(c.testclass)) s.timers.push(c);
    else if (c.testclass === "HeaderManager") Object.assign(s.headers, headersOf(c));
    else if (c.testclass === "ResponseAssertion") s.assertions.push(c);
    else if (isExtractor(c)) s.extractors.push(c);
    else ctx.skip(c, LISTENERS.has(c.testclass) ? "a listener: Musterpoint records results itself" : `no equivalent (in ${owner.testname})`);
  }
  void SCOPED_CONFIG;
  return s;
}

/** Timers run before a sampler: rendezvous (Synchronizing Timer) first, then the summed pause. */
function timerSteps(timers: TJmxElement[], ctx: Ctx): StepIn[] {
  const steps: StepIn[] = [];
  let min = 0;
  let max = 0;
  let any = false;
  for (const t of timers) {
    if (t.testclass === "SyncTimer") {
      const size = ctx.num(t, prop(t.props, "groupSize"), "group size") ?? 0;
      const timeoutMs = ctx.num(t, prop(t.props, "timeoutInMs"), "timeout") ?? 0;
      if (timeoutMs <= 0) ctx.approx(t, `JMeter waits without a timeout; Musterpoint's default of ${DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS} s was used`);
      steps.push({
        rendezvous: {
          name: t.testname,
          policy: size <= 0 ? { allVusersPercent: 100 } : { count: Math.round(size) },
          timeoutSeconds: timeoutMs > 0 ? timeoutMs / 1000 : DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS,
        },
      });
    } else if (t.testclass === "ConstantTimer") {
      const d = ctx.num(t, prop(t.props, "ConstantTimer.delay"), "delay") ?? 0;
      min += d;
      max += d;
      any = true;
    } else if (t.testclass === "UniformRandomTimer") {
      const d = ctx.num(t, prop(t.props, "ConstantTimer.delay"), "constant delay offset") ?? 0;
      const r = ctx.num(t, prop(t.props, "RandomTimer.range"), "random delay maximum") ?? 0;
      min += d;
      max += d + r;
      any = true;
    } else if (t.testclass === "GaussianRandomTimer") {
      const d = ctx.num(t, prop(t.props, "ConstantTimer.delay"), "constant delay offset") ?? 0;
      const r = ctx.num(t, prop(t.props, "RandomTimer.range"), "deviation") ?? 0;
      ctx.approx(t, "a Gaussian pause became a uniform one over offset ± deviation");
      min += Math.max(0, d - r);
      max += d + r;
      any = true;
    } else ctx.skip(t, "a timer with no equivalent (think time is constant or uniform)");
  }
  if (any) steps.push(min === max ? { think: { seconds: min / 1000 } } : { think: { min: min / 1000, max: max / 1000 } });
  return steps;
}

function requestOf(e: TJmxElement, scope: Scope, ctx: Ctx): RequestIn | undefined {
  const p = e.props;
  const method = (prop(p, "HTTPSampler.method") || "GET").toUpperCase();
  if (!HTTP_METHODS.has(method)) {
    ctx.skip(e, `HTTP method ${method} is not supported`);
    return undefined;
  }
  let path = prop(p, "HTTPSampler.path") || "/";
  const domain = prop(p, "HTTPSampler.domain") ?? "";
  if (domain && !/^https?:\/\//.test(path)) {
    const origin = originOf(prop(p, "HTTPSampler.protocol") || "http", domain, prop(p, "HTTPSampler.port") ?? "");
    if (origin !== new URL(ctx.baseUrl).origin) path = origin + (path.startsWith("/") ? path : `/${path}`);
  }
  if (!/^https?:\/\//.test(path) && !path.startsWith("/")) path = `/${path}`;
  const args = (collectionProp(elementProp(p, "HTTPsampler.Arguments")?.props ?? [], "Arguments.arguments") ?? []).flatMap((a) =>
    a.kind === "element" ? [{ name: prop(a.props, "Argument.name") ?? "", value: prop(a.props, "Argument.value") ?? "" }] : [],
  );
  const request: RequestIn = { name: e.testname, method, path };
  const headers = { ...scope.headers };
  if (prop(p, "HTTPSampler.postBodyRaw") === "true") {
    const body = args.map((a) => a.value).join("");
    const ct = Object.keys(headers).find((h) => h.toLowerCase() === "content-type");
    let json: unknown;
    if (ct && /json/i.test(headers[ct] ?? "")) {
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
    }
    if (json !== undefined && ct) {
      request.json = json;
      delete headers[ct];
    } else request.body = body;
  } else if (args.length > 0) {
    const pairs = Object.fromEntries(args.map((a) => [a.name, a.value]));
    if (args.some((a) => !a.name)) ctx.approx(e, "parameters without a name were left out");
    if (["GET", "HEAD", "DELETE", "OPTIONS"].includes(method)) request.query = pairs;
    else {
      request.form = pairs;
      if (prop(p, "HTTPSampler.DO_MULTIPART_POST") === "true") ctx.approx(e, "a multipart body became a URL-encoded form");
    }
  }
  if (Object.keys(headers).length) request.headers = headers;
  const timeout = ctx.num(e, prop(p, "HTTPSampler.response_timeout"), "response timeout");
  if (timeout && timeout > 0) request.timeoutSeconds = timeout / 1000;
  // "Follow Redirects" (sub-samples) and "Redirect Automatically" (inside the HTTP client) both
  // follow; JMeter reads an absent property as false. Our default is to follow.
  if (prop(p, "HTTPSampler.follow_redirects") !== "true" && prop(p, "HTTPSampler.auto_redirects") !== "true") request.followRedirects = false;
  const files = collectionProp(elementProp(p, "HTTPsampler.Files")?.props ?? [], "HTTPFileArgs.files");
  if (files && files.length > 0) ctx.approx(e, "file uploads are not imported");
  const expect = expectOf(scope.assertions, ctx);
  if (expect) request.expect = expect;
  const extract = extractOf(scope.extractors, ctx);
  if (extract) request.extract = extract;
  return request;
}

/** Response Assertion: Assertion.test_type bits — 1 matches, 2 contains, 4 not, 8 equals, 16 substring. */
function expectOf(assertions: TJmxElement[], ctx: Ctx): TExpect | undefined {
  const out: TExpect = {};
  for (const a of assertions) {
    const field = prop(a.props, "Assertion.test_field") ?? "Assertion.response_data";
    const type = Number(prop(a.props, "Assertion.test_type") ?? "2");
    const strings = (collectionProp(a.props, "Asserion.test_strings") ?? collectionProp(a.props, "Assertion.test_strings") ?? []).flatMap((s) =>
      s.kind === "value" ? [s.value] : [],
    );
    const not = (type & 4) !== 0;
    if (prop(a.props, "Assertion.assume_success") === "true") ctx.approx(a, '"Ignore status" is not imported: the status check stays');
    if (field === "Assertion.response_code") {
      const statuses = strings.flatMap((s) => s.split("|")).map((s) => s.trim().replace(/^\^|\$$/g, ""));
      if (not || statuses.length === 0 || statuses.some((s) => !/^\d{3}$/.test(s))) {
        ctx.skip(a, "only a positive match of response codes (e.g. 200 or 200|201) is imported");
        continue;
      }
      if ((type & 8) === 0 && (type & 1) === 0 && (type & 16) === 0 && (type & 2) === 0) continue;
      const codes = statuses.map(Number);
      if (out.status !== undefined) ctx.approx(a, "several response-code assertions: the last one is kept");
      out.status = codes.length === 1 ? (codes[0] as number) : codes;
    } else if (field === "Assertion.response_data") {
      const text = strings[0];
      if (text === undefined) continue;
      if (strings.length > 1) ctx.approx(a, `only the first of ${strings.length} patterns is imported`);
      if ((type & 2 || type & 1) && /[\\^$.*+?()[\]{}|]/.test(text))
        ctx.approx(a, "a regular expression became plain text to look for");
      if (type & 8 || type & 1) ctx.approx(a, "an equals/matches test on the whole body became a contains test");
      if (not) out.bodyNotContains = text;
      else out.bodyContains = text;
    } else ctx.skip(a, `assertions on ${field.replace("Assertion.", "")} are not imported`);
  }
  return Object.keys(out).length ? out : undefined;
}

function extractOf(extractors: TJmxElement[], ctx: Ctx): Record<string, TExtractor> | undefined {
  const out: Record<string, TExtractor> = {};
  for (const x of extractors) {
    if (x.testclass === "RegexExtractor") {
      const name = prop(x.props, "RegexExtractor.refname") ?? "";
      const regex = prop(x.props, "RegexExtractor.regex") ?? "";
      const template = prop(x.props, "RegexExtractor.template") ?? "$1$";
      const match = prop(x.props, "RegexExtractor.match_number") ?? "1";
      const useHeaders = prop(x.props, "RegexExtractor.useHeaders") ?? "false";
      if (!name || !regex) continue;
      if (useHeaders === "true") {
        const header = /^\(\?i\)\^?([A-Za-z0-9-]+):\\s\*\(\.\*\)$/.exec(regex);
        if (header) out[name] = { header: header[1] as string };
        else ctx.skip(x, "a regex over response headers (other than `(?i)Name:\\s*(.*)`) is not imported");
        continue;
      }
      if (useHeaders !== "false" && useHeaders !== "") {
        ctx.skip(x, `regex over ${useHeaders} is not imported (body only)`);
        continue;
      }
      const group = /^\$(\d+)\$$/.exec(template);
      if (!group) ctx.approx(x, `template ${template} became group 1`);
      if (match !== "1" && match !== "") ctx.approx(x, `match number ${match} became the first match`);
      out[name] = { regex, group: group ? Number(group[1]) : 1 };
    } else if (x.testclass === "JSONPostProcessor") {
      const names = (prop(x.props, "JSONPostProcessor.referenceNames") ?? "").split(";");
      const paths = (prop(x.props, "JSONPostProcessor.jsonPathExprs") ?? "").split(";");
      names.forEach((n, i) => {
        if (n.trim() && paths[i]?.trim()) out[n.trim()] = { json: (paths[i] as string).trim() };
      });
    } else {
      const name = prop(x.props, "VAR");
      const path = prop(x.props, "JSONPATH");
      if (name && path) out[name] = { json: path };
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function headersOf(e: TJmxElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of collectionProp(e.props, "HeaderManager.headers") ?? [])
    if (h.kind === "element") out[prop(h.props, "Header.name") ?? ""] = prop(h.props, "Header.value") ?? "";
  delete out[""];
  return out;
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

function csvDataOf(e: TJmxElement, approx: (e: TJmxElement, reason: string) => void): TData {
  const p = e.props;
  let delimiter = prop(p, "delimiter") || ",";
  if (delimiter === "\\t") delimiter = "\t";
  const names = (prop(p, "variableNames") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const recycle = prop(p, "recycle") !== "false";
  const stopThread = prop(p, "stopThread") === "true";
  const share = prop(p, "shareMode") ?? "shareMode.all";
  if (share !== "shareMode.all") approx(e, `sharing mode ${share} became shared by all VUs`);
  if (prop(p, "ignoreFirstLine") === "true" && names.length) approx(e, "“ignore first line” with named columns: the first line is read as data");
  const mode: TData["mode"] = !recycle && stopThread ? "unique" : "sequential";
  if (!recycle && !stopThread) approx(e, "“recycle on EOF: false” without stopping the thread became recycling");
  return { file: prop(p, "filename") ?? "data.csv", mode, delimiter, ...(names.length ? { columns: names } : {}) };
}

function loadOf(tg: TJmxElement, ctx: Ctx): TScenarioInput["load"] {
  const p = tg.props;
  const vus = ctx.num(tg, prop(p, "ThreadGroup.num_threads"), "number of threads") ?? 1;
  const ramp = ctx.num(tg, prop(p, "ThreadGroup.ramp_time"), "ramp-up period") ?? 0;
  const loopProps = elementProp(p, "ThreadGroup.main_controller")?.props ?? [];
  const loops = ctx.num(tg, prop(loopProps, "LoopController.loops"), "loop count") ?? 1;
  const forever = prop(loopProps, "LoopController.continue_forever") === "true" && loops < 0;
  const scheduler = prop(p, "ThreadGroup.scheduler") === "true";
  const duration = scheduler ? ctx.num(tg, prop(p, "ThreadGroup.duration"), "duration") : undefined;
  const delay = scheduler ? ctx.num(tg, prop(p, "ThreadGroup.delay"), "startup delay") : undefined;
  if (delay && delay > 0) ctx.approx(tg, `the startup delay of ${delay} s is not imported`);
  const onError = prop(p, "ThreadGroup.on_sample_error") ?? "continue";
  if (onError !== "continue") ctx.approx(tg, `“action after a sampler error: ${onError}” is not imported (Musterpoint continues)`);
  const load: TScenarioInput["load"] = { vus: Math.max(1, Math.round(vus)), rampUpSeconds: Math.max(0, ramp) };
  if (loops > 0 && !forever) load.iterations = Math.round(loops);
  if (duration && duration > 0) load.durationSeconds = duration;
  if (load.iterations === undefined && load.durationSeconds === undefined) {
    load.durationSeconds = 600;
    ctx.approx(tg, "loops forever without a scheduler duration: durationSeconds set to 600");
  }
  return load;
}

function originOf(protocol: string, domain: string, port: string): string {
  const p = port.trim();
  const proto = protocol.trim().toLowerCase() || "http";
  const isDefault = !p || (proto === "http" && p === "80") || (proto === "https" && p === "443");
  return `${proto}://${domain.trim()}${isDefault ? "" : `:${p}`}`;
}

function firstHttpSampler(e: TJmxElement): TJmxElement | undefined {
  for (const c of e.children) {
    if (SAMPLERS_HTTP.has(c.testclass) && c.enabled && prop(c.props, "HTTPSampler.domain")) return c;
    const inner = firstHttpSampler(c);
    if (inner) return inner;
  }
  return undefined;
}

/** baseUrl from HTTP Request Defaults, else from the first sampler that names a server. */
function baseUrlOf(defaults: TJmxElement | undefined, tg: TJmxElement): string | undefined {
  const resolve = (v: string) => v.replace(/^\$\{__(?:P|property)\([^,)]*,,?([^)]*)\)\}$/, "$1");
  const from = (e: TJmxElement) => {
    const domain = resolve(prop(e.props, "HTTPSampler.domain") ?? "");
    if (!domain) return undefined;
    return originOf(prop(e.props, "HTTPSampler.protocol") || "http", domain, resolve(prop(e.props, "HTTPSampler.port") ?? ""));
  };
  return (defaults && from(defaults)) ?? ((s) => (s ? from(s) : undefined))(firstHttpSampler(tg));
}
