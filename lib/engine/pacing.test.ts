/**
 * Pacing: the schedule (pure, no clock) and, in real runs against the local target, that
 * iterations never start early, late ones start at once with their lag recorded, and think time
 * and pacing stay out of transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Pacer } from "./pacing";
import { runLoad } from "./run-load";
import { parseScenario } from "./scenario";
import { startTarget, type TTarget } from "./testing/target";

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

describe("pacing in a run", () => {
  let target: TTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
  });

  it("never starts early, starts a late iteration at once and records its lag; think time is not in the transaction", async () => {
    target.log.length = 0;
    const r = parseScenario(
      `
name: paced
baseUrl: ${target.url}
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
    // Iteration 2 is slow (250 ms + think): iteration 3 is due at 400 ms and starts ≈ 505 ms; 4 is on the grid again (600 ms).
    const result = await runLoad({ scenarios: [r.scenario], overrides: { variables: { d2: "250" } }, workers: 0 }).done;
    expect(target.log.map((l) => l.url)).toEqual(["/delay/1", "/delay/250", "/delay/1", "/delay/1"]);
    // Arrival times from iteration 2 on (the first request also connected, so it arrived later than its iteration started).
    const at = target.log.map((l) => l.at - target.log[1]!.at);
    expect(at[2]).toBeGreaterThanOrEqual(295); // the slow iteration (250 ms + 50 ms think) ran to its end …
    expect(at[2]).toBeLessThan(350); // … and the late one started at once, not at the next grid point (600 ms)
    expect(at[3]).toBeGreaterThanOrEqual(395); // back on the grid: never early …
    expect(at[3]).toBeLessThan(430); // … nor late
    const lag = result.summary.labels.find((l) => l.kind === "iteration_lag")!;
    expect(lag).toMatchObject({ label: "paced", samples: 4 });
    expect(lag.maxMs).toBeGreaterThan(80); // iteration 3: ≈ 105 ms late
    expect(lag.maxMs).toBeLessThan(200);
    expect(lag.p50Ms).toBeLessThan(20);
    // the transaction holds the request, not the 50 ms think time
    const t = result.summary.labels.find((l) => l.label === "t")!;
    const a = result.summary.labels.find((l) => l.label === "a")!;
    expect(t.maxMs).toBeLessThan(a.maxMs + 30);
    expect(t.minMs).toBeLessThan(40);
  });
});
