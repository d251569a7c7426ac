import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad, type TRunSnapshot } from "./run-load";
import { parseScenario, type TScenario } from "./scenario";
import type { TRunSummary } from "./metrics/types";
import { refusedPort, startTarget, type TTarget } from "./testing/target";

let target: TTarget;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
});

function scenario(yaml: string): TScenario {
  const r = parseScenario(yaml.replaceAll("TARGET", target.url), "yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const label = (s: TRunSummary, name: string) => s.labels.find((l) => l.label === name);

describe("runLoad", () => {
  it("runs the issue's example (shortened by overrides) with extraction, templating, rendezvous and a transaction", async () => {
    const text = readFileSync(new URL("./examples/vote.yaml", import.meta.url), "utf8").replace("http://127.0.0.1:18080", target.url);
    const r = parseScenario(text, "yaml");
    if (!r.ok) throw new Error("bad example");
    const snapshots: TRunSnapshot[] = [];
    const run = runLoad({
      scenarios: [r.scenario],
      overrides: { vus: 10, durationSeconds: 2 },
      workers: 0,
      onSecond: (s) => snapshots.push(s),
    });
    const result = await run.done;
    const s = result.summary;
    expect(label(s, "login")?.samples).toBeGreaterThanOrEqual(10);
    expect(label(s, "login")?.errors).toBe(0);
    expect(label(s, "flaky")?.errors).toBeGreaterThan(0);
    expect(s.errors.find((e) => e.label === "flaky")?.kind).toBe("http_status");
    const txn = label(s, "vote_txn")!;
    expect(txn.kind).toBe("transaction");
    expect(txn.errors).toBe(label(s, "flaky")?.errors); // fails exactly when flaky fails
    expect(s.errors.find((e) => e.label === "vote_txn")?.kind).toBe("transaction");
    expect(label(s, "vote_rv")?.kind).toBe("rendezvous_wait");
    // ${vu} and ${token} were rendered
    expect(target.log.some((l) => l.url === "/fast" && /^Bearer t-u\d+$/.test(String(l.headers.authorization)))).toBe(true);
    const releases = s.rendezvous.find((p) => p.name === "vote_rv")!.releases;
    expect(releases.length).toBeGreaterThan(0);
    expect(releases[0]).toMatchObject({ released: 10, reason: "policy" });
    expect(releases[0]!.skewMs).toBeGreaterThanOrEqual(0);
    // module and total rows, JMeter line
    expect(s.modules.map((m) => m.module)).toEqual(["Vote_Interface_Test"]);
    expect(s.total.samples).toBe(s.labels.filter((l) => l.kind === "request").reduce((n, l) => n + l.samples, 0));
    expect(s.total.summaryLine).toMatch(
      /^summary = +\d+ in 00:00:0\d = +[\d.]+\/s Avg: +\d+ Min: +\d+ Max: +\d+ Err: +\d+ \(\d+\.\d\d%\)$/,
    );
    // per-second snapshots add up to the totals
    const snapCount = snapshots
      .flatMap((x) => x.buckets)
      .filter((b) => b.kind === "request")
      .reduce((n, b) => n + b.count, 0);
    expect(snapCount).toBe(s.total.samples);
    expect(snapshots.some((x) => x.activeVus > 0)).toBe(true);
    const loginRows = snapshots.flatMap((x) => x.buckets).filter((b) => b.label === "login");
    expect(loginRows.some((b) => b.connectSumMs > 0)).toBe(true); // each VU's first request connected
    expect(loginRows.every((b) => b.latencySumMs > 0 && b.latencySumMs <= b.sumMs && b.bytesReceived > 0)).toBe(true);
    expect(snapshots.flatMap((x) => x.releases).length).toBe(releases.length);
    expect(snapshots[0]?.health).toMatchObject({ saturated: expect.any(Boolean), openSockets: expect.any(Number) });
    expect(result.outcome).toBe("completed");
  });

  it("counts errors by kind: status, refused, reset, timeout, assertion, extraction, refused target", async () => {
    const refused = await refusedPort();
    const s = scenario(`
name: errors
baseUrl: TARGET
load: { vus: 1, iterations: 2 }
steps:
  - request: { name: s503, path: /status/503 }
  - request: { name: refused, path: "http://127.0.0.1:${refused}/x" }
  - request: { name: reset, path: /reset }
  - request: { name: slow, path: /hang, timeoutSeconds: 0.3 }
  - request: { name: assert, path: /fast, expect: { bodyContains: nope } }
  - request: { name: jsonassert, path: /json, expect: { json: { "$.items[0].id": 8 } } }
  - request: { name: extract, path: /json, extract: { x: { json: "$.missing" } } }
  - request: { name: wantstatus, path: /fast, expect: { status: 201 } }
  - request: { name: fine, path: /json, expect: { status: 200, json: { "$.items[1].name": b } } }
`);
    const { summary } = await runLoad({ scenarios: [s], workers: 0 }).done;
    const kinds = Object.fromEntries(summary.errors.map((e) => [e.label, e.kind]));
    expect(kinds).toEqual({
      s503: "http_status",
      refused: "connection_refused",
      reset: "connection_reset",
      slow: "timeout",
      assert: "assertion",
      jsonassert: "assertion",
      extract: "extraction",
      wantstatus: "http_status",
    });
    expect(summary.errors.every((e) => e.count === 2 && e.examples.length >= 1)).toBe(true);
    expect(label(summary, "fine")?.errors).toBe(0);
    expect(summary.total).toMatchObject({ samples: 18, errors: 16 });
  });

  it("refuses targets the hook does not allow, with a clear message", async () => {
    const s = scenario(`
name: blocked
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps: [ { request: { name: x, path: /fast } } ]
`);
    const { summary } = await runLoad({ scenarios: [s], workers: 0, allowTarget: () => false }).done;
    expect(summary.errors[0]).toMatchObject({ label: "x", kind: "other" });
    expect(summary.errors[0]?.examples[0]).toMatch(/not allowed/);
  });

  it("never counts rendezvous wait in transaction or request time, and warns", async () => {
    const s = scenario(`
name: inside
baseUrl: TARGET
load: { vus: 2, rampUpSeconds: 1, iterations: 1 }
steps:
  - transaction:
      name: txn
      steps:
        - rendezvous: { name: rv, policy: { count: 2 } }
        - request: { name: fast, path: /fast }
`);
    const run = runLoad({ scenarios: [s], workers: 0 });
    const warnings: unknown[] = [];
    run.events.on("warning", (w) => warnings.push(w));
    const { summary } = await run.done;
    expect(warnings).toHaveLength(1);
    const wait = label(summary, "rv")!;
    expect(wait.maxMs).toBeGreaterThan(400); // VU 1 waited for VU 2 (started 0.5 s later)
    expect(label(summary, "txn")!.maxMs).toBeLessThan(200);
    expect(label(summary, "fast")!.maxMs).toBeLessThan(200);
  });

  it("switches rendezvous off per run", async () => {
    const s = scenario(`
name: off
baseUrl: TARGET
load: { vus: 2, iterations: 2 }
steps: [ { rendezvous: { name: rv, policy: { count: 50 } } }, { request: { name: f, path: /fast } } ]
`);
    const t = Date.now();
    const { summary } = await runLoad({ scenarios: [s], workers: 0, overrides: { rendezvousEnabled: false } }).done;
    expect(Date.now() - t).toBeLessThan(3000);
    expect(label(summary, "rv")).toBeUndefined();
    expect(summary.rendezvous[0]?.releases).toEqual([]);
    expect(label(summary, "f")?.samples).toBe(4);
  });

  it("a policy that can never be met (count 50, 20 VUs) waits for the timeout every time: releases ≥ 1 s apart, reason timeout", async () => {
    const s = scenario(`
name: unmet
baseUrl: TARGET
load: { vus: 20, durationSeconds: 3.6 }
steps: [ { request: { path: /fast } }, { rendezvous: { name: vote_rv, policy: { count: 50 }, timeoutSeconds: 1 } } ]
`);
    const events: unknown[] = [];
    const result = await runLoad({ scenarios: [s], workers: 0, onEvent: (e) => events.push(e) }).done;
    const releases = result.summary.rendezvous.find((p) => p.name === "vote_rv")!.releases;
    const timeouts = releases.filter((r) => r.reason === "timeout");
    expect(timeouts.length).toBeGreaterThanOrEqual(2);
    expect(timeouts.every((r) => r.released === 20)).toBe(true);
    for (let i = 1; i < timeouts.length; i++) expect(timeouts[i]!.at - timeouts[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    // The first VUs arrive right after the start: nobody is released before the timeout has passed.
    expect(timeouts[0]!.at - result.startedAtMs).toBeGreaterThanOrEqual(1000);
    // Only the run's end may release otherwise (stop), never the policy, never at once.
    expect(releases.filter((r) => r.reason !== "timeout").map((r) => r.reason)).toEqual(releases.length > timeouts.length ? ["stop"] : []);
    expect(events).toEqual([
      expect.objectContaining({
        code: "rendezvous_unreachable",
        details: expect.objectContaining({ point: "vote_rv", count: 50, vus: 20, timeoutSeconds: 1 }),
      }),
    ]);
    expect(result.runEvents).toEqual(events);
  });

  it("without a timeout, an unreachable policy releases at once (reason unreachable) and says so", async () => {
    const s = scenario(`
name: finish
baseUrl: TARGET
load: { vus: 3, iterations: 1 }
steps: [ { request: { path: /fast } }, { rendezvous: { name: vote_rv, policy: { count: 5 }, timeoutSeconds: 0 } }, { request: { path: /fast } } ]
`);
    const t = Date.now();
    const { summary, runEvents } = await runLoad({ scenarios: [s], workers: 0 }).done;
    expect(Date.now() - t).toBeLessThan(3000);
    expect(summary.rendezvous[0]?.releases).toEqual([expect.objectContaining({ released: 3, reason: "unreachable" })]);
    expect(runEvents.map((e) => e.message)).toEqual([
      "count 5 can never be met: 3 VUs use vote_rv; with no timeout, the VUs are released as soon as all of them wait",
    ]);
  });

  it("is cancellable: the signal releases waiting VUs and ends the run", async () => {
    const s = scenario(`
name: cancel
baseUrl: TARGET
load: { vus: 3, durationSeconds: 60 }
steps: [ { request: { path: /fast } }, { rendezvous: { name: rv, policy: { count: 100 }, timeoutSeconds: 60 } }, { think: { seconds: 30 } } ]
`);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 400);
    const t = Date.now();
    const result = await runLoad({ scenarios: [s], workers: 0, signal: ac.signal }).done;
    expect(Date.now() - t).toBeLessThan(3000);
    expect(result.outcome).toBe("stopped");
    expect(result.summary.rendezvous[0]?.releases).toEqual([expect.objectContaining({ released: 3, reason: "stop" })]);
  });

  it("does not deadlock when the duration runs out while VUs wait", async () => {
    const s = scenario(`
name: timeup
baseUrl: TARGET
load: { vus: 3, rampUpSeconds: 3, durationSeconds: 0.5 }
steps: [ { request: { path: /fast } }, { rendezvous: { name: rv, policy: { count: 3 }, timeoutSeconds: 60 } } ]
`);
    const t = Date.now();
    const result = await runLoad({ scenarios: [s], workers: 0 }).done;
    expect(Date.now() - t).toBeLessThan(2500);
    expect(result.outcome).toBe("completed");
    expect(result.summary.rendezvous[0]?.releases).toEqual([expect.objectContaining({ released: 1, reason: "stop" })]);
  });

  it("hard-stops VUs stuck in a request after the graceful deadline", async () => {
    const s = scenario(`
name: hang
baseUrl: TARGET
load: { vus: 2, durationSeconds: 60, gracefulStopSeconds: 0.3 }
steps: [ { request: { path: /hang, timeoutSeconds: 60 } } ]
`);
    const run = runLoad({ scenarios: [s], workers: 0 });
    setTimeout(() => run.stop(), 200);
    const t = Date.now();
    const result = await run.done;
    expect(Date.now() - t).toBeLessThan(2500);
    expect(result.summary.total.samples).toBe(0); // interrupted requests are not samples
  });

  it("open model: drops arrivals when no VU is free, never queues them", async () => {
    const s = scenario(`
name: open
baseUrl: TARGET
load: { arrivalRate: { perSecond: 40, durationSeconds: 1, maxVus: 2 } }
steps: [ { request: { name: slow, path: /delay/300 } } ]
`);
    const result = await runLoad({ scenarios: [s], workers: 0 }).done;
    const samples = label(result.summary, "slow")!.samples;
    expect(samples + result.droppedIterations).toBe(40);
    expect(samples).toBeLessThanOrEqual(10);
    expect(result.droppedIterations).toBeGreaterThan(25);
  });

  it("uses CSV data columns as variables (unique rows: each once)", async () => {
    const s = scenario(`
name: csv
baseUrl: TARGET
load: { vus: 2, iterations: 10 }
data: { csv: "user,pin\\nann,1\\nbob,2\\ncid,3\\n", mode: unique }
steps: [ { request: { name: e, path: "/echo?u=\${user}&p=\${pin}" } } ]
`);
    const before = target.log.length;
    const { summary } = await runLoad({ scenarios: [s], workers: 0 }).done;
    expect(label(summary, "e")?.samples).toBe(3);
    const urls = target.log
      .slice(before)
      .map((l) => l.url)
      .sort();
    expect(urls).toEqual(["/echo?u=ann&p=1", "/echo?u=bob&p=2", "/echo?u=cid&p=3"]);
  });
});
