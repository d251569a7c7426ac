/**
 * Delays past Node's timer limit (2^31-1 ms ≈ 24.8 days): Node fires such a timer after 1 ms, so a
 * 30-day soak used to end at once as "completed". Every scenario-controlled wait is chunked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TIMER_MS, REAL_CLOCK, sleep } from "./clock";
import { runLoad } from "./run-load";
import { MAX_SECONDS, parseScenario, type TScenario } from "./scenario";
import { startTarget, type TTarget } from "./testing/target";

const DAY_MS = 86_400_000;
const THIRTY_DAYS_S = 30 * 86_400;
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

describe("timers longer than 2^31-1 ms", () => {
  it("sleep(30 days) does not return early; an abort still ends it", async () => {
    expect(30 * DAY_MS).toBeGreaterThan(MAX_TIMER_MS);
    const ac = new AbortController();
    let settled: boolean | null = null;
    void sleep(30 * DAY_MS, ac.signal).then((v) => (settled = v));
    await tick(50);
    expect(settled).toBeNull();
    ac.abort();
    await tick(0);
    expect(settled).toBe(false);
  });

  it("the real clock's setTimeout (rendezvous timeouts) waits 30 days, and can be cleared", async () => {
    let fired = 0;
    const h = REAL_CLOCK.setTimeout(() => fired++, 30 * DAY_MS);
    await tick(50);
    expect(fired).toBe(0);
    REAL_CLOCK.clearTimeout(h);
  });

  it("a 30-day run is still running after a second (not 'completed' at once), and stops when asked", async () => {
    const s = scenario(`
name: soak
module: M
baseUrl: TARGET
load: { vus: 1, durationSeconds: ${THIRTY_DAYS_S} }
steps:
  - request: { name: fast, method: GET, path: /fast }
  - think: { seconds: ${THIRTY_DAYS_S} }
`);
    const run = runLoad({ scenarios: [s], workers: 0 });
    let outcome: string | null = null;
    void run.done.then((r) => (outcome = r.outcome));
    await tick(1200);
    expect(outcome).toBeNull();
    // A think time of 30 days is one request, not one per millisecond.
    expect(target.log.filter((l) => l.url === "/fast").length).toBe(1);
    run.stop();
    const r = await run.done;
    expect(r.outcome).toBe("stopped");
  });

  it("pacing of 30 days starts the second iteration 30 days later, not at once", async () => {
    const before = target.log.filter((l) => l.url === "/fast?p").length;
    const s = scenario(`
name: paced
module: M
baseUrl: TARGET
pacing: { everySeconds: ${THIRTY_DAYS_S} }
load: { vus: 1, durationSeconds: ${2 * THIRTY_DAYS_S} }
steps:
  - request: { name: fast, method: GET, path: "/fast?p" }
`);
    const run = runLoad({ scenarios: [s], workers: 0 });
    await tick(800);
    expect(target.log.filter((l) => l.url === "/fast?p").length - before).toBe(1);
    run.stop();
    expect((await run.done).outcome).toBe("stopped");
  });
});

describe("the longest duration accepted", () => {
  const text = (load: string, extra = "") => `
name: s
module: M
baseUrl: http://127.0.0.1:1
${extra}
load: ${load}
steps:
  - request: { name: a, method: GET, path: / }
`;
  it("is 366 days: 30 days and 366 days pass, a day more is refused with its path and the limit", () => {
    expect(MAX_SECONDS).toBe(366 * 86_400);
    expect(parseScenario(text(`{ vus: 1, durationSeconds: ${THIRTY_DAYS_S} }`), "yaml").ok).toBe(true);
    expect(parseScenario(text(`{ vus: 1, durationSeconds: ${MAX_SECONDS} }`), "yaml").ok).toBe(true);
    const cases: [string, string, string][] = [
      [`{ vus: 1, durationSeconds: ${MAX_SECONDS + 86_400} }`, "", "load.durationSeconds"],
      [`{ vus: 1, durationSeconds: 60, rampUpSeconds: ${MAX_SECONDS + 1} }`, "", "load.rampUpSeconds"],
      [`{ arrivalRate: { perSecond: 1, durationSeconds: ${MAX_SECONDS + 1}, maxVus: 1 } }`, "", "load.arrivalRate.durationSeconds"],
      [`{ vus: 1, durationSeconds: 60 }`, `pacing: { everySeconds: ${MAX_SECONDS + 1} }`, "pacing"],
    ];
    for (const [load, extra, path] of cases) {
      const r = parseScenario(text(load, extra), "yaml");
      expect(r.ok, path).toBe(false);
      if (!r.ok) expect(JSON.stringify(r.errors), path).toContain(path);
      if (!r.ok) expect(JSON.stringify(r.errors), path).toMatch(/366 days|pacing must be/);
    }
  });
});
