/**
 * The shop example (examples/shop.yaml, run as written: only the port comes in as a launch
 * parameter, as `--var port=…` does) against the local shop target: cookies, init/end, loop,
 * if/else, choose, pacing and generated values, checked from what the target received.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "./run-load";
import { parseScenario, type TScenario } from "./scenario";
import { startTarget, type TTarget } from "./testing/target";

let target: TTarget;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
});

function shop(): TScenario {
  const r = parseScenario(readFileSync(new URL("./examples/shop.yaml", import.meta.url), "utf8"), "yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

function reset(): void {
  const s = target.shop;
  s.logins.clear();
  s.logouts.clear();
  s.me.length = 0;
  s.items.length = 0;
  s.buys.length = 0;
  s.meRefused = s.browse = s.ok = s.retry = 0;
}

const byUser = <T extends { user: string }>(xs: T[]) => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(x.user, [...(m.get(x.user) ?? []), x]);
  return m;
};

describe("examples/shop.yaml", () => {
  it("runs unchanged: one login and one logout per VU, the session cookie on every /me, 3 items per iteration, starts every 2 s, unique uuids", async () => {
    reset();
    const s = shop();
    expect(s.variables?.port).toBe("18080"); // the file's own port; the run's comes as a launch parameter
    const result = await runLoad({
      scenarios: [s],
      overrides: { variables: { port: String(target.port) }, durationSeconds: 6.5 },
      workers: 2,
    }).done;
    const shopState = target.shop;
    const users = Array.from({ length: 20 }, (_, i) => `u${i + 1}`);
    // init once per VU, end once per VU
    expect([...shopState.logins.keys()].sort()).toEqual([...users].sort());
    expect([...shopState.logins.values()].every((n) => n === 1)).toBe(true);
    expect([...shopState.logouts.keys()].sort()).toEqual([...users].sort());
    expect([...shopState.logouts.values()].every((n) => n === 1)).toBe(true);
    // the session cookie on every /me: none refused
    expect(shopState.meRefused).toBe(0);
    const me = byUser(shopState.me);
    const items = byUser(shopState.items);
    expect([...me.keys()].sort()).toEqual([...users].sort());
    const offBy: number[] = [];
    for (const u of users) {
      const starts = me.get(u)!.map((x) => x.at);
      expect(starts.length).toBeGreaterThanOrEqual(3); // 6.5 s, starts at 0, 2, 4 (and 6 for early VUs)
      // 3 items per iteration, numbered by the VU's own counter
      expect(items.get(u)!.map((x) => x.n)).toEqual(Array.from({ length: 3 * starts.length }, (_, i) => String(i + 1)));
      for (let i = 1; i < starts.length; i++) offBy.push(Math.abs(starts[i]! - starts[i - 1]! - 2000));
    }
    // Iteration starts every 2 s ± 50 ms (arrival of each iteration's first request at the target).
    // On a loaded 2-core CI box a thread is sometimes descheduled for tens of ms, which moves one
    // arrival: 90 % of the intervals must be within ± 50 ms, and every one within ± 400 ms (CI runs
    // two unit passes side by side; 267 ms was seen at load 19 — pacing that drifts is off by seconds).
    expect(offBy.filter((d) => d < 50).length / offBy.length).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...offBy)).toBeLessThan(400);
    const iterations = shopState.me.length;
    // if: the last response before it (an item) was 200 → then-branch every time
    expect(shopState.ok).toBe(iterations);
    expect(shopState.retry).toBe(0);
    expect(shopState.browse + shopState.buys.length).toBe(iterations);
    // unique uuids, epoch-ms times
    const ids = shopState.buys.map((b) => (b as { id: string }).id);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of shopState.buys) expect(Math.abs(Number((b as { at: string }).at) - result.startedAtMs)).toBeLessThan(60_000);
    // results: no errors; the pacing lag per scenario, one sample per paced iteration
    expect(result.summary.total.errors).toBe(0);
    const lag = result.summary.labels.find((l) => l.kind === "iteration_lag");
    expect(lag).toMatchObject({ label: "shop", samples: iterations });
    expect(lag!.p50Ms).toBeLessThan(50);
    expect(lag!.maxMs).toBeLessThan(400);
    expect(result.summary.labels.find((l) => l.label === "login")).toMatchObject({ kind: "request", samples: 20, errors: 0 });
  }, 30_000);

  it("chooses branches by weight: 70/30 within ±5 % over 2,000 passes (no pacing, iterations)", async () => {
    reset();
    const s = shop();
    const fast: TScenario = {
      ...s,
      pacing: undefined,
      load: { ...s.load, vus: 10, rampUpSeconds: 0, durationSeconds: undefined, iterations: 200 },
    };
    const result = await runLoad({ scenarios: [fast], overrides: { variables: { port: String(target.port) } }, workers: 0 }).done;
    const passes = target.shop.browse + target.shop.buys.length;
    expect(passes).toBe(2000);
    expect(Math.abs(target.shop.browse / passes - 0.7)).toBeLessThan(0.05);
    expect(Math.abs(target.shop.buys.length / passes - 0.3)).toBeLessThan(0.05);
    expect(new Set(target.shop.buys.map((b) => (b as { id: string }).id)).size).toBe(target.shop.buys.length);
    expect(target.shop.meRefused).toBe(0);
    expect(result.summary.labels.find((l) => l.kind === "iteration_lag")).toBeUndefined();
  }, 30_000);

  it("logs every VU out once on a graceful stop, cutting the pacing wait", async () => {
    reset();
    const run = runLoad({ scenarios: [shop()], overrides: { variables: { port: String(target.port) } }, workers: 0 });
    setTimeout(() => run.stop(), 2500);
    const result = await run.done;
    expect(result.outcome).toBe("stopped");
    expect(result.endedAtMs - result.startedAtMs).toBeLessThan(4000); // not the 30 s of the file, nor a pacing wait
    expect(target.shop.logins.size).toBe(20);
    expect([...target.shop.logouts.keys()].sort()).toEqual([...target.shop.logins.keys()].sort());
    expect([...target.shop.logouts.values()].every((n) => n === 1)).toBe(true);
    expect(target.shop.meRefused).toBe(0);
  }, 30_000);
});
