/**
 * Execute one claimed run: the engine with the frozen scenarios + overrides and an AbortSignal,
 * every second persisted as it comes (persist-metrics.ts), heartbeat + cancel polling, then the
 * final status and summary (finalizeRun).
 *
 * Final status: `cancelled` (cancel requested), `interrupted` (the worker is shutting down:
 * SIGTERM stops the run gracefully and keeps its data — it is not restarted), `failed` (the engine
 * threw, or the frozen scenarios are invalid), else `completed`.
 */
import { runLoad, type TRunLoadOptions, type TRunResult, type TRunSnapshot } from "../engine/run-load";
import { ZRunOverrides, type TRunOverrides, type TScenario } from "../engine/scenario";
import type { TErrorExamples } from "../engine/metrics/recorder";
import { scenarioEnv } from "../env";
import { addRunEvent } from "../runs/add-run-event";
import { finalizeRun } from "../runs/finalize-run";
import { runError } from "../runs/run-error-codes";
import { assertRunTargetsAllowed } from "../security/assert-targets-allowed";
import { getTargetAllowList } from "../security/get-target-allow-list";
import { allowTargetFor } from "../security/target-allow-list";
import { ZFrozenScenarios } from "../runs/run.schema";
import type { TClaimedRun } from "./claim-next-run";
import { startHeartbeat } from "./heartbeat";
import { MetricWriter, type TLoadSecond } from "./persist-metrics";
import { isAgentRun, type TAgentController } from "../agents/agent-controller";

/** The engine entry, injectable for tests (default: lib/engine runLoad). */
export type TStartLoad = (options: TRunLoadOptions) => { stop(): void; done: Promise<TRunResult> };

export interface TExecuteOptions {
  workerId: string;
  /** Aborted when the worker shuts down (SIGTERM). */
  shutdownSignal?: AbortSignal;
  startLoad?: TStartLoad;
  /** Passed to runLoad (tests use 0: VUs in this thread). */
  engineWorkers?: number;
  log?: (message: string) => void;
  /** What `${__env(NAME)}` reads (tests); default: scenarioEnv() from lib/env.ts. */
  env?: Record<string, string | undefined>;
  /** The controller of load generator agents (MUSTERPOINT_NATS_URL set). */
  agents?: TAgentController;
}

/** How long in-flight requests may finish after a cancel (the worker sees it within 1 s). */
const CANCEL_GRACE_SECONDS = 0.5;

export type TExecuteOutcome = "completed" | "cancelled" | "failed" | "interrupted";

export async function executeRun(run: TClaimedRun, o: TExecuteOptions): Promise<TExecuteOutcome> {
  const log = (m: string) => o.log?.(`run ${run.id}: ${m}`);
  // Launched on agents (RunAgent rows): the controller runs it (lib/agents/agent-controller.ts).
  if (await isAgentRun(run.id)) {
    if (o.agents) return o.agents.execute(run, o);
    await finalizeWithRetry(run.id, { status: "failed", errors: [runError("agents_no_nats", {})] }, log);
    return "failed";
  }
  const frozen = ZFrozenScenarios.safeParse(run.scenarios);
  const overrides = ZRunOverrides.optional().safeParse(run.overrides ?? undefined);
  if (!frozen.success || !overrides.success) {
    await finalizeWithRetry(run.id, { status: "failed", errors: [runError("frozen_invalid", {})] }, log);
    return "failed";
  }
  const scenarios: TScenario[] = frozen.data.map((f) => f.definition as TScenario);
  // `__env` reads only the variables MUSTERPOINT_SCENARIO_ENV names, never the worker's whole
  // environment (DATABASE_URL and the auth secret live there).
  const env = o.env ?? scenarioEnv();
  const params = overrides.data?.variables;
  // Run-time target check against the allow-list as it is now (it may have changed since launch),
  // templated targets filled in as the engine will; the engine checks every connection too.
  let allowTarget: TRunLoadOptions["allowTarget"];
  try {
    const list = await getTargetAllowList();
    await assertRunTargetsAllowed(scenarios, list, { env, ...(params ? { params } : {}) });
    allowTarget = allowTargetFor(list);
  } catch (e) {
    await finalizeWithRetry(run.id, { status: "failed", errors: [runError("targets_refused", { detail: (e as Error).message })] }, log);
    return "failed";
  }
  const writer = new MetricWriter(run.id, { log });
  const controller = new AbortController();
  let cancelled = false;
  let interrupted = false;
  const heartbeat = startHeartbeat(run.id, o.workerId, () => {
    cancelled = true;
    log("cancel requested");
    controller.abort();
  });
  const onShutdown = () => {
    interrupted = true;
    controller.abort();
  };
  if (o.shutdownSignal?.aborted) onShutdown();
  o.shutdownSignal?.addEventListener("abort", onShutdown, { once: true });

  let error: string | null = null;
  let result: TRunResult | null = null;
  const eventWrites: Promise<void>[] = [];
  try {
    const start = o.startLoad ?? runLoad;
    const handle = start({
      scenarios,
      ...(overrides.data ? { overrides: overrides.data as TRunOverrides } : {}),
      signal: controller.signal,
      allowTarget,
      env,
      // A cancel (or SIGTERM) must end the run within 2 s: in-flight requests get half a second.
      abortGraceSeconds: CANCEL_GRACE_SECONDS,
      onSecond: (s) => writer.push(toLoadSecond(s)),
      onEvent: (e) =>
        eventWrites.push(addRunEvent(run.id, e).catch((err: Error) => log(`could not store event ${e.code}: ${err.message}`))),
      ...(o.engineWorkers !== undefined ? { workers: o.engineWorkers } : {}),
    });
    result = await handle.done;
  } catch (e) {
    error = (e as Error).message ?? String(e);
    log(`engine failed: ${error}`);
  }
  o.shutdownSignal?.removeEventListener("abort", onShutdown);
  // Write every buffered second before the summary; keep trying while the database is away.
  while (!(await writer.drain(30_000))) log(`still waiting for the database to write ${writer.bufferedSeconds} buffered second(s)`);
  writer.close();
  await Promise.all(eventWrites);
  heartbeat.stop();
  const ended: TExecuteOutcome = cancelled ? "cancelled" : interrupted ? "interrupted" : error ? "failed" : "completed";
  const errorExamples: TErrorExamples[] = (result?.summary.errors ?? []).map((e) => ({
    label: e.label,
    kind: e.kind,
    examples: e.examples,
  }));
  const notes = [
    error !== null ? runError("engine_failed", { detail: error }) : interrupted ? runError("worker_stopped", {}) : null,
    writer.droppedSeconds ? runError("metrics_dropped", { seconds: writer.droppedSeconds }) : null,
  ].filter((n) => n !== null);
  // `completed` becomes `failed` when no request succeeded (finalizeRun says why).
  const status = await finalizeWithRetry(
    run.id,
    {
      status: ended,
      errors: notes,
      errorExamples,
      // `interrupted` too: after a long database outage another worker may have taken this run
      // for orphaned before our heartbeat came back; the run is still ours and complete.
      onlyIfStatus: ["running", "interrupted"],
      onlyIfWorkerId: o.workerId,
    },
    log,
  );
  log(status);
  return status;
}

function toLoadSecond(s: TRunSnapshot): TLoadSecond {
  return {
    second: s.second,
    buckets: s.buckets,
    activeVus: s.activeVus,
    droppedIterations: s.droppedIterations,
    releases: s.releases.map((r) => ({ name: r.name, ...r.release })),
    cpuPct: s.health.cpuPct,
    eventLoopLagMs: s.health.eventLoopLagMs,
    openSockets: s.health.openSockets,
    saturated: s.health.saturated,
  };
}

async function finalizeWithRetry(
  runId: string,
  options: Parameters<typeof finalizeRun>[1],
  log: (m: string) => void,
): Promise<TExecuteOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await finalizeRun(runId, options)).status;
    } catch (e) {
      if (attempt >= 60) {
        log(`could not finalise: ${(e as Error).message}`);
        return options.status;
      }
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
    }
  }
}
