/**
 * The control-flow steps (loop count / while / maxIterations, forEach, if/else, choose), init/end,
 * generated values and built-ins, run for real against the local target; each check reads what
 * the target received.
 */
import { describe, expect, it } from "vitest";
import { runLoad } from "./run-load";
import { setUpTargetRuns } from "./testing/target-runs";

const runs = setUpTargetRuns();
const { scenario, run, paths } = runs;

describe("loop", () => {
  it("repeats count times, a count template resolved at loop start", async () => {
    await run(`
name: l
baseUrl: TARGET
variables: { n: "2" }
load: { vus: 1, iterations: 2 }
steps:
  - loop: { count: 3, steps: [ { request: { path: "/fast?a=\${__iteration}" } } ] }
  - loop: { count: "\${n}", steps: [ { request: { path: /fast?b } } ] }
`);
    expect(paths()).toEqual([
      "/fast?a=1",
      "/fast?a=1",
      "/fast?a=1",
      "/fast?b",
      "/fast?b",
      "/fast?a=2",
      "/fast?a=2",
      "/fast?a=2",
      "/fast?b",
      "/fast?b",
    ]);
  });

  it("fails the enclosing transaction when the count does not render to a whole number", async () => {
    const s = await run(`
name: l
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - transaction: { name: t, steps: [ { loop: { count: "\${missing}", steps: [ { request: { path: /fast } } ] } } ] }
`);
    expect(paths()).toEqual([]);
    expect(s.errors.find((e) => e.label === "t")?.examples[0]).toMatch(/loop count "\$\{missing\}" is not a whole number/);
  });

  it("while: runs while the condition holds (checked before each pass), at most maxIterations", async () => {
    await run(`
name: w
baseUrl: TARGET
variables: { n: "0" }
load: { vus: 1, iterations: 1 }
steps:
  - loop:
      while: "\${n} < 3"
      steps: [ { request: { path: "/echo?n=\${__counter()}", extract: { n: { regex: "n=(\\\\d+)" } } } } ]
  - loop:
      while: "\${n} >= 0"
      maxIterations: 4
      steps: [ { request: { path: /fast } } ]
  - loop:
      while: "\${n} > 100"
      steps: [ { request: { path: /never } } ]
`);
    expect(paths()).toEqual(["/echo?n=1", "/echo?n=2", "/echo?n=3", "/fast", "/fast", "/fast", "/fast"]);
  });

  it("an unbounded while ends at a graceful stop", async () => {
    const handle = runLoad({
      scenarios: [
        scenario(`
name: w
baseUrl: TARGET
load: { vus: 1, durationSeconds: 60 }
steps: [ { loop: { while: "true", steps: [ { request: { path: /delay/5 } } ] } } ]
`),
      ],
      workers: 0,
    });
    setTimeout(() => handle.stop(), 300);
    const r = await handle.done;
    expect(r.endedAtMs - r.startedAtMs).toBeLessThan(2000);
    expect(r.summary.total.samples).toBeGreaterThan(5);
    expect(r.summary.total.errors).toBe(0); // ended by the stop, not interrupted by the hard stop
  });

  it("a loop doing no I/O does not starve timers (the run's stop still comes)", async () => {
    const handle = runLoad({
      scenarios: [
        scenario(`
name: spin
baseUrl: TARGET
load: { vus: 1, durationSeconds: 0.3, gracefulStopSeconds: 0.2 }
steps: [ { loop: { while: "true", steps: [ { think: { seconds: 0 } } ] } } ]
`),
      ],
      workers: 0,
    });
    const r = await handle.done;
    expect(r.endedAtMs - r.startedAtMs).toBeLessThan(2000);
  });
});

describe("transactions and rendezvous inside containers", () => {
  it("records a transaction per pass and releases rendezvous inside loop, if, choose and forEach", async () => {
    const s = await run(`
name: tx
baseUrl: TARGET
load: { vus: 2, iterations: 1 }
steps:
  - request: { path: /json, extract: { ids: { json: "$.items[*].id", match: -1 } } }
  - loop:
      count: 2
      steps:
        - rendezvous: { name: rv_loop, policy: { count: 2 }, timeoutSeconds: 5 }
        - transaction: { name: t_loop, steps: [ { request: { path: /fast } } ] }
  - if: { condition: "true", then: [ { transaction: { name: t_if, steps: [ { request: { path: /fast } } ] } } ] }
  - choose: [ { weight: 1, steps: [ { transaction: { name: t_choose, steps: [ { request: { path: /fast } } ] } } ] } ]
  - forEach: { list: ids, as: id, steps: [ { transaction: { name: t_each, steps: [ { request: { path: "/fast?\${id}" } } ] } } ] }
`);
    const count = (label: string) => s.labels.find((l) => l.label === label)?.samples;
    expect([count("t_loop"), count("t_if"), count("t_choose"), count("t_each")]).toEqual([4, 2, 2, 4]);
    const releases = s.rendezvous.find((p) => p.name === "rv_loop")!.releases;
    expect(releases.map((r) => [r.released, r.reason])).toEqual([
      [2, "policy"],
      [2, "policy"],
    ]);
  });
});

describe("forEach", () => {
  it("walks the list an extractor with match -1 made (list_1 … list_N), the value in `as`", async () => {
    await run(`
name: f
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { path: /json, extract: { ids: { json: "$.items[*].id", match: -1 }, none: { json: "$.nothing", match: -1 } } }
  - forEach: { list: ids, as: id, steps: [ { request: { path: "/fast?id=\${id}&n=\${ids_matchNr}" } } ] }
  - forEach: { list: none, as: x, steps: [ { request: { path: /never } } ] }
`);
    expect(paths()).toEqual(["/json", "/fast?id=7&n=2", "/fast?id=8&n=2"]);
  });
});

describe("if / choose", () => {
  it("takes then or else by the condition on __status and extracted values", async () => {
    await run(`
name: i
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { path: /status/404, expect: { status: 404 } }
  - if: { condition: "\${__status} == 200", then: [ { request: { path: /then1 } } ], else: [ { request: { path: /else1 } } ] }
  - request: { path: /login, method: POST, json: { user: bob }, extract: { token: { json: "$.token" } } }
  - if: { condition: "\${__status} == 200 && \${token} contains 'bob'", then: [ { request: { path: /then2 } } ], else: [ { request: { path: /else2 } } ] }
  - if: { condition: "\${token} matches 'x.*'", then: [ { request: { path: /then3 } } ] }
`);
    expect(paths()).toEqual(["/status/404", "/else1", "/login", "/then2"]);
  });

  it("sets __status to 0 after a transport error", async () => {
    await run(`
name: i
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { path: /reset }
  - request: { path: "/fast?s=\${__status}" }
`);
    expect(paths()).toEqual(["/reset", "/fast?s=0"]);
  });

  it("choose: one branch per pass by weight (an empty branch does nothing), draws follow the weights", async () => {
    const s = await run(`
name: c
baseUrl: TARGET
load: { vus: 4, iterations: 500 }
steps:
  - choose:
      - { weight: 1, steps: [ { request: { name: a, path: /fast?a } } ] }
      - { weight: 3, steps: [ { request: { name: b, path: /fast?b } } ] }
      - { weight: 1, steps: [] }
`);
    const a = paths().filter((p) => p === "/fast?a").length;
    const b = paths().filter((p) => p === "/fast?b").length;
    expect(a + b).toBeLessThan(2000);
    // 2000 passes: shares 20 % / 60 % / 20 % (±5 % is > 4.5 standard deviations)
    expect(Math.abs(a / 2000 - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(b / 2000 - 0.6)).toBeLessThan(0.05);
    expect(s.labels.find((l) => l.label === "b")?.samples).toBe(b);
  });
});

describe("init / end", () => {
  it("runs init once per VU before its first iteration and end once after its last; rendezvous and transactions inside work", async () => {
    const s = await run(`
name: ie
baseUrl: TARGET
load: { vus: 3, iterations: 2 }
init:
  - rendezvous: { name: all_in, timeoutSeconds: 5 }
  - transaction: { name: login_txn, steps: [ { request: { name: login, path: "/echo/init?vu=\${__vu}&it=\${__iteration}" } } ] }
steps: [ { request: { name: work, path: "/echo/work?vu=\${vu}&it=\${iteration}" } } ]
end: [ { request: { name: logout, path: "/echo/end?vu=\${__vu}&it=\${__iteration}" } } ]
`);
    for (const vu of [1, 2, 3]) {
      const mine = paths().filter((p) => p.includes(`vu=${vu}&`));
      expect(mine).toEqual([`/echo/init?vu=${vu}&it=0`, `/echo/work?vu=${vu}&it=1`, `/echo/work?vu=${vu}&it=2`, `/echo/end?vu=${vu}&it=2`]);
    }
    expect(s.labels.find((l) => l.label === "login")).toMatchObject({ samples: 3, errors: 0 });
    expect(s.labels.find((l) => l.label === "login_txn")).toMatchObject({ kind: "transaction", samples: 3 });
    expect(s.rendezvous.find((p) => p.name === "all_in")?.releases[0]).toMatchObject({ released: 3, reason: "policy" });
  });

  it("a failing init does not stop the VU; the open model runs init per created VU and end for each when arrivals end", async () => {
    const s = await run(`
name: open
baseUrl: TARGET
load: { arrivalRate: { perSecond: 20, durationSeconds: 0.5, maxVus: 2 } }
init: [ { request: { name: login, path: /status/500 } } ]
steps: [ { request: { name: work, path: /delay/30 } } ]
end: [ { request: { name: logout, path: /fast?end } } ]
`);
    const login = s.labels.find((l) => l.label === "login");
    expect(login?.errors).toBe(login?.samples);
    expect(login!.samples).toBeGreaterThanOrEqual(1);
    expect(login!.samples).toBeLessThanOrEqual(2);
    expect(s.labels.find((l) => l.label === "work")!.samples).toBeGreaterThan(2);
    expect(paths().filter((p) => p === "/fast?end").length).toBe(login!.samples);
    expect(paths().at(-1)).toBe("/fast?end");
  });
});

describe("generated values and launch parameters", () => {
  it("renders __counter per VU and run-wide, __P from launch parameters, __env from the runner's env, and templated baseUrl", async () => {
    await run(
      `
name: g
baseUrl: "http://\${host}:\${__P(port)}"
variables: { host: "127.0.0.1", who: file }
load: { vus: 2, iterations: 2 }
steps: [ { request: { path: "/g?vu=\${__vu}&c=\${__counter()}&r=\${__counter(run)}&p=\${__P(mode,none)}&w=\${who}&e=\${__env(MP_TEST_ENV,unset)}&h=\${__env(HOME,unset)}" } } ]
`,
      { overrides: { variables: { port: String(runs.target.port), mode: "fast", who: "launch" } }, env: { MP_TEST_ENV: "yes" } },
    );
    const q = paths().map((p) => Object.fromEntries(new URL(p, "http://x").searchParams));
    expect(q).toHaveLength(4);
    for (const x of q) expect(x).toMatchObject({ p: "fast", w: "launch", e: "yes", h: "unset" });
    for (const vu of ["1", "2"]) expect(q.filter((x) => x.vu === vu).map((x) => x.c)).toEqual(["1", "2"]);
    expect(q.map((x) => Number(x.r)).sort()).toEqual([1, 2, 3, 4]);
  });

  it("keeps the run-wide counter unique across worker threads", async () => {
    await run(
      `
name: g
baseUrl: TARGET
load: { vus: 4, iterations: 5 }
steps: [ { request: { path: "/fast?r=\${__counter(run)}" } } ]
`,
      { workers: 2 },
    );
    const r = paths().map((p) => Number(new URL(p, "http://x").searchParams.get("r")));
    expect(r).toHaveLength(20);
    expect(new Set(r).size).toBe(20);
    expect(r.every((x) => Number.isInteger(x) && x >= 1 && x <= 21)).toBe(true);
  });

  it("refuses to start without a required launch parameter, and on a baseUrl that renders to no URL", async () => {
    const needsParam = scenario(`
name: p
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps: [ { request: { path: "/x?\${__P(token)}" } } ]
`);
    await expect(runLoad({ scenarios: [needsParam], workers: 0 }).done).rejects.toThrow(/missing launch parameter token.*--var token=/);
    const badBase = scenario(`
name: b
baseUrl: "\${base}"
variables: { base: "not a url" }
load: { vus: 1, iterations: 1 }
steps: [ { request: { path: /x } } ]
`);
    await expect(runLoad({ scenarios: [badBase], workers: 0 }).done).rejects.toThrow(
      /scenario "b": baseUrl "\$\{base\}" renders to "not a url", which is not an http\(s\) URL/,
    );
    expect(paths()).toEqual([]);
  });
});
