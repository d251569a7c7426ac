/**
 * Pacing: the schedule (pure, no clock) and, in the VU loop, that iterations never start early,
 * late ones start at once with their lag recorded, and think time stays out of transactions.
 */
import { describe, expect, it } from "vitest";
import { nowMs, sleep } from "./clock";
import { runShard } from "./executor";
import type { HttpAgent, THttpRequest, THttpResponse } from "./http";
import type { TSample } from "./metrics/recorder";
import { Pacer } from "./pacing";
import type { TRendezvousClient } from "./rendezvous";
import { parseScenario } from "./scenario";

describe("Pacer", () => {
  it("everySeconds: a fixed grid from the first start (a slow iteration does not shift later ones)", () => {
    const p = new Pacer({ everySeconds: 2 });
    expect(p.nextDue(1000, null)).toBe(1000);
    expect(p.nextDue(1500, { startMs: 1000, endMs: 1500 })).toBe(3000);
    expect(p.nextDue(5500, { startMs: 3000, endMs: 5500 })).toBe(5000); // late: due in the past
    expect(p.nextDue(6000, { startMs: 5500, endMs: 6000 })).toBe(7000);
  });

  it("min/max: the previous start plus a random interval in range; afterSeconds: the previous end plus S", () => {
    const draws = [0, 0.5, 1];
    const p = new Pacer({ min: 1, max: 3 }, () => draws.shift()!);
    expect(p.nextDue(0, null)).toBe(0);
    expect(p.nextDue(10, { startMs: 0, endMs: 10 })).toBe(1000);
    expect(p.nextDue(1500, { startMs: 1200, endMs: 1500 })).toBe(3200);
    expect(p.nextDue(3500, { startMs: 3300, endMs: 3500 })).toBe(6300);
    const a = new Pacer({ afterSeconds: 0.5 });
    expect(a.nextDue(0, null)).toBe(0);
    expect(a.nextDue(900, { startMs: 0, endMs: 900 })).toBe(1400);
  });
});

describe("pacing in the VU loop", () => {
  // The executor with an HTTP stub that notes when each request is sent: the VU's own start
  // times, free of network and target noise (real HTTP pacing is checked in examples.test.ts).
  it("never starts early, starts a late iteration at once and records its lag; think time is not in the transaction", async () => {
    const r = parseScenario(
      `
name: paced
baseUrl: http://127.0.0.1:1
pacing: { everySeconds: 0.2 }
load: { vus: 1, iterations: 4 }
steps:
  - transaction:
      name: t
      steps:
        - request: { name: a, path: "/delay/\${__P(d\${__iteration},1)}" }
        - think: { seconds: 0.05 }
`,
      "yaml",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const sent: { path: string; at: number }[] = [];
    const http = {
      request: async (req: THttpRequest): Promise<THttpResponse> => {
        const at = nowMs();
        sent.push({ path: req.path, at });
        await sleep(Number(req.path.split("/")[2]));
        const end = nowMs();
        return {
          status: 200,
          headers: {},
          body: null,
          startMs: at,
          elapsedMs: end - at,
          latencyMs: end - at,
          connectMs: 0,
          bytesReceived: 2,
          bytesSent: 10,
        };
      },
    } as unknown as HttpAgent;
    const samples: TSample[] = [];
    const rendezvous: TRendezvousClient = {
      arrive: async () => ({ releaseId: 0, name: "", at: 0, reason: "policy", released: 0 }),
      reportSent: () => undefined,
      vuStarted: () => undefined,
      vuFinished: () => undefined,
    };
    // Iteration 2 is slow (250 ms + 50 ms think): iteration 3, due at 400 ms, starts at ≈ 500 ms; 4 is on the grid again (600 ms).
    await runShard({
      scenarios: [r.scenario],
      shard: 0,
      shards: 1,
      startAtMs: nowMs(),
      http,
      record: (x) => samples.push(x),
      rendezvous,
      rendezvousEnabled: true,
      dataRows: [[]],
      params: { d2: "250" },
      stopSignal: new AbortController().signal,
      hardSignal: new AbortController().signal,
    }).done;
    expect(sent.map((x) => x.path)).toEqual(["/delay/1", "/delay/250", "/delay/1", "/delay/1"]);
    const lags = samples.filter((x) => x.kind === "iteration_lag");
    const start0 = lags[0]!.startMs; // the grid's origin: the first iteration's start (due at once)
    const at = sent.map((x) => x.at - start0);
    expect(at[1]).toBeGreaterThanOrEqual(200); // never early
    expect(at[2]).toBeGreaterThanOrEqual(500); // the slow iteration ran to its end (200 + 250 + 50) …
    expect(at[2]).toBeLessThan(at[3]! - 20); // … and the late one started at once, not at the next grid point
    expect(at[3]).toBeGreaterThanOrEqual(600); // back on the grid
    expect(lags.map((x) => x.label)).toEqual(["paced", "paced", "paced", "paced"]);
    // each lag is the actual start minus the due time: 0, 200, 400, 600 ms after the first start
    lags.forEach((lag, k) => {
      expect(lag.startMs - start0).toBeCloseTo(k * 200, 6);
      expect(lag.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(lag.startMs + lag.elapsedMs).toBeLessThanOrEqual(sent[k]!.at);
      expect(sent[k]!.at - (lag.startMs + lag.elapsedMs)).toBeLessThan(25); // the request follows the start at once
    });
    expect(lags[2]!.elapsedMs).toBeGreaterThanOrEqual(100);
    // the transaction holds the request, not the 50 ms think time
    const t = samples.filter((x) => x.label === "t");
    const a = samples.filter((x) => x.label === "a");
    expect(t).toHaveLength(4);
    t.forEach((x, i) => expect(x.elapsedMs).toBeLessThan(a[i]!.elapsedMs + 40)); // with the think it would be ≥ a + 50
  });
});
