import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZScenario, type TScenario } from "../../engine/scenario";
import { importJmx } from "./import-jmx";
import { exportJmx } from "./export-jmx";
import { JmeterImportError } from "../errors";
import { EXPORT_SCENARIO } from "../fixtures/export-scenario";
import { importJtl } from "../import-jtl";

const fixtures = path.join(import.meta.dirname, "..", "fixtures");

describe("importJmx of the fixture plan JMeter 2.13 ran", () => {
  const r = importJmx(readFileSync(path.join(fixtures, "plan.jmx"), "utf8"));

  it("makes one valid scenario per thread group with load, requests, timers and transactions", () => {
    expect(r.invalid).toEqual([]);
    expect(r.scenarios.map((s) => s.name)).toEqual(["Vote_Interface_Test", "incoming"]);
    const [vote, incoming] = r.scenarios as [TScenario, TScenario];
    // The port is the property ${__P(port,28471)}: a launch parameter with that default.
    expect(vote.baseUrl).toBe("http://127.0.0.1:${__P(port,28471)}");
    expect(r.report.launchParameters).toEqual([
      { name: "port", required: false, default: "28471", scenarios: ["Vote_Interface_Test", "incoming"] },
    ]);
    expect(vote.headers).toEqual({ "Content-Type": "application/json", "X-Client": "jmeter-fixture" });
    expect(vote.load).toMatchObject({ vus: 4, rampUpSeconds: 1, iterations: 25 });
    expect(incoming.load).toMatchObject({ vus: 3, rampUpSeconds: 0, durationSeconds: 6 });
    const tx = vote.steps[0] as { transaction: { name: string; steps: unknown[] } };
    expect(tx.transaction.name).toBe("Vote flow");
    expect(tx.transaction.steps).toContainEqual({
      request: {
        name: "POST /vote",
        method: "POST",
        path: "/vote?token=${token}",
        json: { choice: 2, token: "${token}" },
        timeoutSeconds: 60,
        followRedirects: true,
        expect: { status: 200, bodyContains: '"voted":true' },
      },
    });
    expect(JSON.stringify(tx)).toContain('"extract":{"token":{"regex":"\\"token\\":\\"([^\\"]+)\\"","group":1,"default":"NOTFOUND"}}');
    // Synchronizing Timer (group 3, 1000 ms) → rendezvous; Uniform Random Timer 5 + 0–20 ms → think.
    expect(incoming.steps[0]).toEqual({ rendezvous: { name: "all 3 at once", policy: { count: 3 }, timeoutSeconds: 1 } });
    expect(incoming.steps[1]).toEqual({ think: { min: 0.005, max: 0.025 } });
  });

  it("lists every element it did not carry over, by name and path", () => {
    expect(r.report.skipped.filter((s) => s.element === "Summariser").map((s) => s.path)).toEqual([
      "Musterpoint fixture plan/Vote_Interface_Test/Vote_Interface_Test",
      "Musterpoint fixture plan/Vote_Interface_Test/Vote flow/GET /fast/label:GET /fast",
      "Musterpoint fixture plan/Vote_Interface_Test/Vote flow/POST /vote/label:POST /vote",
      "Musterpoint fixture plan/Vote_Interface_Test/GET /flaky/label:GET /flaky",
      "Musterpoint fixture plan/incoming/incoming",
      "Musterpoint fixture plan/incoming/GET /slow/label:GET /slow",
    ]);
    expect(r.report.approximated.map((a) => a.element)).toEqual([
      "TransactionController",
      "TransactionController",
      "TransactionController",
    ]);
    expect(r.report.approximated.map((a) => a.reason).join("\n")).toMatch(/generate parent sample/); // the plan has a transaction in each mode
    expect(r.report.coverage).toEqual({ samplers: 6, usable: 6, notUsable: [] });
  });
});

describe("importJmx edge cases", () => {
  const wrap = (inner: string) => `<?xml version="1.0"?>
<jmeterTestPlan version="1.2"><hashTree>
<TestPlan testclass="TestPlan" testname="P" enabled="true"/>
<hashTree>
<ThreadGroup testclass="ThreadGroup" testname="TG" enabled="true">
  <elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">2</stringProp></elementProp>
  <stringProp name="ThreadGroup.num_threads">\${__P(users,7)}</stringProp>
  <stringProp name="ThreadGroup.ramp_time">5</stringProp>
</ThreadGroup>
<hashTree>${inner}</hashTree>
</hashTree></hashTree></jmeterTestPlan>`;
  const sampler = (name: string, children = "") => `<HTTPSamplerProxy testclass="HTTPSamplerProxy" testname="${name}" enabled="true">
  <stringProp name="HTTPSampler.domain">example.test</stringProp><stringProp name="HTTPSampler.path">/${name}</stringProp>
  <stringProp name="HTTPSampler.method">GET</stringProp></HTTPSamplerProxy><hashTree>${children}</hashTree>`;

  it("maps an If Controller's JavaScript condition, the Cookie Manager, and reports what it cannot carry", () => {
    const r = importJmx(
      wrap(`
      <IfController testclass="IfController" testname="only sometimes" enabled="true"><stringProp name="IfController.condition">\${__javaScript(vars.get("x") == "1" || \${n} > 2)}</stringProp></IfController><hashTree>${sampler("a")}</hashTree>
      <DebugSampler testclass="DebugSampler" testname="debug" enabled="true"/><hashTree/>
      ${sampler("b", '<ConstantTimer testclass="ConstantTimer" testname="t" enabled="false"><stringProp name="ConstantTimer.delay">5</stringProp></ConstantTimer><hashTree/>')}
      <CookieManager testclass="CookieManager" testname="cookies" enabled="true"><boolProp name="CookieManager.clearEachIteration">true</boolProp></CookieManager><hashTree/>
      <SyncTimer testclass="SyncTimer" testname="all" enabled="true"><intProp name="groupSize">0</intProp><longProp name="timeoutInMs">0</longProp></SyncTimer><hashTree/>`),
    );
    expect(r.invalid).toEqual([]);
    const s = r.scenarios[0] as TScenario;
    expect(s.baseUrl).toBe("http://example.test");
    expect(s.load).toMatchObject({ vus: 7, rampUpSeconds: 5, iterations: 2 });
    expect(s.cookies).toEqual({ clearEachIteration: true });
    // A thread-group-level Synchronizing Timer applies before every sampler; group 0 = all threads.
    const rv = { rendezvous: { name: "all", policy: { allVusersPercent: 100 }, timeoutSeconds: 30 } };
    expect(s.steps[0]).toEqual({
      if: {
        condition: '${x} == "1" || ${n} > 2',
        then: [rv, expect.objectContaining({ request: expect.objectContaining({ path: "/a" }) })],
      },
    });
    expect(s.steps.slice(1, 3)).toEqual([rv, expect.objectContaining({ request: expect.objectContaining({ path: "/b" }) })]);
    const where = (list: { element: string; path: string }[]) => list.map((x) => `${x.element} ${x.path}`);
    expect(where(r.report.skipped)).toEqual(expect.arrayContaining(["DebugSampler P/TG/debug", "ConstantTimer P/TG/b/t"]));
    expect(where(r.report.approximated)).toEqual(expect.arrayContaining(["ThreadGroup P/TG", "SyncTimer P/TG/all"]));
    expect(where([...r.report.skipped, ...r.report.approximated])).not.toContain("IfController P/TG/only sometimes");
  });

  it("plugin thread groups: Concurrency and Ultimate schedules become a closed-model load, reported", () => {
    const plan = (tg: string) =>
      `<?xml version="1.0"?><jmeterTestPlan version="1.2"><hashTree><TestPlan testclass="TestPlan" testname="P" enabled="true"/><hashTree>${tg}<hashTree>${sampler("a")}</hashTree></hashTree></hashTree></jmeterTestPlan>`;
    const conc = importJmx(
      plan(`<com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroup guiclass="com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroupGui" testclass="com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroup" testname="C" enabled="true">
      <stringProp name="TargetLevel">\${__P(users,40)}</stringProp><stringProp name="RampUp">2</stringProp><stringProp name="Steps"></stringProp><stringProp name="Hold">8</stringProp><stringProp name="Unit">M</stringProp></com.blazemeter.jmeter.threads.concurrency.ConcurrencyThreadGroup>`),
    );
    expect(conc.scenarios[0]?.load).toMatchObject({ vus: 40, rampUpSeconds: 120, durationSeconds: 600 });
    const ult = importJmx(
      plan(`<kg.apc.jmeter.threads.UltimateThreadGroup guiclass="kg.apc.jmeter.threads.UltimateThreadGroupGui" testclass="kg.apc.jmeter.threads.UltimateThreadGroup" testname="U" enabled="true">
      <collectionProp name="ultimatethreadgroupdata"><collectionProp name="1"><stringProp name="1">10</stringProp><stringProp name="2">0</stringProp><stringProp name="3">30</stringProp><stringProp name="4">60</stringProp><stringProp name="5">10</stringProp></collectionProp>
      <collectionProp name="2"><stringProp name="1">5</stringProp><stringProp name="2">20</stringProp><stringProp name="3">20</stringProp><stringProp name="4">100</stringProp><stringProp name="5">10</stringProp></collectionProp></collectionProp></kg.apc.jmeter.threads.UltimateThreadGroup>`),
    );
    expect(ult.scenarios[0]?.load).toMatchObject({ vus: 15, rampUpSeconds: 40, durationSeconds: 140 });
    expect(ult.report.approximated.map((a) => a.reason).join("\n")).toMatch(/2 schedule rows became one/);
  });

  it("JSON Assertion (JMeter 4+): an exact value at a path → expect.json; a regex one is reported", () => {
    const json = (
      name: string,
      path: string,
      value: string,
      regex: boolean,
    ) => `<JSONPathAssertion guiclass="JSONPathAssertionGui" testclass="JSONPathAssertion" testname="${name}" enabled="true">
      <stringProp name="JSON_PATH">${path}</stringProp><stringProp name="EXPECTED_VALUE">${value}</stringProp><boolProp name="JSONVALIDATION">true</boolProp>
      <boolProp name="EXPECT_NULL">false</boolProp><boolProp name="INVERT">false</boolProp><boolProp name="ISREGEX">${regex}</boolProp></JSONPathAssertion><hashTree/>`;
    const r = importJmx(
      wrap(sampler("a", json("count", "$.count", "3", false) + json("name", "$.name", "bob", false) + json("re", "$.id", "\\d+", true))),
    );
    expect((r.scenarios[0]?.steps[0] as { request: { expect: unknown } }).request.expect).toEqual({
      json: { "$.count": 3, "$.name": "bob" },
    });
    expect(r.report.skipped.map((x) => x.path)).toContain("P/TG/a/re");
  });

  it("a Once Only Controller after other steps still becomes init, reported", () => {
    const r = importJmx(
      wrap(
        `${sampler("first")}<OnceOnlyController guiclass="OnceOnlyControllerGui" testclass="OnceOnlyController" testname="login" enabled="true"/><hashTree>${sampler("once")}</hashTree>`,
      ),
    );
    const s = r.scenarios[0] as TScenario;
    expect(s.init).toEqual([expect.objectContaining({ request: expect.objectContaining({ name: "once" }) })]);
    expect(s.steps).toEqual([expect.objectContaining({ request: expect.objectContaining({ name: "first" }) })]);
    expect(r.report.approximated.filter((a) => a.path === "P/TG/login").map((a) => a.reason)).toEqual([
      "it became init: it runs before the first iteration, not after the steps above it",
    ]);
  });

  it("names the line and element of a broken plan", () => {
    const broken = wrap(sampler("a")).slice(0, 400);
    expect(() => importJmx(broken)).toThrow(JmeterImportError);
    expect(() => importJmx(broken)).toThrow(/line \d+.*ends inside <ThreadGroup>|line \d+.*ends inside/);
    expect(() => importJmx('<testResults version="1.2"/>')).toThrow(/JTL result file, not a JMX/);
    expect(() => importJmx("\u0000\u0001garbage")).toThrow(JmeterImportError);
  });
});

describe("exportJmx", () => {
  const scenario: TScenario = ZScenario.parse({
    name: "round trip",
    module: "round trip",
    baseUrl: "http://127.0.0.1:28471",
    headers: { "X-A": "1" },
    variables: { who: "me" },
    load: { vus: 5, rampUpSeconds: 2, durationSeconds: 30, iterations: 4 },
    data: { file: "users.csv", mode: "unique", delimiter: ";", columns: ["user", "pass"] },
    steps: [
      {
        request: {
          name: "login",
          method: "POST",
          path: "/login",
          json: { user: "${user}", n: 1 },
          timeoutSeconds: 5,
          extract: { token: { json: "$.data.token" }, loc: { header: "Location" }, id: { regex: "id=(\\d+)", group: 1 } },
          expect: { status: [200, 201], bodyContains: "ok", bodyNotContains: "error" },
        },
      },
      { rendezvous: { name: "rv", policy: { count: 4 }, timeoutSeconds: 2.5 } },
      { rendezvous: { name: "everyone", policy: { allVusersPercent: 100 }, timeoutSeconds: 30 } },
      {
        transaction: {
          name: "tx",
          steps: [
            { request: { name: "list", path: "/items", query: { page: "2" }, headers: { Accept: "text/plain" } } },
            { think: { min: 0.1, max: 0.3 } },
            { request: { name: "save", method: "PUT", path: "/items/1", form: { a: "b" } } },
            { request: { name: "raw", method: "POST", path: "/raw", body: "plain text", followRedirects: false } },
          ],
        },
      },
      { think: { seconds: 1.5 } },
    ],
  });

  it("round-trips: import(export(scenario)) gives the scenario back", () => {
    const { jmx, report } = exportJmx([scenario]);
    const back = importJmx(jmx);
    expect(back.invalid).toEqual([]);
    expect(back.scenarios).toEqual([scenario]);
    expect(back.report.skipped).toEqual([]);
    expect(report.length).toBeGreaterThan(0); // what the export notes is export-jmx.test.ts's business
  });

  it("reports what JMeter cannot express", () => {
    const s = ZScenario.parse({
      ...scenario,
      module: "other",
      load: { vus: 10, durationSeconds: 5, rampDownSeconds: 3 },
      steps: [
        { rendezvous: { name: "half", policy: { runningVusersPercent: 50 } } },
        { request: { path: "/x", extract: { v: { json: "$.a[0].b" } } } },
      ],
    });
    const { report } = exportJmx([s], { jmeterVersion: "2.13" });
    expect(report.map((r) => r.reason).join("\n")).toMatch(
      /ramp-down[\s\S]*module "other"[\s\S]*% of running VUs[\s\S]*\$\.a\[0\]\.b needs JMeter ≥ 3/,
    );
  });

  it("the committed exported.jmx is what exportJmx writes, and real JMeter 2.13 ran it", async () => {
    const { jmx } = exportJmx([EXPORT_SCENARIO], { jmeterVersion: "2.13" });
    expect(readFileSync(path.join(fixtures, "exported.jmx"), "utf8")).toBe(jmx);
    const { createReadStream } = await import("node:fs");
    const r = await importJtl(createReadStream(path.join(fixtures, "exported.jtl")));
    // 3 VUs × 10 iterations of fast, vote, slow, form and the "vote flow" transaction; no errors.
    expect(Object.fromEntries(r.summary.labels.map((l) => [l.label, [l.samples, l.errors]]))).toEqual({
      fast: [30, 0],
      vote: [30, 0],
      slow: [30, 0],
      "vote flow": [30, 0],
      form: [30, 0],
    });
    // And it imports back to the scenario it came from, but for what 2.13 cannot express.
    const back = importJmx(jmx).scenarios[0] as TScenario;
    expect(JSON.stringify(back.steps)).toContain('"voteId":{"regex":"\\"id\\"\\\\s*:\\\\s*\\"?([^\\",}]*)","group":1}');
  });
});
