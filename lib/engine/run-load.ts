/**
 * runLoad: the engine's public entry. Runs scenarios (one run) over worker threads with one
 * rendezvous coordinator, emits a snapshot per second, and resolves to one result.
 *
 *   const run = runLoad({ scenarios, overrides, signal, onSecond: (s) => persist(s) });
 *   run.events.on("warning", …); run.stop();   // graceful stop, then hard after the deadline
 *   const result = await run.done;             // { summary: TRunSummary, … }
 *
 * Snapshots carry the buckets closed for that second (one row per label, already merged over
 * threads). A bucket row arriving after its second was emitted (a stalled thread) comes in a
 * later snapshot with its own `second`: persist rows by (second, label) and merge duplicates
 * (mergeBucketRows(..., { perSecond: true })).
 */
import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { nowMs, setLongTimeout, type TLongTimer } from "./clock";
import { loadRows, type TRow } from "./csv-data";
import { loopbackTargetsOnly, type TAllowTarget, type TTargetVerdict } from "./http";
import { combineHealth, createCpuMeter, createThreadProbe, type TGeneratorHealth, type TThreadHealth } from "./metrics/health";
import { mergeErrorExamples, type TErrorExamples } from "./metrics/recorder";
import { BucketMerger, mergeBucketRows, summarize } from "./metrics/summarize";
import type { TMetricBucket, TRunSummary } from "./metrics/types";
import { configuredVus, RendezvousCoordinator, rendezvousPoints, unreachableRendezvous, type TNamedRelease } from "./rendezvous";
import type { TRunEvent } from "./run-event";
import { serveRendezvous, type TRendezvousOpsMessage } from "./rendezvous-remote";
import {
  applyOverrides,
  dataSets,
  DEFAULT_GRACEFUL_STOP_SECONDS,
  planRunSeconds,
  scenarioWarnings,
  walkSteps,
  type TData,
  type TRunOverrides,
  type TScenario,
  type TScenarioIssue,
  type TStep,
} from "./scenario";
import { resolveBaseUrl } from "./compile-scenario";
import { requiredLaunchParameters } from "./template";
import { startShardRuntime, type TShardCommand, type TShardInit, type TShardMessage } from "./shard-runtime";

/** What runLoad emits every second (and the DB worker persists). */
export interface TRunSnapshot {
  /** The epoch second these buckets closed. */
  second: number;
  /** Seconds since the run started. */
  elapsedSeconds: number;
  /** One merged row per label for this second (and any late row of an earlier second). */
  buckets: TMetricBucket[];
  activeVus: number;
  /** Active VUs per scenario, in the order of `scenarios`. */
  activeVusByScenario: number[];
  /** Open model: arrivals dropped in this second (no free VU; never queued). */
  droppedIterations: number;
  /** Rendezvous releases whose skew became known in this second. */
  releases: TNamedRelease[];
  health: TGeneratorHealth;
}

export interface TRunLoadOptions {
  /** Validated scenarios (parseScenario / ZScenario); several = one run. */
  scenarios: TScenario[];
  overrides?: TRunOverrides;
  /** Aborting stops the run gracefully; VUs are interrupted after the graceful-stop deadline. */
  signal?: AbortSignal;
  onSecond?: (snapshot: TRunSnapshot) => void;
  /** Run events the reader must be told (a rendezvous policy that can never be met, …). */
  onEvent?: (event: TRunEvent) => void;
  /** Checked after DNS resolution before every new connection. Default: loopback only. */
  allowTarget?: TAllowTarget;
  /** Worker threads; 0 runs the VUs in this thread. Default: min(2, cores). */
  /** Tests only: the module a thread runs instead of the engine's (to see a thread that fails to load). */
  threadModuleForTests?: { url: URL; workerData: { entry?: string } };
  workers?: number;
  /** Time iterations get to finish after the end or a stop. Default: the scenarios' max. */
  gracefulStopSeconds?: number;
  /**
   * Grace after `signal` aborts (a user's cancel), instead of the graceful stop: requests still in
   * flight then are aborted and not counted. Default: the graceful stop.
   */
  abortGraceSeconds?: number;
  /** Directory CSV `data.file` paths are relative to. Default: cwd. */
  baseDir?: string;
  /**
   * The values `${__env(NAME)}` may read: the CLI passes its process environment, the dashboard's
   * worker a filtered set. Default: none (every `__env` renders its default).
   */
  env?: Record<string, string | undefined>;
}

export interface TRunResult {
  summary: TRunSummary;
  startedAtMs: number;
  endedAtMs: number;
  /** `completed`: ran its course; `stopped`: stop() or the signal. */
  outcome: "completed" | "stopped";
  droppedIterations: number;
  /** Seconds in which the generator itself was saturated. */
  saturatedSeconds: number;
  warnings: TScenarioIssue[];
  /** Every event also given to onEvent, in order. */
  runEvents: TRunEvent[];
}

export interface TRunHandle {
  /** Events: "second" (TRunSnapshot), "warning" (TScenarioIssue), "event" (TRunEvent). */
  events: EventEmitter;
  /** Graceful stop now; hard stop after the graceful deadline. */
  stop(): void;
  done: Promise<TRunResult>;
}

/**
 * V8 semi-space of the engine's threads, in MB (V8's default here is 16). A rendezvous release
 * allocates for thousands of requests in one turn; with 16 MB, scavenges interrupted it and 10,000
 * released VUs took ≈ 157 ms to send (median of 8 releases), with 64 MB ≈ 122 ms; throughput was
 * unchanged. A thread's young generation is three semi-spaces (V8), hence 3 × in resourceLimits.
 * The bench's in-process runner gets the same with --max-semi-space-size.
 */
export const ENGINE_SEMI_SPACE_MB = 64;

/**
 * The thread's module. Built (scripts/build-cli.mjs bundles this file into a chunk with
 * shard-worker.mjs beside it): that JavaScript, as it is. From source (vitest, `node --import tsx`):
 * shard-worker.ts through worker-bootstrap.mjs, which registers tsx in the thread.
 */
function shardWorkerModule(): { url: URL; workerData: { entry?: string } } {
  const built = new URL("./shard-worker.mjs", import.meta.url);
  if (!import.meta.url.endsWith(".ts") && existsSync(built)) return { url: built, workerData: {} };
  return {
    url: new URL("./worker-bootstrap.mjs", import.meta.url),
    workerData: { entry: new URL("./shard-worker.ts", import.meta.url).href },
  };
}
/** Emit a second anyway when a thread has not reported it this long after its end. */
const LATE_SHARD_MS = 2500;

interface TShardLink {
  send(c: TShardCommand): void;
  close(): Promise<void>;
}

export function runLoad(options: TRunLoadOptions): TRunHandle {
  const events = new EventEmitter();
  let stopRequested: (() => void) | null = null;
  let pendingStop = false;
  const done = (async () => {
    await new Promise((r) => setImmediate(r)); // let the caller attach listeners
    return execute(options, events, (fn) => {
      stopRequested = fn;
      if (pendingStop) fn();
    });
  })();
  return {
    events,
    stop: () => {
      if (stopRequested) stopRequested();
      else pendingStop = true;
    },
    done,
  };
}

async function execute(options: TRunLoadOptions, events: EventEmitter, onStopReady: (fn: () => void) => void): Promise<TRunResult> {
  const scenarios = options.scenarios.map((s) => applyOverrides(s, options.overrides));
  const warnings = scenarios.flatMap((s) => scenarioWarnings(s).map((w) => ({ ...w, path: `${s.name}: ${w.path}` })));
  for (const w of warnings) events.emit("warning", w);
  const params = launchParameters(options.overrides);
  const env = options.env ?? {};
  // Refuse to start on what would fail in every VU: a missing launch parameter, a base URL that
  // does not render to an http(s) URL.
  const missing = requiredLaunchParameters(scenarios).filter((name) => !(name in params));
  if (missing.length > 0)
    throw new Error(
      `missing launch parameter${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: the scenario uses \${__P(name)} without a default; give ${missing.map((m) => `--var ${m}=…`).join(" ")} (or "variables" in the run request)`,
    );
  for (const s of scenarios) {
    resolveBaseUrl(s, params, env);
    walkSteps(s, (step, at) => {
      for (const f of ("request" in step ? step.request.multipart?.files : undefined) ?? [])
        if (f.file !== undefined && !existsSync(path.resolve(f.file)))
          throw new Error(
            `scenario "${s.name}": ${at}: multipart file ${JSON.stringify(f.file)} not found (the CLI resolves it against the scenario file's folder)`,
          );
    });
  }
  const dataRows: TRow[][][] = scenarios.map((s) => dataSets(s).map((d) => loadRows(d, options.baseDir ?? process.cwd())));
  const points = rendezvousPoints(scenarios, options.overrides);
  const coordinator = new RendezvousCoordinator(points, { configuredVus: configuredVus(scenarios) });
  const runEvents: TRunEvent[] = [];
  const emitEvent = (e: TRunEvent) => {
    runEvents.push(e);
    // A failing consumer must not kill the run (as onSecond).
    try {
      options.onEvent?.(e);
      events.emit("event", e);
    } catch (error) {
      events.emit("warning", { path: "", message: `onEvent failed for ${e.code}: ${(error as Error).message}` });
    }
  };
  const allowTarget = options.allowTarget ?? loopbackTargetsOnly;
  const totalVus = Object.values(configuredVus(scenarios)).reduce((a, b) => a + b, 0);
  const shards = Math.max(1, Math.min(options.workers ?? Math.min(2, availableParallelism()), Math.max(1, totalVus)));
  const inProcess = (options.workers ?? 1) === 0;
  const rendezvousEnabled = options.overrides?.rendezvousEnabled ?? true;
  if (rendezvousEnabled) for (const e of unreachableRendezvous(points, configuredVus(scenarios))) emitEvent(e);

  // --- per-second collection ----------------------------------------------------------------
  const totals = new BucketMerger();
  const pendingBuckets: TMetricBucket[] = [];
  const upTo = new Array<number>(shards).fill(0);
  const live = new Array<boolean>(shards).fill(true);
  const active: number[][] = Array.from({ length: shards }, () => scenarios.map(() => 0));
  const threads: TThreadHealth[] = Array.from({ length: shards }, () => ({ eventLoopLagMs: 0, eventLoopUtilization: 0 }));
  const sockets = new Array<number>(shards).fill(0);
  const examples: TErrorExamples[] = [];
  let droppedPending = 0;
  let droppedTotal = 0;
  let saturatedSeconds = 0;
  let emittedUpTo = 0;
  const cpu = createCpuMeter();
  const mainProbe = inProcess ? null : createThreadProbe();
  let startAtMs = 0;

  const emitSecond = (second: number) => {
    const rows = pendingBuckets.splice(0, pendingBuckets.length);
    const buckets = mergeBucketRows(rows, { perSecond: true });
    totals.add(buckets);
    const byScenario = scenarios.map((_, i) => active.reduce((n, a) => n + (a[i] ?? 0), 0));
    const health = combineHealth(
      cpu(),
      mainProbe ? [...threads, mainProbe.sample()] : threads,
      sockets.reduce((a, b) => a + b, 0),
    );
    if (health.saturated) saturatedSeconds++;
    const snapshot: TRunSnapshot = {
      second,
      elapsedSeconds: Math.max(0, Math.round((second + 1) * 1000 - startAtMs) / 1000),
      buckets,
      activeVus: byScenario.reduce((a, b) => a + b, 0),
      activeVusByScenario: byScenario,
      droppedIterations: droppedPending,
      releases: coordinator.takeFinalized(),
      health,
    };
    droppedPending = 0;
    // A failing consumer (e.g. a database hiccup) must not kill the run: report and go on.
    try {
      options.onSecond?.(snapshot);
      events.emit("second", snapshot);
    } catch (error) {
      events.emit("warning", { path: "", message: `onSecond failed for second ${second}: ${(error as Error).message}` });
    }
  };

  const maybeEmit = (force = false) => {
    const liveUpTo = upTo.filter((_, i) => live[i]);
    const ready = liveUpTo.length === 0 ? Math.floor(nowMs() / 1000) + 1 : Math.min(...liveUpTo);
    const target = force ? Math.floor(nowMs() / 1000) : ready;
    if (emittedUpTo === 0) emittedUpTo = Math.floor(startAtMs / 1000);
    while (emittedUpTo < target) emitSecond(emittedUpTo++);
  };

  let shardsDone = 0;
  let allDone: () => void = () => undefined;
  const allDonePromise = new Promise<void>((r) => (allDone = r));

  const onShardMessage = (m: TShardMessage) => {
    if (m.t === "tick") {
      pendingBuckets.push(...m.buckets);
      upTo[m.shard] = m.upTo;
      active[m.shard] = m.active;
      threads[m.shard] = m.thread;
      sockets[m.shard] = m.openSockets;
      droppedPending += m.dropped;
      droppedTotal += m.dropped;
      maybeEmit();
    } else if (m.t === "done") {
      pendingBuckets.push(...m.buckets);
      examples.push(...m.examples);
      droppedPending += m.dropped;
      droppedTotal += m.dropped;
      live[m.shard] = false;
      active[m.shard] = scenarios.map(() => 0);
      sockets[m.shard] = 0;
      if (++shardsDone === shards) allDone();
    }
  };

  // --- shards -------------------------------------------------------------------------------
  const readyPromises: Promise<void>[] = [];
  const links: TShardLink[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const init: TShardInit = { scenarios, shard, shards, rendezvousEnabled, dataRows, params, env };
    let ready: () => void = () => undefined;
    readyPromises.push(new Promise<void>((r) => (ready = r)));
    const handle = (m: TShardMessage) => (m.t === "ready" ? ready() : onShardMessage(m));
    if (inProcess) {
      const runtime = startShardRuntime(init, handle, coordinator.localClient(), allowTarget);
      links.push({ send: (c) => runtime.handle(c), close: async () => undefined });
    } else {
      const shardModule = options.threadModuleForTests ?? shardWorkerModule();
      const worker = new Worker(shardModule.url, {
        workerData: { ...shardModule.workerData, init },
        resourceLimits: { maxYoungGenerationSizeMb: 3 * ENGINE_SEMI_SPACE_MB },
      });
      const serve = serveRendezvous(coordinator, worker);
      // address null: the shard asks about the name before its DNS lookup (the hook's beforeLookup).
      worker.on(
        "message",
        (m: TShardMessage | TRendezvousOpsMessage | { t: "allow?"; id: number; host: string; address: string | null; port?: number }) => {
          if (m.t === "rv") serve(m);
          else if (m.t === "allow?")
            void Promise.resolve<TTargetVerdict>(
              m.address === null ? (allowTarget.beforeLookup?.(m.host, m.port ?? 0) ?? true) : allowTarget(m.host, m.address, m.port),
            ).then(
              (ok) => worker.postMessage({ t: "allow", id: m.id, ok }),
              (e: Error) => worker.postMessage({ t: "allow", id: m.id, ok: `target ${m.host} could not be checked: ${e.message}` }),
            );
          else handle(m);
        },
      );
      worker.on("error", (e) => {
        // A thread that cannot load or crashes takes its share of the VUs with it: an error the run
        // records and the CLI's exit code reports, not a warning a caller may not listen to.
        emitEvent({
          level: "error",
          code: "engine_thread_failed",
          message: `engine thread ${shard} failed: ${e.message}`,
          details: { thread: shard, reason: e.message },
        });
        if (live[shard]) onShardMessage({ t: "done", shard, buckets: [], examples: [], dropped: 0 });
        ready();
      });
      links.push({ send: (c) => worker.postMessage(c), close: () => worker.terminate().then(() => undefined) });
    }
  }
  await Promise.all(readyPromises);

  // --- timeline -----------------------------------------------------------------------------
  startAtMs = nowMs() + 20;
  for (const l of links) l.send({ t: "start", startAtMs });
  const plannedSeconds = planRunSeconds(scenarios);
  const endAt = plannedSeconds === null ? null : startAtMs + plannedSeconds * 1000;
  const graceMs =
    (options.gracefulStopSeconds ?? Math.max(...scenarios.map((s) => s.load.gracefulStopSeconds ?? DEFAULT_GRACEFUL_STOP_SECONDS))) * 1000;

  let outcome: TRunResult["outcome"] = "completed";
  let hardTimer = null as TLongTimer | null; // "as": assigned in beginStop, which TS does not see
  let stopping = false;
  const beginStop = (graceful: number) => {
    if (stopping) return;
    stopping = true;
    for (const l of links) l.send({ t: "stop" });
    // INVARIANT (no deadlock): nobody waits at a rendezvous once the run is stopping.
    coordinator.stop();
    hardTimer = setLongTimeout(() => {
      for (const l of links) l.send({ t: "hard" });
    }, graceful);
  };
  const stop = () => {
    outcome = "stopped";
    beginStop(graceMs);
  };
  onStopReady(stop);
  const onAbort = () => {
    outcome = "stopped";
    beginStop(options.abortGraceSeconds !== undefined ? Math.min(graceMs, options.abortGraceSeconds * 1000) : graceMs);
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const endTimer = endAt === null ? null : setLongTimeout(() => beginStop(graceMs), endAt - nowMs());
  const lateTimer = setInterval(() => {
    if (nowMs() - (emittedUpTo + 1) * 1000 > LATE_SHARD_MS) maybeEmit(true);
  }, 500);

  await allDonePromise;
  endTimer?.clear();
  hardTimer?.clear();
  clearInterval(lateTimer);
  options.signal?.removeEventListener("abort", onAbort);
  coordinator.stop();
  coordinator.finalizeAll();
  const endedAtMs = nowMs();
  // Emit what is left (the last partial second included).
  const lastSecond = Math.floor(endedAtMs / 1000) + 1;
  for (let i = 0; i < shards; i++) upTo[i] = lastSecond;
  if (emittedUpTo === 0) emittedUpTo = Math.floor(startAtMs / 1000);
  while (emittedUpTo < lastSecond) emitSecond(emittedUpTo++);
  mainProbe?.close();
  await Promise.all(links.map((l) => l.close()));

  const summary = summarize(totals.rows(), {
    releases: coordinator.releases(),
    errorExamples: mergeErrorExamples(examples),
  });
  return { summary, startedAtMs: startAtMs, endedAtMs, outcome, droppedIterations: droppedTotal, saturatedSeconds, warnings, runEvents };
}

/** Launch parameters as strings (`overrides.variables`). */
function launchParameters(overrides: TRunOverrides | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides?.variables ?? {})) out[k] = String(v);
  return out;
}

/**
 * Resolve a scenario file's relative paths against the file's folder (used by the CLI): CSV
 * `data.file` and multipart `files[].file`, wherever the request is (init, steps, end, nested).
 */
export function resolveDataFile(scenario: TScenario, scenarioFile: string): TScenario {
  const dir = path.dirname(scenarioFile);
  const resolve = (d: TData): TData => (d.file ? { ...d, file: path.resolve(dir, d.file) } : d);
  let out =
    scenario.data === undefined
      ? scenario
      : { ...scenario, data: Array.isArray(scenario.data) ? scenario.data.map(resolve) : resolve(scenario.data) };
  let hasFiles = false;
  walkSteps(scenario, (step) => {
    if ("request" in step && step.request.multipart?.files?.some((f) => f.file !== undefined)) hasFiles = true;
  });
  if (hasFiles) {
    const steps = (list: TStep[] | undefined): TStep[] | undefined => list?.map(resolveStep);
    const resolveStep = (step: TStep): TStep => {
      if ("request" in step) {
        const m = step.request.multipart;
        if (!m?.files) return step;
        return {
          request: {
            ...step.request,
            multipart: { ...m, files: m.files.map((f) => (f.file !== undefined ? { ...f, file: path.resolve(dir, f.file) } : f)) },
          },
        };
      }
      if ("transaction" in step) return { transaction: { ...step.transaction, steps: steps(step.transaction.steps)! } };
      if ("loop" in step) return { loop: { ...step.loop, steps: steps(step.loop.steps)! } };
      if ("forEach" in step) return { forEach: { ...step.forEach, steps: steps(step.forEach.steps)! } };
      if ("if" in step) return { if: { ...step.if, then: steps(step.if.then)!, ...(step.if.else ? { else: steps(step.if.else)! } : {}) } };
      if ("choose" in step) return { choose: step.choose.map((b) => ({ ...b, steps: steps(b.steps)! })) };
      return step;
    };
    out = {
      ...out,
      steps: steps(out.steps)!,
      ...(out.init ? { init: steps(out.init)! } : {}),
      ...(out.end ? { end: steps(out.end)! } : {}),
    };
  }
  return out;
}
