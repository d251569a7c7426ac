import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyOverrides, parseScenario, planRunSeconds, planVuCurve, scenarioWarnings, validateScenario, type TScenario } from "./scenario";

const VOTE_YAML = readFileSync(new URL("./examples/vote.yaml", import.meta.url), "utf8");

function mustParse(text: string, format: "yaml" | "json" = "yaml"): TScenario {
  const r = parseScenario(text, format);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe("parseScenario", () => {
  it("accepts the issue's example unchanged and fills defaults", () => {
    const s = mustParse(VOTE_YAML);
    expect(s.name).toBe("vote");
    expect(s.module).toBe("Vote_Interface_Test");
    expect(s.load).toMatchObject({ vus: 20, rampUpSeconds: 2, durationSeconds: 30, rampDownSeconds: 0 });
    expect(s.steps).toHaveLength(4);
    const rv = s.steps[1];
    expect(rv && "rendezvous" in rv && rv.rendezvous).toEqual({ name: "vote_rv", policy: { count: 10 }, timeoutSeconds: 2 });
    const login = s.steps[0];
    expect(login && "request" in login && login.request.timeoutSeconds).toBe(60);
  });

  it("round-trips through JSON (the stable serialisable format)", () => {
    const s = mustParse(VOTE_YAML);
    expect(mustParse(JSON.stringify(s), "json")).toEqual(s);
  });

  it("reports the zod path and message of a bad field inside a step", () => {
    const r = parseScenario(VOTE_YAML.replace("method: POST", "method: FETCH"), "yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.path).toBe("steps.0.request.method");
  });

  it("reports a bad rendezvous policy and an unknown step kind readably", () => {
    const r = validateScenario({
      name: "x",
      baseUrl: "http://127.0.0.1:1",
      load: { vus: 1, iterations: 1 },
      steps: [{ rendezvous: { name: "a", policy: { count: 0 } } }, { sleep: 1 }, { rendezvous: { name: "b", policy: { most: 3 } } }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(byPath["steps.0.rendezvous.policy.count"]).toMatch(/>=\s*1|at least|too small/i);
    expect(byPath["steps.1"]).toMatch(/exactly one of: request, rendezvous, transaction, think/);
    expect(byPath["steps.2.rendezvous.policy"]).toMatch(/allVusersPercent/);
  });

  it("requires vus or arrivalRate, and a duration or iterations", () => {
    const r = validateScenario({ name: "x", baseUrl: "http://127.0.0.1:1", load: {}, steps: [{ think: { seconds: 1 } }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["load.vus", "load.durationSeconds"]));
  });

  it("reports YAML syntax errors", () => {
    const r = parseScenario("name: [unclosed", "yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/not valid YAML/);
  });
});

describe("scenarioWarnings", () => {
  it("warns about a rendezvous inside a transaction", () => {
    const s = mustParse(`
name: w
baseUrl: http://127.0.0.1:1
load: { vus: 1, iterations: 1 }
steps:
  - transaction:
      name: t
      steps:
        - rendezvous: { name: rv }
        - request: { path: /a }
`);
    const warnings = scenarioWarnings(s);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe("steps.0.transaction.steps.0");
    expect(warnings[0]?.message).toMatch(/inside transaction "t"/);
    expect(scenarioWarnings(mustParse(VOTE_YAML))).toEqual([]);
  });
});

describe("planVuCurve", () => {
  it("ramps up, holds and ramps down", () => {
    const s = mustParse(`
name: c
baseUrl: http://127.0.0.1:1
load: { vus: 4, rampUpSeconds: 4, durationSeconds: 10, rampDownSeconds: 2 }
steps: [ { think: { seconds: 1 } } ]
`);
    const c = planVuCurve(s);
    expect(c.model).toBe("closed");
    expect(c.totalSeconds).toBe(12);
    expect(c.points).toEqual([
      { t: 0, vus: 1 },
      { t: 1, vus: 2 },
      { t: 2, vus: 3 },
      { t: 3, vus: 4 },
      { t: 10.5, vus: 3 },
      { t: 11, vus: 2 },
      { t: 11.5, vus: 1 },
      { t: 12, vus: 0 },
    ]);
    expect(planVuCurve(s, { vus: 2 }).maxVus).toBe(2);
  });

  it("plans the open model and iteration-bound runs", () => {
    const open = planVuCurve({
      load: {
        arrivalRate: { perSecond: 50, durationSeconds: 20, maxVus: 30 },
        rampUpSeconds: 0,
        rampDownSeconds: 0,
        gracefulStopSeconds: 10,
      },
    });
    expect(open).toMatchObject({ model: "open", totalSeconds: 20, maxVus: 30 });
    const iter = planVuCurve({ load: { vus: 3, iterations: 5, rampUpSeconds: 0, rampDownSeconds: 0, gracefulStopSeconds: 10 } });
    expect(iter).toMatchObject({ totalSeconds: null, points: [{ t: 0, vus: 3 }] });
  });

  it("plans a run of several scenarios as its longest one, overrides applied", () => {
    const closed = { load: { vus: 2, durationSeconds: 30, rampUpSeconds: 0, rampDownSeconds: 5, gracefulStopSeconds: 10 } };
    const open = {
      load: {
        arrivalRate: { perSecond: 5, durationSeconds: 40, maxVus: 3 },
        rampUpSeconds: 0,
        rampDownSeconds: 0,
        gracefulStopSeconds: 10,
      },
    };
    const byIterations = { load: { vus: 1, iterations: 3, rampUpSeconds: 0, rampDownSeconds: 0, gracefulStopSeconds: 10 } };
    expect(planRunSeconds([closed, open])).toBe(40);
    expect(planRunSeconds([closed])).toBe(35);
    expect(planRunSeconds([closed, open], { durationSeconds: 60 })).toBe(65);
    expect(planRunSeconds([closed, byIterations])).toBeNull();
  });

  it("applies overrides", () => {
    const s = mustParse(VOTE_YAML);
    const o = applyOverrides(s, { vus: 5, durationSeconds: 3 });
    expect(o.load).toMatchObject({ vus: 5, durationSeconds: 3 });
    expect(s.load.vus).toBe(20);
  });
});

// The example of the feature request, unchanged.
const SHOP_YAML = readFileSync(new URL("./examples/shop.yaml", import.meta.url), "utf8");

describe("templates and conditions in validation", () => {
  const base = { name: "x", baseUrl: "http://127.0.0.1:1", load: { vus: 1, iterations: 1 } };
  const errorsOf = (steps: unknown[], extra: Record<string, unknown> = {}) => {
    const r = validateScenario({ ...base, steps, ...extra });
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it("accepts the feature request's example unchanged", () => {
    const s = mustParse(SHOP_YAML);
    expect(s.init).toHaveLength(1);
    expect(s.end).toHaveLength(1);
    expect(s.steps).toHaveLength(4);
    expect(s.pacing).toEqual({ everySeconds: 2 });
  });

  it("names the path of a bad condition in if and loop.while, at any depth", () => {
    expect(errorsOf([{ if: { condition: "${__status} == 200)", then: [{ think: { seconds: 0 } }] } }])).toEqual([
      'steps.0.if.condition: unexpected ")" at 19',
    ]);
    expect(
      errorsOf([
        { transaction: { name: "t", steps: [{ loop: { while: "a = 1", maxIterations: 3, steps: [{ think: { seconds: 0 } }] } }] } },
      ]),
    ).toEqual(['steps.0.transaction.steps.0.loop.while: unexpected "=" (compare with ==) at 3']);
  });

  it("names the path of a bad template in requests, init, end, choose, forEach, headers, baseUrl", () => {
    const errors = errorsOf(
      [
        { request: { path: "/a/${__foo()}" } },
        { choose: [{ weight: 1, steps: [{ request: { path: "/b", headers: { x: "${__randomInt(1)}" } } }] }] },
        { forEach: { list: "ids", as: "id", steps: [{ request: { path: "/c", json: { at: "${__time(QQ)}" } } }] } },
        { loop: { count: "${__counter(thread)}", steps: [{ think: { seconds: 0 } }] } },
      ],
      {
        baseUrl: "http://${__P(host)}:${__nope()}",
        init: [{ request: { path: "/i", form: { u: "${__uuid(1)}" } } }],
        end: [{ if: { condition: "${__bad()} == 1", then: [{ think: { seconds: 0 } }] } }],
      },
    );
    expect(errors).toEqual([
      expect.stringMatching(/^baseUrl: unknown function __nope \(known: __uuid, __randomInt, /),
      expect.stringMatching(/^init\.0\.request\.form\.u: __uuid takes 0 arguments/),
      expect.stringMatching(/^steps\.0\.request\.path: unknown function __foo \(known: __uuid, __randomInt, /),
      expect.stringMatching(/^steps\.1\.choose\.0\.steps\.0\.request\.headers\.x: __randomInt takes 2 arguments/),
      expect.stringMatching(/^steps\.2\.forEach\.steps\.0\.request\.json\.at: __time format "QQ": unsupported letter Q/),
      expect.stringMatching(/^steps\.3\.loop\.count: __counter: the scope is vu or run/),
      expect.stringMatching(/^end\.0\.if\.condition: unknown function __bad .* at 1$/),
    ]);
  });

  it("treats request fields named like conditions as templates, and unknown variables as fine", () => {
    expect(errorsOf([{ request: { path: "/x/${nope}", json: { if: { condition: "a = (" } } } }])).toEqual([]);
  });

  it("parseScenario reports template problems like any zod issue", () => {
    const r = parseScenario(SHOP_YAML.replace("__counter()", "__count()"), "yaml");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        { path: "steps.1.loop.steps.0.request.path", message: expect.stringMatching(/^unknown function __count \(/) },
      ]);
  });
});
