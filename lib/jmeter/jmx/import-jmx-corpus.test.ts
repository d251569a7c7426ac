/**
 * The JMX corpus (fixtures/*.jmx, written by fixtures/write-corpus.ts): every plan loads in real
 * JMeter 2.13, imports without throwing, and the share of enabled HTTP samplers that became
 * requests aimed at a usable host is printed and held at ≥ 95 %. Then plan by plan, what each
 * JMeter construct became.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZScenario, walkSteps, type TScenario, type TStep } from "../../engine/scenario";
import { importJmx, type TJmxImportResult } from "./import-jmx";

const dir = path.join(import.meta.dirname, "fixtures");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".jmx"))
  .sort();
const results = new Map<string, TJmxImportResult>(files.map((f) => [f, importJmx(readFileSync(path.join(dir, f), "utf8"))]));
const get = (f: string) => {
  const r = results.get(f);
  if (!r) throw new Error(`no fixture ${f}`);
  return r;
};
const scenario = (f: string, name: string) => {
  const s = get(f).scenarios.find((x) => x.name === name);
  if (!s)
    throw new Error(
      `${f}: no scenario ${name} (${get(f)
        .scenarios.map((x) => x.name)
        .join(", ")})`,
    );
  return s;
};
/** Every request of a scenario (init, steps, end, nested), by name. */
const requests = (s: TScenario) => {
  const out: Extract<TStep, { request: unknown }>["request"][] = [];
  walkSteps(s, (step) => {
    if ("request" in step) out.push(step.request);
  });
  return out;
};
const request = (s: TScenario, name: string) => {
  const r = requests(s).find((x) => x.name === name);
  if (!r) throw new Error(`${s.name}: no request ${name}`);
  return r;
};
const reasons = (r: TJmxImportResult, kind: "skipped" | "approximated", pathEnd: string) =>
  r.report[kind].filter((i) => i.path.endsWith(pathEnd)).map((i) => i.reason);

describe("the JMX corpus", () => {
  it("has at least 15 plans in both JMeter 2.13 and 5.x shapes", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => f.includes("2.13")).length).toBeGreaterThan(3);
    expect(files.filter((f) => f.includes("5.x")).length).toBeGreaterThan(3);
  });

  it("every plan loads in JMeter 2.13 (load only: nothing is run or sent)", () => {
    if (!existsSync("/usr/share/jmeter/bin/ApacheJMeter.jar")) {
      console.log("JMeter 2.13 load check skipped: /usr/share/jmeter is absent (apt-get install -y jmeter)");
      return;
    }
    const jars = ["/usr/share/jmeter/bin", "/usr/share/jmeter/lib", "/usr/share/jmeter/lib/ext"]
      .flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith(".jar"))
          .map((f) => path.join(d, f)),
      )
      .join(":");
    const out = mkdtempSync(path.join(tmpdir(), "loadjmx-"));
    // LoadJmx opens XStream through RunJMeter, the launcher's class: compiled together.
    execFileSync("javac", [
      "-cp",
      jars,
      "-d",
      out,
      path.join(dir, "LoadJmx.java"),
      path.join(dir, "..", "testing", "jmeter", "RunJMeter.java"),
    ]);
    let stdout = "";
    try {
      stdout = execFileSync("java", ["-cp", `${out}:${jars}`, "LoadJmx", ...files.map((f) => path.join(dir, f))], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch (error) {
      stdout = String((error as { stdout?: string }).stdout ?? error);
    }
    const verdicts = stdout.split("\n").filter((l) => /^(OK|FAIL) /.test(l));
    expect(verdicts.filter((l) => l.startsWith("FAIL"))).toEqual([]);
    expect(verdicts).toHaveLength(files.length);
  }, 120_000);

  it("imports every plan without throwing, every scenario valid, and ≥ 95 % of enabled HTTP samplers aimed at a usable host", () => {
    let samplers = 0;
    let usable = 0;
    for (const [f, r] of results) {
      for (const s of r.scenarios) expect(ZScenario.safeParse(s).success, `${f}: ${s.name}`).toBe(true);
      const c = r.report.coverage!;
      samplers += c.samplers;
      usable += c.usable;
      for (const n of c.notUsable) console.log(`  not usable: ${f} ${n.path} — ${n.reason}`);
    }
    const pct = (100 * usable) / samplers;
    console.log(
      `JMX corpus coverage: ${usable} of ${samplers} enabled HTTP samplers (${pct.toFixed(1)} %) became requests aimed at a usable host`,
    );
    expect(samplers).toBeGreaterThan(90);
    expect(pct).toBeGreaterThanOrEqual(95);
  });
});

describe("what each plan became", () => {
  it("recorder template: defaults inside a Simple Controller reach the Recording Controller's samplers; the cookie jar is on", () => {
    const s = scenario("recorder-template-2.13.jmx", "Thread Group");
    expect(s.baseUrl).toBe("http://localhost:9");
    expect(requests(s).map((r) => r.path)).toEqual([
      "/",
      "/catalog",
      "/catalog/books",
      "/catalog/books/42",
      "/cart",
      "/cart/add",
      "/checkout",
      "/checkout/confirm",
    ]);
    expect(request(s, "15 /cart/add")).toMatchObject({ method: "POST", form: { item: "42", qty: "1" } });
    expect(request(s, "12 /catalog/books").headers).toMatchObject({ Referer: "http://localhost:9/catalog" });
    expect(s.cookies).toBe(true);
    expect(get("recorder-template-2.13.jmx").report.approximated).toEqual([]);
  });

  it("properties: host, port and values become launch parameters with their defaults; a property without one is required", () => {
    const r = get("properties-host-5.x.jmx");
    const s = scenario("properties-host-5.x.jmx", "Smoke users");
    expect(s.baseUrl).toBe("http://${__P(host,127.0.0.1)}:${__P(port,9)}");
    expect(request(s, "env banner").path).toBe("/env/${__P(ENVIRONMENT)}/banner");
    expect(r.report.launchParameters).toContainEqual({ name: "ENVIRONMENT", required: true, scenarios: ["Smoke users"] });
    expect(r.report.launchParameters).toContainEqual({ name: "host", required: false, default: "127.0.0.1", scenarios: ["Smoke users"] });
    expect(s.load).toMatchObject({ vus: 5, rampUpSeconds: 10, durationSeconds: 60 });
    expect(s.cookies).toBe(false); // no Cookie Manager: JMeter sends no cookies
    expect(reasons(r, "approximated", "Smoke users")).toContain("number of threads is the JMeter property users: its default 5 was used");
  });

  it("the plan that crashed the import: ${Server} and ${Port} from the Test Plan's variables, a port written as a word", () => {
    const r = get("server-variable-port-word-2.13.jmx");
    const s = scenario("server-variable-port-word-2.13.jmx", "Portal users");
    expect(s.baseUrl).toBe("http://${Server}:${Port}");
    expect(s.variables).toEqual({ Server: "127.0.0.1", Port: "9" });
    expect(request(s, "static").path).toBe("http://${Server}/static/app.css");
    expect(reasons(r, "approximated", "Portal users/static")[0]).toMatch(/port "http" is not a number/);
    expect(request(s, "report").form).toEqual({ from: "${__time(yyyy-MM-dd)}", to: "${__time(yyyy-MM-dd)}" });
    expect(r.report.coverage).toMatchObject({ samplers: 4, usable: 4 });
  });

  it("setUp and tearDown thread groups become scenarios of their own, reported; the Cookie Manager's clear flag is kept", () => {
    const r = get("setup-teardown-2.13.jmx");
    expect(r.scenarios.map((s) => s.name)).toEqual(["setUp Thread Group", "Order users", "tearDown Thread Group"]);
    expect(requests(scenario("setup-teardown-2.13.jmx", "setUp Thread Group")).map((x) => x.name)).toEqual([
      "create test users",
      "warm cache",
    ]);
    expect(scenario("setup-teardown-2.13.jmx", "Order users").cookies).toEqual({ clearEachIteration: true });
    expect(reasons(r, "approximated", "setUp Thread Group")[0]).toMatch(/scenario of its own.*launch it first/);
    expect(reasons(r, "approximated", "Orders with fixtures")[0]).toMatch(/consecutively/);
    const order = scenario("setup-teardown-2.13.jmx", "Order users");
    expect(request(order, "add item").form).toEqual({ sku: "A-${__randomInt(1,50)}" });
  });

  it("nested controllers: Once Only at the top → init, deeper → first iteration; If/While/Loop keep their nesting", () => {
    const s = scenario("nested-controllers-5.x.jmx", "Browsers");
    expect(s.init?.map((x) => ("request" in x ? x.request.name : "?"))).toEqual(["login"]);
    expect(request(s, "login").form).toEqual({ user: "u${__vu}" });
    const ifStep = s.steps[1] as Extract<TStep, { if: unknown }>;
    expect(ifStep.if.condition).toBe('"${token}" != "NONE"');
    const whileStep = ifStep.if.then[0] as Extract<TStep, { loop: unknown }>;
    expect(whileStep.loop.while).toBe('"${next}" != "end"');
    expect(whileStep.loop.steps[1]).toMatchObject({ loop: { count: 3 } });
    expect(whileStep.loop.steps[2]).toMatchObject({ if: { condition: "${__iteration} == 1" } });
    expect(request(s, "like").path).toBe("/like/${__counter()}");
    expect(s.steps[2]).toMatchObject({ transaction: { name: "settings" } });
  });

  it("CSV Data Sets at three scopes → three data sets; ForEach over a match-all extractor", () => {
    const s = scenario("csv-scopes-foreach-2.13.jmx", "Readers");
    expect(Array.isArray(s.data) && s.data.map((d) => [d.file, d.columns, d.mode, d.delimiter])).toEqual([
      ["accounts.csv", ["user", "password"], "sequential", ","],
      ["terms.csv", ["term"], "sequential", ";"],
      ["sizes.csv", ["size"], "unique", ","],
    ]);
    expect(request(s, "search").extract).toEqual({ ids: { regex: 'data-id="(\\d+)"', group: 1, match: -1, default: "none" } });
    expect(s.steps).toContainEqual({
      forEach: { list: "ids", as: "id", steps: [expect.objectContaining({ request: expect.objectContaining({ path: "/item/${id}" }) })] },
    });
  });

  it("mixes: Throughput percent → choose with an empty branch, totals → counters, Random → choose, Switch → picked or an if/else chain", () => {
    const s = scenario("mix-controllers-5.x.jmx", "Mixed users");
    expect(s.steps[0]).toEqual({
      choose: [
        { weight: 30, steps: [expect.anything()] },
        { weight: 70, steps: [] },
      ],
    });
    expect(s.steps[1]).toMatchObject({ if: { condition: "${__iteration} <= 2" } });
    expect(s.steps[2]).toMatchObject({ if: { condition: "${__counter(run)} <= 100" } });
    const random = s.steps[3] as Extract<TStep, { choose: unknown }>;
    expect(random.choose.map((b) => [b.weight, b.steps.length])).toEqual([
      [1, 1],
      [1, 1],
      [1, 2],
    ]);
    expect(s.steps[4]).toMatchObject({ request: { name: "switch one" } });
    const chain = s.steps[5] as Extract<TStep, { if: unknown }>;
    expect(chain.if.condition).toBe('"${variant}" == "0" || "${variant}" == "variant zero"');
    expect(JSON.stringify(chain)).toContain('"name":"default"');
    const notUsable = get("mix-controllers-5.x.jmx").report.coverage!.notUsable.map((n) => n.path);
    expect(notUsable).toEqual(["Traffic mix/Mixed users/fixed switch/switch zero"]); // JMeter never runs it either
  });

  it("Module Controllers bring their Test Fragment's samplers; an Include Controller's file is reported", () => {
    const r = get("modules-fragments-2.13.jmx");
    expect(requests(scenario("modules-fragments-2.13.jmx", "Members")).map((x) => x.name)).toEqual([
      "get login form",
      "post login",
      "profile",
      "logout",
    ]);
    expect(requests(scenario("modules-fragments-2.13.jmx", "Guests")).map((x) => x.name)).toEqual([
      "get login form",
      "post login",
      "guest home",
    ]);
    expect(reasons(r, "skipped", "Members/shared steps")[0]).toMatch(/shared\/common-steps\.jmx.*not part of this upload/);
    expect(r.report.skipped.filter((s) => s.element === "TestFragmentController")).toEqual([]);
    // Without the Module Controller that uses it, the logout fragment is reported as never run.
    const unused = importJmx(
      readFileSync(path.join(dir, "modules-fragments-2.13.jmx"), "utf8").replace(
        /<ModuleController[^>]*testname="do logout"[\s\S]*?<\/ModuleController>/,
        "",
      ),
    );
    expect(reasons(unused, "skipped", "Modular plan/Logout fragment")).toEqual([
      "a Test Fragment no Module Controller uses: JMeter never runs it either",
    ]);
  });

  it("JMeter functions become ours; those with no counterpart become named placeholders, reported", () => {
    const r = get("functions-5.x.jmx");
    const s = scenario("functions-5.x.jmx", "Function users");
    expect(request(s, "stamp")).toMatchObject({ path: "/t/${__time()}", query: { day: "${__time(yyyyMMdd)}", s: "${__time(/1000)}" } });
    expect(request(s, "thread")).toMatchObject({ path: "/u/${__vu}", query: { tg: "Function users" } });
    expect(request(s, "random").query).toEqual({ n: "${__randomInt(1,100)}", code: "${__randomString(8,abcdef0123456789)}" });
    expect(request(s, "uuid").json).toEqual({ id: "${__uuid()}", legacy: "${__uuid()}" });
    expect(request(s, "counters").path).toBe("/c/${__counter()}/${__counter(run)}");
    expect(request(s, "property").query).toEqual({ lang: "${__P(lang,en)}", zone: "${__P(zone)}" });
    expect(request(s, "nested var").path).toBe("/v/${item_3}");
    const script = request(s, "script").query as Record<string, string>;
    expect(Object.values(script).every((v) => /^\$\{jmeter_(javaScript|machineName)_\d+\}$/.test(v))).toBe(true);
    for (const v of Object.values(script)) expect(s.variables?.[v.slice(2, -1)]).toBe("");
    expect(reasons(r, "approximated", "Function users/script").join("\n")).toMatch(
      /__javaScript\(1\+2\).*no Musterpoint function[\s\S]*__machineName/,
    );
    expect(r.report.launchParameters?.find((p) => p.name === "zone")).toEqual({
      name: "zone",
      required: true,
      scenarios: ["Function users"],
    });
  });

  it("REST 5.x: JSON bodies, statuses, duration assertions at two scopes, extractor default, multipart upload", () => {
    const s = scenario("rest-api-5.x.jmx", "API clients");
    expect(s.headers).toEqual({ "Content-Type": "application/json", Accept: "application/json" });
    expect(request(s, "create")).toMatchObject({
      json: { name: "item ${__vu}", price: 12.5 },
      expect: { status: 201, maxMs: 2000 },
      extract: { itemId: { default: "0" } },
    });
    expect(request(s, "read").expect).toEqual({ maxMs: 500 }); // the closer, stricter one
    expect(request(s, "update").body).toBe('{"price":${__randomInt(10,20)}}');
    expect(request(s, "delete").expect).toEqual({ status: [204, 200], maxMs: 2000 });
    expect(request(s, "upload photo").multipart).toEqual({
      fields: { caption: "front" },
      files: [{ field: "photo", file: "photo.jpg", contentType: "image/jpeg" }],
    });
  });

  it("Synchronizing Timers of one name: separate points unless the settings are identical, reported either way", () => {
    const r = get("sync-timers-2.13.jmx");
    const point = (tg: string) => {
      const s = scenario("sync-timers-2.13.jmx", tg).steps[0] as Extract<TStep, { rendezvous: unknown }>;
      return s.rendezvous.name;
    };
    expect(["Readers", "Writers", "Auditors", "Admins"].map(point)).toEqual([
      "Synchronizing Timer (Readers)",
      "Synchronizing Timer (Writers)",
      "Synchronizing Timer (Auditors, Admins)",
      "Synchronizing Timer (Auditors, Admins)",
    ]);
    expect(r.report.approximated.filter((a) => a.element === "SyncTimer")).toHaveLength(4);
  });

  it("timers given as variables or properties use their value, reported", () => {
    const r = get("timer-variables-2.13.jmx");
    const s = scenario("timer-variables-2.13.jmx", "Readers");
    expect(s.steps.filter((x) => "think" in x)).toEqual([
      { think: { seconds: 0.75 } },
      { think: { seconds: 1.5 } },
      { think: { min: 0.1, max: 0.5 } },
      { think: { min: 0.2, max: 0.4 } },
    ]);
    expect(reasons(r, "approximated", "article/Constant Timer")).toEqual(["delay is the variable think: its value 750 was used"]);
  });

  it("assertions on a variable become expect.variables; on headers they are skipped with the reason; body checks kept", () => {
    const r = get("assertions-5.x.jmx");
    const s = scenario("assertions-5.x.jmx", "Checkers");
    expect(request(s, "status page").expect).toEqual({ bodyNotContains: "Exception", variables: { state: { equals: "up" } } });
    expect(reasons(r, "skipped", "status page/state is up")).toEqual([]);
    expect(reasons(r, "skipped", "status page/Size Assertion")).toHaveLength(1);
  });

  it("HTTP Request Defaults in layers, absolute URLs and a second host: the most used origin is the base URL", () => {
    const s = scenario("defaults-layers-2.13.jmx", "Front and back");
    expect(s.baseUrl).toBe("http://127.0.0.2:9");
    expect(requests(s).map((x) => x.path)).toEqual([
      "http://127.0.0.1:9/",
      "/ping",
      "/stats",
      "/direct",
      "http://127.0.0.1:9/again",
      "http://localhost:9/pasted",
    ]);
  });

  it("a thread group that cannot be mapped is reported and does not reject the others", () => {
    const r = get("disabled-and-unmappable-5.x.jmx");
    expect(r.scenarios.map((s) => s.name)).toEqual(["Good users"]);
    expect(r.invalid.map((i) => i.threadGroup)).toEqual(["Only scripts"]);
    expect(r.report.notImported).toEqual([
      {
        threadGroup: "Only scripts",
        path: "Partly broken/Only scripts",
        reason: "steps: a scenario needs at least one step",
        // By code for the imports page (lib/jmeter/jmx/jmx-reason-codes.ts): zod's words are data.
        parts: [{ code: "scenario_invalid", params: { detail: "steps: a scenario needs at least one step" } }],
      },
    ]);
    expect(r.report.coverage).toMatchObject({ samplers: 1, usable: 1 }); // disabled samplers do not count
  });

  it("conditions: quoted templates, JEXL and flags translate; scripts that do not are reported and kept visible", () => {
    const r = get("conditions-5.x.jmx");
    const s = scenario("conditions-5.x.jmx", "Pollers");
    const conds = s.steps.flatMap((x) => ("if" in x ? [x.if.condition] : "loop" in x && x.loop.while ? [x.loop.while] : []));
    expect(conds).toEqual([
      '"${status}" != "done"',
      "${__status} < 400",
      "${__status} < 400",
      '${count} > 2 && "${mode}" == "full"',
      '"${isAdmin}" == "true"',
      "true",
      "${__status} < 400",
    ]);
    expect(reasons(r, "approximated", "Pollers/script")[0]).toMatch(/cannot be written in Musterpoint's condition language/);
  });

  it("samplers with no server anywhere still import and count as not usable, with the reason", () => {
    const r = get("soak-2.13.jmx");
    expect(r.scenarios.map((s) => s.name)).toEqual(["Soakers", "Unconfigured"]);
    expect(r.report.coverage?.notUsable.map((n) => n.reason)).toEqual([
      "no server name in the sampler or in any HTTP Request Defaults in scope",
      "the server uses ${targetHost}, which has no value anywhere in the plan",
    ]);
    expect(scenario("soak-2.13.jmx", "Soakers").steps[2]).toMatchObject({ loop: { while: "true" } });
  });

  it("User Defined Variables holding properties are used in place; a loop count may be a template", () => {
    const s = scenario("variables-from-properties-2.13.jmx", "Users");
    expect(s.baseUrl).toBe("http://${__P(host,localhost)}:${__P(port,9)}");
    expect(s.variables).toEqual({ API: "/api/v2" });
    expect(s.steps[0]).toMatchObject({ loop: { count: "${__P(loops,3)}" } });
  });
});

describe("an imported plan runs", () => {
  it("the -J-driven plan against a local target, host and port given as launch parameters (JMeter's -J)", async () => {
    const { startTarget } = await import("../../engine/testing/target");
    const { runLoad } = await import("../../engine/run-load");
    const target = await startTarget();
    try {
      const s = scenario("properties-host-5.x.jmx", "Smoke users");
      const run = runLoad({
        scenarios: [s],
        workers: 0,
        overrides: { vus: 2, durationSeconds: 1.2, variables: { host: "127.0.0.1", port: String(target.port), ENVIRONMENT: "staging" } },
      });
      const result = await run.done;
      const paths = target.log.map((l) => `${l.method} ${l.url}`);
      expect(paths).toContain("GET /health");
      expect(paths).toContain("GET /env/staging/banner");
      expect(paths).toContain("GET /search?q=shoes&page=1");
      const login = target.log.find((l) => l.url === "/login");
      expect(login?.method).toBe("POST");
      expect(login?.body).toBe("user=demo&password=demo");
      expect(result.summary.total.samples).toBeGreaterThanOrEqual(4);
    } finally {
      await target.close();
    }
  }, 30_000);
});
