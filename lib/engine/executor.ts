/**
 * Runs one shard of a run's VUs (all of them in-process, or 1/N of them in a worker thread):
 * the closed model (ramp-up, duration or iterations, ramp-down, pacing) and the open model
 * (arrival rate, dropped iterations counted, never queued). VU i of a scenario belongs to shard i % N.
 *
 * Each VU runs `init` once before its first iteration and `end` once when it stops: after its
 * last iteration, at its ramp-down, when its data ran out, and on a graceful stop (the stop ends
 * the iteration loop, then `end` runs within the graceful deadline); never after a hard stop.
 * Open model: `init` when a VU object is created (before the iteration it was created for; the
 * iteration's start delay is measured before init, so a slow login is not charged to the first
 * sample), `end` for every created VU when the arrivals are over.
 */
import { nowMs, setLongTimeout, sleep } from "./clock";
import { DataSource, type TRow } from "./csv-data";
import { Pacer } from "./pacing";
import type { HttpAgent } from "./http";
import type { TSample } from "./metrics/recorder";
import type { TRendezvousClient } from "./rendezvous";
import type { TRowSource } from "./row-source";
import { dataSets, vuStartOffset, vuStopOffset, type TScenario } from "./scenario";
import { compileScenario, VirtualUser, type TIterationOutcome, type TVuEnv } from "./vu";
import { createRunContext } from "./vu-runtime";

export interface TShardOptions {
  /** Scenarios with run overrides already applied. Keys are their indexes. */
  scenarios: TScenario[];
  shard: number;
  shards: number;
  /** Epoch ms of the run start (shared by every shard). */
  startAtMs: number;
  http: HttpAgent;
  record: (s: TSample) => void;
  rendezvous: TRendezvousClient;
  rendezvousEnabled: boolean;
  /** CSV rows per scenario, per data set (`dataSets(scenario)` order). */
  dataRows: TRow[][][];
  /** Where a data set's rows come from instead of memory (an agent's leased rows); null: memory. */
  rowSource?: (scenario: number, set: number) => TRowSource | null;
  /** Launch parameters (`__P`, and baseUrl templates). */
  params?: Record<string, string>;
  /** What `__env` may read. */
  env?: Record<string, string | undefined>;
  stopSignal: AbortSignal;
  hardSignal: AbortSignal;
}

export interface TShardHandle {
  /** VUs running an iteration or between iterations right now. */
  activeVus(): number;
  activeVusByScenario(): number[];
  /** Open model arrivals dropped because no VU was free, since the last call. */
  takeDropped(): number;
  done: Promise<void>;
}

/** Yield to the event loop when an iteration did no I/O (e.g. only disabled rendezvous). */
const MIN_ITERATION_MS = 0.5;

export function runShard(o: TShardOptions): TShardHandle {
  const active = o.scenarios.map(() => 0);
  let dropped = 0;
  const tasks: Promise<void>[] = [];

  const run = createRunContext({ shard: o.shard, shards: o.shards, env: o.env ?? {}, params: o.params ?? {} });
  o.scenarios.forEach((scenario, index) => {
    const key = String(index);
    const sets = dataSets(scenario);
    const env: TVuEnv = {
      scenario: compileScenario(scenario, key, { params: o.params ?? {}, env: o.env ?? {} }),
      http: o.http,
      record: o.record,
      rendezvous: o.rendezvous,
      rendezvousEnabled: o.rendezvousEnabled,
      data: (o.dataRows[index] ?? []).map((rows, i) => o.rowSource?.(index, i) ?? new DataSource(rows, sets[i]!.mode, o.shard, o.shards)),
      stopSignal: o.stopSignal,
      hardSignal: o.hardSignal,
      run,
    };
    const load = scenario.load;
    if (load.arrivalRate) {
      tasks.push(runOpen(o, env, index, active, () => dropped++));
      return;
    }
    const vus = load.vus ?? 0;
    for (let i = o.shard; i < vus; i += o.shards) {
      const startAt = o.startAtMs + vuStartOffset(i, vus, load.rampUpSeconds) * 1000;
      const stopAt =
        load.durationSeconds === undefined
          ? Number.POSITIVE_INFINITY
          : o.startAtMs + vuStopOffset(i, vus, load.durationSeconds, load.rampDownSeconds) * 1000;
      tasks.push(runClosedVu(o, env, i + 1, startAt, stopAt, load.iterations, (d) => (active[index]! += d)));
    }
  });

  return {
    activeVus: () => active.reduce((a, b) => a + b, 0),
    activeVusByScenario: () => [...active],
    takeDropped: () => {
      const d = dropped;
      dropped = 0;
      return d;
    },
    done: Promise.all(tasks).then(() => undefined),
  };
}

async function runClosedVu(
  o: TShardOptions,
  env: TVuEnv,
  id: number,
  startAt: number,
  stopAt: number,
  iterations: number | undefined,
  onActive: (d: number) => void,
): Promise<void> {
  const key = env.scenario.key;
  const started = await waitUntil(startAt, o.stopSignal);
  env.rendezvous.vuStarted(key);
  if (!started) {
    env.rendezvous.vuFinished(key);
    return;
  }
  onActive(1);
  const vu = new VirtualUser(id, env);
  const pacing = env.scenario.pacing;
  const pacer = pacing ? new Pacer(pacing, env.run?.random) : null;
  try {
    const init = await vu.runInit();
    let outcome: TIterationOutcome = init;
    let previous: { startMs: number; endMs: number } | null = null;
    let n = 0;
    while (outcome === "done" && !o.stopSignal.aborted && nowMs() < stopAt && (iterations === undefined || n < iterations)) {
      let t = nowMs();
      if (pacer !== null) {
        const due = pacer.nextDue(t, previous);
        if (due > t) {
          // Never early: wait for the schedule; a start due after the VU's stop never comes.
          if (due >= stopAt || !(await sleepUntil(due, o.stopSignal))) break;
          t = nowMs();
        }
        env.record({
          label: env.scenario.name,
          module: env.scenario.module,
          kind: "iteration_lag",
          startMs: due,
          elapsedMs: Math.max(0, t - due),
        });
      }
      outcome = await vu.runIteration(stopAt);
      n++;
      const end = nowMs();
      if (pacer !== null) previous = { startMs: t, endMs: end };
      if (outcome === "done" && end - t < MIN_ITERATION_MS) await new Promise((r) => setImmediate(r));
    }
    await vu.runEnd();
  } finally {
    onActive(-1);
    env.rendezvous.vuFinished(key);
  }
}

async function runOpen(o: TShardOptions, env: TVuEnv, index: number, active: number[], onDrop: () => void): Promise<void> {
  const rate = o.scenarios[index]!.load.arrivalRate!;
  const key = env.scenario.key;
  const periodMs = 1000 / rate.perSecond;
  const totalArrivals = Math.floor(rate.durationSeconds * rate.perSecond);
  const endAt = o.startAtMs + rate.durationSeconds * 1000;
  const maxVus = Math.floor(rate.maxVus / o.shards) + (o.shard < rate.maxVus % o.shards ? 1 : 0);
  const free: VirtualUser[] = [];
  const createdVus: VirtualUser[] = [];
  let created = 0;
  let inFlight = 0;
  let k = o.shard;
  let resolveIdle: (() => void) | null = null;

  const runFirst = async (vu: VirtualUser, delayMs: number): Promise<TIterationOutcome> => {
    const init = await vu.runInit();
    if (init !== "done") return init;
    vu.startDelayMs = delayMs;
    return vu.runIteration(endAt);
  };
  const startIteration = (vu: VirtualUser, intendedAt: number, isNew: boolean) => {
    inFlight++;
    active[index]!++;
    // INVARIANT (no coordinated omission): the first sample counts from the intended start.
    const delayMs = Math.max(0, nowMs() - intendedAt);
    const run = isNew && env.scenario.init.length > 0 ? runFirst(vu, delayMs) : ((vu.startDelayMs = delayMs), vu.runIteration(endAt));
    void run.then((outcome) => {
      inFlight--;
      active[index]!--;
      if (outcome === "done") free.push(vu);
      if (inFlight === 0) resolveIdle?.();
    });
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      if (o.stopSignal.aborted) return resolve();
      const now = nowMs();
      while (k < totalArrivals) {
        const intendedAt = o.startAtMs + k * periodMs;
        if (intendedAt > now) break;
        let vu = free.pop();
        let isNew = false;
        if (!vu && created < maxVus) {
          created++;
          env.rendezvous.vuStarted(key);
          vu = new VirtualUser(o.shard + 1 + (created - 1) * o.shards, env);
          createdVus.push(vu);
          isNew = true;
        }
        if (vu) startIteration(vu, intendedAt, isNew);
        else onDrop();
        k += o.shards;
      }
      if (k >= totalArrivals) return resolve();
      setLongTimeout(tick, o.startAtMs + k * periodMs - nowMs());
    };
    tick();
    o.stopSignal.addEventListener("abort", () => resolve(), { once: true });
  });
  if (inFlight > 0) await new Promise<void>((r) => (resolveIdle = r));
  if (env.scenario.end.length > 0) await Promise.all(createdVus.map((vu) => vu.runEnd()));
  // Every configured VU of this shard counts as finished for rendezvous policies.
  for (let i = created; i < maxVus; i++) env.rendezvous.vuStarted(key);
  for (let i = 0; i < maxVus; i++) env.rendezvous.vuFinished(key);
}

/**
 * Resolve true once the clock reads `atMs` or later (timers may fire up to a millisecond early
 * against performance.now: an iteration must never start early), false if the signal aborts first.
 */
async function sleepUntil(atMs: number, signal: AbortSignal): Promise<boolean> {
  for (let ms = atMs - nowMs(); ms > 0; ms = atMs - nowMs()) if (!(await sleep(ms, signal))) return false;
  return !signal.aborted;
}

/** Resolve true at `atMs`, or false if the signal aborts first. */
function waitUntil(atMs: number, signal: AbortSignal): Promise<boolean> {
  const ms = atMs - nowMs();
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return sleep(ms, signal);
}
