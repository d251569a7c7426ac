import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCondition } from "../../engine/expression";
import { ZScenario, type TScenario, type TScenarioInput } from "../../engine/scenario";
import type { TVars } from "../../engine/template";
import { conditionToJexl } from "./export-condition";
import { exportJmx } from "./export-jmx";
import { importJmx } from "./import-jmx";
import { jmeterText, type TTextCtx } from "./export-text";
import {
  CHOOSE,
  CLEARED,
  CONDITION_TABLE,
  CONDITION_VARS,
  CONDITIONS,
  ISSUE_EXAMPLE,
  PACED,
  RANDOM_PACED,
  SHOP,
  TIMED,
} from "./testing/construct-scenarios";
import { startCountTarget, type TCountTarget, type TLogged } from "./testing/count-target";
import { jmeterMissing, runJmeter, type TJmeterRun } from "./testing/run-jmeter";

const scenario = (s: Partial<TScenarioInput>): TScenario =>
  ZScenario.parse({
    name: "s",
    baseUrl: "http://127.0.0.1:8080",
    load: { vus: 1, iterations: 1 },
    steps: [{ request: { path: "/" } }],
    ...s,
  });

/** The property text of every `<tag …>…</tag>` element (children live in the hashTree after it). */
function elements(jmx: string, tag: string): { open: string; body: string }[] {
  return [...jmx.matchAll(new RegExp(`(<${tag}\\b[^>]*>)([\\s\\S]*?)</${tag}>`, "g"))].map((m) => ({ open: m[1]!, body: m[2]! }));
}
function prop(body: string, name: string): string | undefined {
  const m = new RegExp(`<(?:string|bool|int|long)Prop name="${name.replace(/\./g, "\\.")}">([^<]*)</`).exec(body);
  return m?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
/** The thread group's stored expressions and texts, name → value. */
function stored(jmx: string): Record<string, string> {
  const udv = elements(jmx, "Arguments").filter((a) => a.open.includes('testname="Musterpoint expressions"'));
  const out: Record<string, string> = {};
  for (const a of udv)
    for (const m of a.body.matchAll(
      /<elementProp name="([^"]+)" elementType="Argument">[\s\S]*?<stringProp name="Argument.value">([^<]*)</g,
    ))
      out[m[1]!] = m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
  return out;
}
/** `${__jexl2(${mp_N})}` → the stored expression. */
function expressionOf(jmx: string, reference: string | undefined): string {
  const name = /^\$\{__jexl2\(\$\{(mp_\d+)\}\)\}$/.exec(reference ?? "")?.[1];
  expect(name, `${reference} reads a stored expression`).toBeDefined();
  return stored(jmx)[name!]!;
}

describe("exportJmx: each construct's JMeter element", () => {
  it("cookies: a Cookie Manager per thread group (clear each iteration as asked), none with cookies: false", () => {
    const { jmx } = exportJmx([
      scenario({}),
      scenario({ name: "off", cookies: false }),
      scenario({ name: "clear", cookies: { clearEachIteration: true } }),
    ]);
    const managers = elements(jmx, "CookieManager");
    expect(managers.map((m) => prop(m.body, "CookieManager.clearEachIteration"))).toEqual(["false", "true"]);
    const groups = jmx.split("<ThreadGroup ").slice(1);
    expect(groups.map((g) => g.includes("<CookieManager "))).toEqual([true, false, true]);
  });

  it("init: a Once Only Controller first in the thread group; end: an If Controller on the last iteration", () => {
    const { jmx, report } = exportJmx([SHOP]);
    const body = jmx.slice(jmx.indexOf("<OnceOnlyController"));
    expect(body.indexOf('testname="login"')).toBeLessThan(body.indexOf('testname="me"'));
    expect(jmx.indexOf("<OnceOnlyController")).toBeLessThan(jmx.indexOf('testname="me"'));
    const end = elements(jmx, "IfController").find((i) => i.open.includes("end (iteration 3)"))!;
    expect(prop(end.body, "IfController.useExpression")).toBe("true");
    expect(expressionOf(jmx, prop(end.body, "IfController.condition"))).toBe("vars.getIteration() == 3");
    expect(jmx.lastIndexOf('testname="logout"')).toBeGreaterThan(jmx.indexOf("end (iteration 3)"));
    expect(report.find((r) => r.step === "end")?.reason).toMatch(/no per-thread end/);
    // With a duration: iterations start while it lasts; then end, and the thread stops itself,
    // within the graceful stop the thread group runs on for.
    const timed = exportJmx([TIMED]);
    expect(prop(elements(timed.jmx, "ThreadGroup")[0]!.body, "ThreadGroup.duration")).toBe("8");
    const [during, after] = elements(timed.jmx, "IfController");
    const over = "new('java.util.Date').getTime() >= ctx.getThread().getEndTime() - 3000";
    expect(expressionOf(timed.jmx, prop(during!.body, "IfController.condition"))).toBe(`!(${over})`);
    expect(expressionOf(timed.jmx, prop(after!.body, "IfController.condition"))).toBe(over);
    const tail = timed.jmx.slice(timed.jmx.indexOf("end (the duration is over)"));
    expect(tail.indexOf('testname="timed logout"')).toBeLessThan(tail.indexOf('testname="stop this thread"'));
    expect(timed.report.find((r) => r.step === "end")?.reason).toMatch(/once the duration is over/);
  });

  it("loop count → Loop Controller (nested: continue_forever), a templated count as JMeter text", () => {
    const { jmx } = exportJmx([
      scenario({ variables: { loops: "4" }, steps: [{ loop: { count: "${loops}", steps: [{ request: { path: "/x" } }] } }] }),
    ]);
    const loops = elements(jmx, "LoopController").filter((l) => !l.open.includes('testname="Loop Controller"'));
    expect(loops).toHaveLength(1);
    expect(prop(loops[0]!.body, "LoopController.loops")).toBe("${loops}");
    expect(prop(loops[0]!.body, "LoopController.continue_forever")).toBe("true");
  });

  it("while → While Controller on a stored JEXL condition; maxIterations → a pass counter reset before and counted in the loop", () => {
    const { jmx } = exportJmx([
      scenario({ steps: [{ loop: { while: "${state} != 'done'", maxIterations: 7, steps: [{ request: { path: "/x" } }] } }] }),
    ]);
    const [w] = elements(jmx, "WhileController");
    const cond = expressionOf(jmx, prop(w!.body, "WhileController.condition"));
    const counter = /new\('java.lang.Integer', vars.get\('(mp_\d+)'\)\) < 7 && /.exec(cond)?.[1];
    expect(counter).toBeDefined();
    expect(cond).toContain("vars.get('state')");
    const effects = elements(jmx, "TestAction").map((t) => expressionOf(jmx, prop(t.body, "ActionProcessor.duration")));
    expect(effects).toEqual([
      `vars.put('${counter}', '0') == null ? 0 : 0`,
      `vars.put('${counter}', (new('java.lang.Integer', vars.get('${counter}')) + 1).toString()) == null ? 0 : 0`,
    ]);
    // The reset comes before the While Controller, the count inside it.
    expect(jmx.indexOf(`${counter} = 0`)).toBeLessThan(jmx.indexOf("<WhileController"));
    expect(jmx.indexOf(`${counter} + 1`)).toBeGreaterThan(jmx.indexOf("<WhileController"));
  });

  it("forEach → ForEach Controller over list_1 … list_N; extractor match and default → match number and default value", () => {
    const { jmx } = exportJmx([SHOP]);
    const [f] = elements(jmx, "ForeachController");
    expect([
      prop(f!.body, "ForeachController.inputVal"),
      prop(f!.body, "ForeachController.returnVal"),
      prop(f!.body, "ForeachController.useSeparator"),
    ]).toEqual(["ids", "id", "true"]);
    const ex = Object.fromEntries(
      elements(jmx, "RegexExtractor").map((e) => [
        prop(e.body, "RegexExtractor.refname"),
        [prop(e.body, "RegexExtractor.match_number"), prop(e.body, "RegexExtractor.default")],
      ]),
    );
    expect(ex).toMatchObject({ ids: ["-1", ""], none: ["1", "none-found"] });
  });

  it("if/else → two If Controllers sharing one evaluation (the then branch may change __status); if alone → one", () => {
    const { jmx } = exportJmx([
      scenario({
        steps: [
          {
            if: {
              condition: "${__status} == 200",
              then: [{ request: { name: "t", path: "/t" } }],
              else: [{ request: { name: "e", path: "/e" } }],
            },
          },
          { loop: { count: 2, steps: [{ if: { condition: "${x} == 1", then: [{ request: { name: "lt", path: "/lt" } }] } }] } },
        ],
      }),
    ]);
    const ifs = elements(jmx, "IfController");
    expect(ifs.map((i) => prop(i.body, "IfController.useExpression"))).toEqual(["true", "true", "true"]);
    const then = expressionOf(jmx, prop(ifs[0]!.body, "IfController.condition"));
    const state = /^vars\.put\('(mp_\d+)', \(/.exec(then)?.[1];
    expect(then).toContain("ctx.getPreviousResult().getResponseCode()");
    expect(then).toMatch(new RegExp(`== null && vars\\.get\\('${state}'\\) == 'then'$`));
    expect(expressionOf(jmx, prop(ifs[1]!.body, "IfController.condition"))).toBe(`vars.get('${state}') == 'else'`);
    expect(expressionOf(jmx, prop(ifs[2]!.body, "IfController.condition"))).toContain("vars.get('x')");
  });

  it("choose → a Switch over one branch per weight, drawn level by level (60/30/10 → 0.6, then 0.75), each branch opened by a Test Action", () => {
    const { jmx } = exportJmx([CHOOSE]);
    // The empty branch too: 2.13's Switch runs the first branch when the chosen one yields no sampler.
    expect(jmx.match(/<GenericController [^>]*>[\s\S]*?<hashTree>\s*<TestAction /g)).toHaveLength(3);
    const [sw] = elements(jmx, "SwitchController");
    expect(expressionOf(jmx, prop(sw!.body, "SwitchController.value"))).toBe(
      "new('java.util.Random').nextDouble() < 0.6 ? 0 : (new('java.util.Random').nextDouble() < 0.75 ? 1 : (2))",
    );
    expect(elements(jmx, "GenericController").map((g) => /testname="([^"]+)"/.exec(g.open)?.[1])).toEqual([
      "choose 1 (weight 60)",
      "choose 2 (weight 30)",
      "choose 3 (weight 10)",
    ]);
  });

  it("pacing: everySeconds and min–max → a Constant Throughput Timer per thread at the iteration start; afterSeconds → a Constant Timer at its end", () => {
    const every = exportJmx([PACED]);
    const [ctt] = elements(every.jmx, "ConstantThroughputTimer");
    expect([prop(ctt!.body, "calcMode"), prop(ctt!.body, "throughput")]).toEqual(["0", "120"]);
    expect(every.jmx.indexOf("<ConstantThroughputTimer")).toBeLessThan(every.jmx.indexOf('testname="paced login"'));
    expect(every.report.find((r) => r.step === "pacing")?.reason).toMatch(/no iteration start lag/);
    const random = exportJmx([scenario({ pacing: { min: 1, max: 3 } })]);
    expect(expressionOf(random.jmx, prop(elements(random.jmx, "ConstantThroughputTimer")[0]!.body, "throughput"))).toBe(
      "60.0 / (1 + new('java.util.Random').nextDouble() * 2)",
    );
    const after = exportJmx([CLEARED]);
    const timers = elements(after.jmx, "ConstantTimer");
    expect(timers.map((t) => prop(t.body, "ConstantTimer.delay"))).toEqual(["300"]);
    expect(after.jmx.indexOf("<ConstantTimer")).toBeGreaterThan(after.jmx.indexOf('testname="cleared me after"'));
  });

  it("a templated baseUrl → HTTP Request Defaults with ${host} fields; variables → ${__P(name,value)} so -J overrides them", () => {
    const { jmx } = exportJmx([SHOP]);
    const [defaults] = elements(jmx, "ConfigTestElement");
    expect([
      prop(defaults!.body, "HTTPSampler.protocol"),
      prop(defaults!.body, "HTTPSampler.domain"),
      prop(defaults!.body, "HTTPSampler.port"),
    ]).toEqual(["http", "${host}", "${port}"]);
    const udv = elements(jmx, "Arguments").find((a) => a.open.includes('testname="User Defined Variables"'))!;
    expect(udv.body).toContain("${__P(host,127.0.0.1)}");
    expect(udv.body).toContain("${__P(who,u)}");
    // User Defined Variables are global to a plan: two scenarios giving one name two values are told so.
    const both = exportJmx([scenario({ name: "a", variables: { v: "1" } }), scenario({ name: "b", variables: { v: "2" } })]);
    expect(both.report.filter((r) => r.step === "variables.v").map((r) => r.scenario)).toEqual(["b"]);
    const whole = exportJmx([scenario({ baseUrl: "${target}", variables: { target: "http://127.0.0.1:1" } })]);
    expect(prop(elements(whole.jmx, "HTTPSamplerProxy")[0]!.body, "HTTPSampler.path")).toBe("${target}/");
    expect(whole.report.map((r) => r.step)).toContain("baseUrl");
  });

  it("multipart → DO_MULTIPART_POST with file arguments (inline content written next to the plan); maxMs → Duration Assertion", () => {
    const { jmx, files, report } = exportJmx([SHOP]);
    expect(
      report
        .filter((r) => r.step === "steps.10")
        .map((r) => r.reason)
        .join(),
    ).toMatch(/relative to the directory it runs in/);
    const upload = elements(jmx, "HTTPSamplerProxy").find((s) => s.open.includes('testname="upload"'))!;
    expect(prop(upload.body, "HTTPSampler.DO_MULTIPART_POST")).toBe("true");
    expect([prop(upload.body, "File.path"), prop(upload.body, "File.paramname"), prop(upload.body, "File.mimetype")]).toEqual([
      "shop/hello.txt",
      "doc",
      "text/plain",
    ]);
    expect(upload.body).toContain('<stringProp name="Argument.name">note</stringProp>');
    expect(files["shop/hello.txt"]).toBe("hello file");
    expect(elements(jmx, "DurationAssertion").map((d) => prop(d.body, "DurationAssertion.duration"))).toEqual(["5000"]);
  });

  it("several data sets → one CSV Data Set each", () => {
    const { jmx, files } = exportJmx([
      scenario({ name: "two sets", data: [{ csv: "a\n1\n" }, { file: "users.csv", columns: ["user"], mode: "unique" }] }),
    ]);
    const sets = elements(jmx, "CSVDataSet");
    expect(sets.map((d) => [prop(d.body, "filename"), prop(d.body, "variableNames"), prop(d.body, "stopThread")])).toEqual([
      ["two_sets.csv", "", "false"],
      ["users.csv", "user", "true"],
    ]);
    expect(files["two_sets.csv"]).toBe("a\n1\n");
  });

  it("functions and built-in values → their JMeter 2.13 functions", () => {
    const ctx: TTextCtx = { scenarioName: "shop", note: () => undefined, usesIteration: false };
    const table: [string, string][] = [
      ["${__uuid()}", "${__UUID()}"],
      ["${__randomInt(1,${max})}", "${__Random(1,${max},)}"],
      ["${__randomString(8)}", "${__RandomString(8,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,)}"],
      ["${__randomString(4,ab\\,c)}", "${__RandomString(4,ab\\,c,)}"],
      ["${__time()}", "${__time()}"],
      ["${__time(yyyy-MM-dd)}", "${__time(yyyy-MM-dd,)}"],
      ["${__time(/1000)}", "${__time(/1000,)}"],
      ["${__counter()}", "${__counter(TRUE,)}"],
      ["${__counter(run)}", "${__counter(FALSE,)}"],
      ["${__P(env,dev)}", "${__P(env,dev)}"],
      ["${__vu}-${vu}", "${__threadNum}-${__threadNum}"],
      ["${__iteration}", "${__iteration}"],
      ["${scenario}", "shop"],
      ["${__status}", "${__jexl2(ctx.getPreviousResult() == null ? '' : ctx.getPreviousResult().getResponseCode())}"],
      ["plain ${name} text", "plain ${name} text"],
    ];
    for (const [ours, theirs] of table) expect(jmeterText(ours, ctx), ours).toBe(theirs);
    expect(ctx.usesIteration).toBe(true);
    // JMeter 2.13 has no environment function: Rhino reads it (the real run below checks the value).
    expect(jmeterText("${__env(HOME,/root)}", ctx)).toBe(
      '${__javaScript(var v = java.lang.System.getenv("HOME"); v == null ? "/root" : String(v))}',
    );
    // ${__iteration} makes the thread group count iterations per thread.
    const { jmx } = exportJmx([scenario({ steps: [{ request: { path: "/${__iteration}" } }] })]);
    const [counter] = elements(jmx, "CounterConfig");
    expect([
      prop(counter!.body, "CounterConfig.name"),
      prop(counter!.body, "CounterConfig.start"),
      prop(counter!.body, "CounterConfig.per_user"),
    ]).toEqual(["__iteration", "1", "true"]);
  });

  it("a condition it cannot translate is noted and exported as false; a function inside one is noted", () => {
    expect(() => conditionToJexl("${a} == (", (t) => t)).toThrow(/at \d+/);
    expect(() => conditionToJexl("", (t) => t)).toThrow(/empty condition/);
    const notes: string[] = [];
    conditionToJexl(
      "'${__uuid()}' == 'x'",
      (t) => `'${t}'`,
      (raw) => notes.push(raw),
    );
    expect(notes).toEqual(["${__uuid()}"]);
  });
});

describe("expect.variables → Response Assertions scoped to a variable", () => {
  const checked = scenario({
    name: "vars",
    module: "vars",
    steps: [
      {
        request: {
          name: "ids",
          path: "/ids",
          extract: { id: { regex: "id=(\\d+)", group: 1 } },
          expect: {
            variables: {
              id: { equals: "11", notEquals: "${other}", contains: "1", notContains: "9", matches: "^\\d+$", notMatches: "x|y" },
            },
          },
        },
      },
    ],
  });

  it("one assertion per check, with the scope, the variable and the test type (8 equals, 16 substring, 2 regex found; +4 not)", () => {
    const { jmx } = exportJmx([checked]);
    const scoped = elements(jmx, "ResponseAssertion").filter((a) => prop(a.body, "Assertion.scope") === "variable");
    expect(
      scoped.map((a) => [
        prop(a.body, "Scope.variable"),
        prop(a.body, "Assertion.test_type"),
        /<stringProp name="-?\d+">([^<]*)</.exec(a.body)?.[1],
      ]),
    ).toEqual([
      ["id", "8", "11"],
      ["id", "12", "${other}"],
      ["id", "16", "1"],
      ["id", "20", "9"],
      ["id", "2", "^\\d+$"],
      ["id", "6", "x|y"],
    ]);
  });

  it("import(export(s)) gives the checks back", () => {
    const back = importJmx(exportJmx([checked]).jmx);
    expect(back.invalid).toEqual([]);
    expect(back.scenarios).toEqual([checked]);
  });
});

describe.skipIf(jmeterMissing() !== null)("expect.variables run by real JMeter 2.13", () => {
  it("an extracted variable that passes its checks and one that fails them, failed by JMeter's own assertion", async () => {
    const target = await startCountTarget();
    try {
      const s = scenario({
        name: "vars",
        baseUrl: `http://127.0.0.1:${target.port}`,
        steps: [
          {
            request: {
              name: "good",
              path: "/ids",
              extract: { id: { regex: "id=(\\d+)", group: 1 } },
              expect: { variables: { id: { equals: "11", matches: "^\\d+$", notContains: "2" } } },
            },
          },
          {
            request: {
              name: "bad",
              path: "/ids",
              extract: { last: { regex: "id=(\\d+)", group: 1, match: 3 } },
              expect: { variables: { last: { equals: "11" } } },
            },
          },
          // The same request with a check that holds: the failure above is the assertion's, not the extractor's.
          {
            request: {
              name: "control",
              path: "/ids",
              extract: { last: { regex: "id=(\\d+)", group: 1, match: 3 } },
              expect: { variables: { last: { notEquals: "11", equals: "33" } } },
            },
          },
        ],
      });
      const run = await runJmeter(exportJmx([s], { jmeterVersion: "2.13" }).jmx, {});
      expect(run.samples.map((x) => [x.label, x.success])).toEqual([
        ["good", true],
        ["bad", false],
        ["control", true],
      ]);
    } finally {
      await target.close();
    }
  }, 60_000);
});

describe("importJmx(exportJmx(s)) for what both sides express", () => {
  it("gives back cookies, init, a templated loop count, forEach, extractor match/default, multipart, maxMs, several data sets, a templated baseUrl, variables and functions", () => {
    const s = scenario({
      name: "rt",
      module: "rt",
      baseUrl: "http://${host}:${port}",
      variables: { host: "127.0.0.1", port: "8080", n: "3" },
      cookies: { clearEachIteration: true },
      load: { vus: 2, rampUpSeconds: 1, iterations: 4 },
      data: [
        { file: "users.csv", columns: ["user"] },
        { file: "items.csv", columns: ["item"], mode: "unique" },
      ],
      init: [{ request: { name: "login", method: "POST", path: "/login", form: { u: "${user}" } } }],
      steps: [
        { loop: { count: "${n}", steps: [{ request: { name: "item", path: "/item/${item}", expect: { maxMs: 250 } } }] } },
        {
          request: {
            name: "ids",
            path: "/ids",
            extract: {
              ids: { regex: "id=(\\d+)", group: 1, match: -1, default: "none" },
              second: { regex: "id=(\\d+)", group: 1, match: 2 },
            },
          },
        },
        { forEach: { list: "ids", as: "id", steps: [{ request: { name: "each", path: "/each/${id}" } }] } },
        {
          request: {
            name: "up",
            method: "POST",
            path: "/up",
            multipart: { fields: { a: "1" }, files: [{ field: "f", file: "data/x.bin" }] },
          },
        },
        { request: { name: "fn", path: "/fn?u=${__uuid()}&r=${__randomInt(1,5)}&t=${__time()}&c=${__counter()}&p=${__P(x,y)}&v=${__vu}" } },
      ],
    });
    const back = importJmx(exportJmx([s]).jmx);
    expect(back.invalid).toEqual([]);
    expect(back.scenarios).toEqual([s]);
    expect(importJmx(exportJmx([{ ...s, cookies: false }]).jmx).scenarios[0]!.cookies).toBe(false);
  });
});

const missing = jmeterMissing();
if (missing) console.warn(`export-jmx.test.ts: real JMeter round trips skipped: ${missing}`);

describe.skipIf(missing !== null)("exported plans run by real JMeter 2.13", () => {
  let target: TCountTarget;
  let run: TJmeterRun;
  let started = 0;
  beforeAll(async () => {
    target = await startCountTarget();
    const { jmx, files } = exportJmx([SHOP, CHOOSE, PACED, RANDOM_PACED, CLEARED, TIMED, CONDITION_TABLE, ISSUE_EXAMPLE], {
      jmeterVersion: "2.13",
    });
    started = Date.now();
    // port and flavour are launch parameters (-J): port overrides the scenarios' variable.
    run = await runJmeter(jmx, files, { port: String(target.port), flavour: "spicy" }, { MP_EXPORT_ENV: "from-env" });
  }, 120_000);
  afterAll(async () => target?.close());

  /** Samples of a label (the issue's example, which shares labels with the shop, left out). */
  const count = (label: string) => run.samples.filter((s) => s.label === label && !s.threadName.startsWith("example ")).length;
  /** The shop's requests per thread, in order (the session cookie names the thread: u1, u2). */
  const byThread = () => {
    const out = new Map<string, TLogged[]>();
    let current = "";
    for (const r of target.log) {
      if (r.path === "/session" && r.method === "POST") continue;
      const sid = /sid=(u\d)/.exec(r.cookie)?.[1];
      if (!sid) continue;
      current = sid;
      out.set(current, [...(out.get(current) ?? []), r]);
    }
    return out;
  };

  it("ran every sample without an error, and JMeter logged none", () => {
    expect(run.log).not.toMatch(/ERROR/);
    expect(run.samples.length).toBeGreaterThan(2000);
    expect(run.samples.filter((s) => !s.success).map((s) => `${s.label} ${s.responseCode} ${s.failureMessage}`)).toEqual([]);
  });

  it("init once per thread, end once per thread after its last iteration; the session cookie on every /me", () => {
    expect(count("login")).toBe(2);
    expect(count("logout")).toBe(2);
    const threads = byThread();
    expect([...threads.keys()].sort()).toEqual(["u1", "u2"]);
    for (const [sid, requests] of threads) {
      expect(requests.at(-1)!.path, sid).toBe("/logout");
      expect(requests.filter((r) => r.path === "/logout")).toHaveLength(1);
    }
    const me = target.hits("/me").filter((r) => r.cookie.includes("sid=u"));
    expect(me).toHaveLength(6);
    expect(count("me")).toBe(6);
  });

  it("loops 3 items per iteration with per-thread counters, the iteration number and distinct uuids", () => {
    const items = target.log.filter((r) => r.path.startsWith("/item/") && r.cookie.includes("sid=u"));
    expect(items).toHaveLength(2 * 3 * 3);
    for (const [, requests] of byThread()) {
      const mine = requests.filter((r) => r.path.startsWith("/item/"));
      expect(mine.map((r) => r.path)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `/item/${n}`));
      expect(mine.map((r) => r.query.get("it"))).toEqual(["1", "1", "1", "2", "2", "2", "3", "3", "3"]);
    }
    const uuids = items.map((r) => r.query.get("uuid")!);
    expect(new Set(uuids).size).toBe(18);
    for (const u of uuids) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("if/else on __status and variables at the top level, and on an extracted number inside a loop", () => {
    expect([count("saw 404"), count("no 404"), count("ok"), count("retry"), count("default seen")]).toEqual([6, 0, 6, 0, 6]);
    let decisions = 0;
    for (const [, requests] of byThread()) {
      requests.forEach((r, i) => {
        if (!r.path.startsWith("/echo/")) return;
        const n = Number(r.path.slice(6));
        expect(requests[i + 1]!.path, `after /echo/${n}`).toBe(n >= 5 ? "/big" : "/small");
        decisions++;
      });
    }
    expect(decisions).toBe(2 * 3 * 4);
  });

  it("forEach over every match, the extractor default, and while stopped by its guard", () => {
    const each = target.log.filter((r) => r.path.startsWith("/each/"));
    expect(each).toHaveLength(18);
    for (const [, requests] of byThread())
      expect(
        requests
          .filter((r) => r.path.startsWith("/each/"))
          .map((r) => r.path.slice(6))
          .join(),
      ).toBe("11,22,33,11,22,33,11,22,33");
    expect(new Set(each.map((r) => r.query.get("none")))).toEqual(new Set(["none-found"]));
    expect(count("while")).toBe(2 * 3 * 4);
  });

  it("multipart upload with a field and a file", () => {
    const uploads = target.hits("/upload");
    expect(uploads).toHaveLength(6);
    for (const u of uploads) {
      expect(u.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(u.body).toMatch(/name="note"[\s\S]*\r\n\r\nhi\r\n/);
      expect(u.body).toMatch(/name="doc"; filename="hello.txt"[\s\S]*Content-Type: text\/plain[\s\S]*\r\n\r\nhello file\r\n/);
    }
  });

  it("functions: environment, launch parameter, random ranges, time, run-wide counter", () => {
    const calls = target.hits("/functions");
    expect(calls).toHaveLength(6);
    for (const c of calls) {
      expect(c.query.get("env")).toBe("from-env");
      expect(c.query.get("p")).toBe("spicy");
      expect(Number(c.query.get("r"))).toBeGreaterThanOrEqual(5);
      expect(Number(c.query.get("r"))).toBeLessThanOrEqual(9);
      expect(c.query.get("s")).toMatch(/^[A-Za-z0-9]{6}$/);
      expect(Number(c.query.get("t"))).toBeGreaterThanOrEqual(started);
      expect(Number(c.query.get("t"))).toBeLessThanOrEqual(Date.now());
      // JMeter's JVM and this process share the machine's time zone.
      const day = new Date(Number(c.query.get("t")));
      expect(c.query.get("d")).toBe(
        `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`,
      );
    }
    expect(calls.map((c) => Number(c.query.get("run"))).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("choose: branch shares within 5 points of the weights over 2,000 passes", () => {
    const a = count("a") / 2000;
    const b = count("b") / 2000;
    expect(Math.abs(a - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(b - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(1 - a - b - 0.1)).toBeLessThan(0.05);
  });

  it("pacing: iterations start every 0.5 s (on-time intervals ± 50 ms, none early); no cookie jar with cookies: false", () => {
    const starts = run.samples.filter((s) => s.label === "paced login").map((s) => s.timeStamp);
    expect(starts).toHaveLength(8);
    // The first iteration's sample starts late by JMeter's first-request set-up: intervals from
    // the second. Idle, they were 490–513 ms. But a Constant Throughput Timer that fires late
    // moves its schedule (no catch-up), and a busy machine delays samples after their pacing
    // point (at load 16–27 on 2 cores: intervals of 364–613 ms, a short one right after a late
    // sample). So: the on-time ones (lower quartile) at 0.5 s ± 50 ms; counted from the second
    // start, no start ahead of the 0.5 s schedule by more than one late sample's delay (a pair of
    // intervals was not enough: in a loaded CI run 615, 403, 482 ms — a late one, then two that
    // caught up, 885 ms for the pair, none of them early); the mean bounded.
    const intervals = starts.slice(2).map((t, i) => t - starts[i + 1]!);
    const sorted = [...intervals].sort((x, y) => x - y);
    expect(Math.abs(sorted[Math.floor(sorted.length / 4)]! - 500), `${intervals}`).toBeLessThanOrEqual(50);
    for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[1]!, `${intervals}`).toBeGreaterThanOrEqual((i - 1) * 500 - 150);
    expect((starts.at(-1)! - starts[1]!) / intervals.length, `${intervals}`).toBeLessThanOrEqual(650);
    const me = run.samples.filter((s) => s.label === "paced me");
    expect(me.map((s) => s.responseCode)).toEqual(Array(8).fill("401"));
  });

  it("a run with a duration: iterations while it lasts, then one logout per thread at an iteration's end, and the thread stops", () => {
    const samples = run.samples.filter((s) => s.threadName.startsWith("timed "));
    const threads = [...new Set(samples.map((s) => s.threadName))];
    expect(threads).toHaveLength(2);
    for (const thread of threads) {
      const mine = samples.filter((s) => s.threadName === thread);
      expect(mine[0]!.label, thread).toBe("timed login");
      expect(mine.at(-1)!.label, thread).toBe("timed logout");
      expect(
        mine.filter((s) => s.label === "timed logout"),
        thread,
      ).toHaveLength(1);
      // At least one iteration: JMeter's clock starts before its warm-up, which on a loaded
      // machine (load 27) took most of the 5 s.
      const steps = mine.filter((s) => s.label === "timed step");
      expect(steps.length, thread).toBeGreaterThanOrEqual(1);
      // The logout follows the last iteration's think time (0.3 s), not a cut in the middle of it…
      const gap = mine.at(-1)!.timeStamp - (steps.at(-1)!.timeStamp + steps.at(-1)!.elapsed);
      expect(gap, thread).toBeGreaterThanOrEqual(300);
      expect(gap, thread).toBeLessThan(300 + 400);
      // …and comes within the duration (plus one iteration) of the thread group's start, which is
      // before the first login, not at the end of the 3 s graceful stop.
      expect(mine.at(-1)!.timeStamp - mine[0]!.timeStamp, thread).toBeLessThan(5000 + 500);
    }
    expect(
      target
        .hits("/timed/logout")
        .map((r) => r.cookie)
        .sort(),
    ).toEqual(["sid=timed1", "sid=timed2"]);
  });

  it("the issue's example, launched with 2 VUs for 5 s: one login and one logout per VU, the cookie on every /me, 3 items per iteration, iterations 2 s apart, distinct uuids", () => {
    const logins = target.hits("/session").filter((r) => /user=ex\d/.test(r.body));
    expect(logins.map((r) => r.body).sort()).toEqual(["user=ex1", "user=ex2"]);
    expect(
      target
        .hits("/logout")
        .filter((r) => r.cookie.includes("sid=ex"))
        .map((r) => r.cookie)
        .sort(),
    ).toEqual(["sid=ex1", "sid=ex2"]);
    const samples = run.samples.filter((s) => s.threadName.startsWith("example "));
    expect(samples.filter((s) => !s.success).map((s) => `${s.label} ${s.responseCode}`)).toEqual([]);
    for (const sid of ["ex1", "ex2"]) {
      const mine = target.log.filter((r) => r.cookie === `sid=${sid}`);
      const me = mine.filter((r) => r.path === "/me");
      expect(me.length, sid).toBeGreaterThanOrEqual(1);
      expect(
        mine.filter((r) => r.path.startsWith("/item/")),
        sid,
      ).toHaveLength(3 * me.length);
      expect(mine.at(-1)!.path, sid).toBe("/logout");
      const starts = me.map((r) => r.at);
      // 2 s apart from the second iteration on (the first carries JMeter's warm-up), give or take a busy machine.
      for (let i = 2; i < starts.length; i++) expect(Math.abs(starts[i]! - starts[i - 1]! - 2000), `${sid} ${starts}`).toBeLessThan(250);
    }
    const buys = target
      .hits("/buy")
      .filter((r) => r.cookie.includes("sid=ex"))
      .map((r) => JSON.parse(r.body) as { id: string; at: string });
    expect(new Set(buys.map((b) => b.id)).size).toBe(buys.length);
    for (const b of buys) expect(Number(b.at)).toBeGreaterThan(0);
  });

  it("random pacing: iterations start 0.2–0.4 s apart (± 50 ms), not all alike", () => {
    const starts = run.samples.filter((s) => s.label === "random paced").map((s) => s.timeStamp);
    expect(starts).toHaveLength(8);
    const intervals = starts
      .slice(1)
      .map((t, i) => t - starts[i]!)
      .slice(1);
    // Never early (200 ms less 50 of jitter) counted from the first paced start: pacing is start to
    // start, so a sample a busy machine started late is followed by a shorter gap (475 then 145 ms
    // was seen under load) while the schedule holds. The upper bound allows that late sample.
    for (let k = 1; k < starts.length - 1; k++) expect(starts[k + 1]! - starts[1]!, `${intervals}`).toBeGreaterThanOrEqual(150 * k);
    for (const d of intervals) expect(d, `${intervals}`).toBeLessThanOrEqual(600);
    expect(Math.max(...intervals) - Math.min(...intervals), `${intervals}`).toBeGreaterThan(20);
  });

  it("cookies cleared each iteration; afterSeconds pacing waits 0.3 s after each iteration", () => {
    expect(target.hits("/cleared/me").map((r) => r.cookie)).toEqual(["", "", ""]);
    const samples = run.samples.filter((s) => s.threadName.startsWith("cleared"));
    const ends = samples.filter((s) => s.label === "cleared me after").map((s) => s.timeStamp + s.elapsed);
    const starts = samples.filter((s) => s.label === "cleared me before").map((s) => s.timeStamp);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]! - ends[i - 1]!).toBeGreaterThanOrEqual(300);
      expect(starts[i]! - ends[i - 1]!).toBeLessThan(300 + 300);
    }
  });

  it("JMeter takes every condition of the table as the engine does, at the top and again on each pass of a loop", () => {
    const vars = new Map(Object.entries({ ...CONDITION_VARS, __status: "201" })) as TVars;
    const verdicts = (prefix: string) =>
      CONDITIONS.map((_, i) =>
        target.log
          .filter((r) => r.path.startsWith(`/${prefix}/${i}/`))
          .map((r) => r.path.split("/")[3])
          .join(),
      );
    const expected = CONDITIONS.map((c) => (compileCondition(c)(vars) ? "then" : "else"));
    expect(expected.filter((e) => e === "else").length).toBeGreaterThanOrEqual(5);
    expect(Object.fromEntries(CONDITIONS.map((c, i) => [c, verdicts("top")[i]]))).toEqual(
      Object.fromEntries(CONDITIONS.map((c, i) => [c, expected[i]])),
    );
    expect(Object.fromEntries(CONDITIONS.map((c, i) => [c, verdicts("inloop")[i]]))).toEqual(
      Object.fromEntries(CONDITIONS.map((c, i) => [c, `${expected[i]},${expected[i]}`])),
    );
  });
});
