/**
 * The worker as controller (when MUSTERPOINT_NATS_URL is set): one NATS connection, the agent
 * registry, and the execution of runs that have RunAgent rows (run-on-agents.ts) with their
 * merges, events and final status. A controller that starts while a run on agents is `running`
 * with a stale heartbeat (its controller died) takes it over and finishes it: the agents keep
 * publishing to JetStream meanwhile, and every second is merged once (merge-agent-second.ts).
 */
import type { NatsConnection } from "@nats-io/transport-node";
import { prisma } from "../db/client";
import type { TScenario, TRunOverrides } from "../engine/scenario";
import { ZRunOverrides } from "../engine/scenario";
import { scenarioEnv } from "../env";
import type { TCodedMessage } from "../i18n/coded-messages";
import { finalizeRun } from "../runs/finalize-run";
import { decodeRunError, encodeRunError, runError } from "../runs/run-error-codes";
import { ZFrozenScenarios } from "../runs/run.schema";
import { writeRunSeconds } from "../run-metrics/write-run-seconds";
import { assertRunTargetsAllowed } from "../security/assert-targets-allowed";
import { getTargetAllowList } from "../security/get-target-allow-list";
import { startAgentRegistry, type TAgentRegistry } from "./agent-registry";
import { mergeAgentSecond, RunLabelIndex } from "./merge-agent-second";
import { connectNats } from "./nats-connect";
import { LOST_AFTER_MS, PROTOCOL_VERSION, type TAgentSecond, type TReleaseMode } from "./protocol";
import { runOnAgents, type TAgentRelease, type TAgentsRunResult } from "./run-on-agents";

export interface TAgentRunInput {
  id: string;
  scenarios: unknown;
  overrides: unknown;
}

export interface TAgentRunOptions {
  workerId: string;
  shutdownSignal?: AbortSignal;
  log?: (message: string) => void;
  env?: Record<string, string | undefined>;
}

export interface TAgentController {
  nc: NatsConnection;
  registry: TAgentRegistry;
  /** Whether the run was launched on agents (has RunAgent rows). */
  isAgentRun(runId: string): Promise<boolean>;
  execute(run: TAgentRunInput, o: TAgentRunOptions, resume?: boolean): Promise<"completed" | "cancelled" | "failed" | "interrupted">;
  /** Take over runs on agents whose controller died (stale heartbeat); returns their ids. */
  resumeOrphans(o: TAgentRunOptions): Promise<string[]>;
  close(): Promise<void>;
}

/** A controller's heartbeat older than this means it is gone (it beats every second). */
const TAKE_OVER_AFTER_S = 3;

export async function isAgentRun(runId: string): Promise<boolean> {
  return (await prisma.runAgent.count({ where: { runId } })) > 0;
}

export async function startAgentController(
  url: string,
  log: (m: string) => void = () => undefined,
  releaseMode?: TReleaseMode,
): Promise<TAgentController> {
  const nc = await connectNats({ url, name: "musterpoint-controller" });
  const registry = startAgentRegistry(nc, log);
  const controller: TAgentController = {
    nc,
    registry,
    isAgentRun,
    execute: (run, o, resume = false) => executeAgentRun(nc, registry, run, o, resume, releaseMode),
    async resumeOrphans(o) {
      const rows = await prisma.$queryRaw<TAgentRunInput[]>`
        UPDATE "Run" SET "workerId" = ${o.workerId}, "heartbeatAt" = now()
         WHERE "status" = 'running' AND "heartbeatAt" < now() - make_interval(secs => ${TAKE_OVER_AFTER_S})
           AND EXISTS (SELECT 1 FROM "RunAgent" a WHERE a."runId" = "Run"."id")
        RETURNING "id", "scenarios", "overrides"`;
      for (const run of rows) {
        o.log?.(`run ${run.id}: its controller is gone; taking over`);
        await controller.execute(run, o, true);
      }
      return rows.map((r) => r.id);
    },
    async close() {
      await registry.close();
      await nc.drain().catch(() => undefined);
    },
  };
  return controller;
}

async function executeAgentRun(
  nc: NatsConnection,
  registry: TAgentRegistry,
  run: TAgentRunInput,
  o: TAgentRunOptions,
  resume: boolean,
  releaseMode: TReleaseMode | undefined,
): Promise<"completed" | "cancelled" | "failed" | "interrupted"> {
  const log = (m: string) => o.log?.(`run ${run.id}: ${m}`);
  const fail = async (error: TCodedMessage) => {
    await finalizeRun(run.id, { status: "failed", errors: [error], onlyIfStatus: ["running"] });
    log(`failed: ${decodeRunError(encodeRunError([error])).error}`);
    return "failed" as const;
  };
  const frozen = ZFrozenScenarios.safeParse(run.scenarios);
  const overrides = ZRunOverrides.optional().safeParse(run.overrides ?? undefined);
  if (!frozen.success || !overrides.success) return fail(runError("frozen_invalid", {}));
  const scenarios: TScenario[] = frozen.data.map((f) => f.definition as TScenario);
  const env = o.env ?? scenarioEnv();
  const params = overrides.data?.variables;
  const rows = await prisma.runAgent.findMany({
    where: { runId: run.id },
    orderBy: { vuFrom: "asc" },
    select: { name: true, lostAt: true },
  });
  const agents = rows.map((r) => r.name);
  let allowList;
  try {
    // Checked by the controller before dispatch; every agent checks again with the same rules.
    allowList = await getTargetAllowList();
    await assertRunTargetsAllowed(scenarios, allowList, { env, ...(params ? { params } : {}) });
  } catch (e) {
    return fail(runError("targets_refused", { detail: (e as Error).message }));
  }
  if (!resume) {
    const absent = agents.filter((a) => {
      const seen = registry.presence(a).lastSeenMs;
      return seen === undefined || Date.now() - seen > LOST_AFTER_MS;
    });
    if (absent.length) {
      // Just started: give heartbeats a moment to arrive before calling them absent.
      await new Promise((r) => setTimeout(r, 1500));
      const still = absent.filter((a) => registry.presence(a).lastSeenMs === undefined);
      if (still.length) return fail(runError("agents_not_connected", { count: still.length, agents: still.join(", ") }));
    }
    // Another protocol (an agent not upgraded with its controller) would run a different share,
    // e.g. without its leased CSV rows: refuse before any load.
    const other = await prisma.agent.findMany({
      where: { name: { in: agents }, version: { not: PROTOCOL_VERSION } },
      select: { name: true, version: true },
    });
    if (other.length)
      return fail(
        runError("agents_protocol", {
          agents: other.map((a) => `${a.name} (${a.version})`).join(", "),
          version: PROTOCOL_VERSION,
        }),
      );
  }

  const labels = new RunLabelIndex(run.id);
  type THealth = {
    seconds: number;
    samples: number;
    saturatedSeconds: number;
    maxCpuPct: number;
    maxEventLoopLagMs: number;
    lastSecond: number | null;
    releases: number;
    skewsMs: number[];
    maxSkewMs: number | null;
  };
  const health = new Map<string, THealth>();
  const healthOf = (name: string): THealth => {
    let h = health.get(name);
    if (!h)
      health.set(
        name,
        (h = {
          seconds: 0,
          samples: 0,
          saturatedSeconds: 0,
          maxCpuPct: 0,
          maxEventLoopLagMs: 0,
          lastSecond: null,
          releases: 0,
          skewsMs: [],
          maxSkewMs: null,
        }),
      );
    return h;
  };
  const healthDirty = new Set<string>();
  const onAgentSecond = async (s: TAgentSecond) => {
    const merged = await mergeAgentSecond(s, labels);
    if (!merged) return;
    const h = healthOf(s.agent);
    h.seconds++;
    h.samples += s.buckets.reduce((n, b) => n + (b.kind === "request" ? b.count : 0), 0);
    if (s.saturated) h.saturatedSeconds++;
    h.maxCpuPct = Math.max(h.maxCpuPct, s.cpuPct);
    h.maxEventLoopLagMs = Math.max(h.maxEventLoopLagMs, s.eventLoopLagMs);
    h.lastSecond = Math.max(h.lastSecond ?? 0, s.second);
    healthDirty.add(s.agent);
  };
  const flushHealth = async () => {
    const names = [...healthDirty];
    healthDirty.clear();
    for (const name of names) {
      const h = health.get(name)!;
      // Keep what was there (start time, clock, leased rows) and add the running figures; merged in
      // SQL, so a lease recorded meanwhile (onRowLease) is never overwritten.
      await prisma.$executeRaw`
        UPDATE "RunAgent" SET "health" = coalesce("health", '{}'::jsonb) || ${JSON.stringify(h)}::jsonb
         WHERE "runId" = ${run.id} AND "name" = ${name}`;
    }
  };
  /** Taking over: the highest position leased per data set, over every agent (lost ones too). */
  const leasedRows: Record<string, number> = {};
  if (resume) {
    for (const r of await prisma.runAgent.findMany({ where: { runId: run.id }, select: { name: true, health: true } })) {
      if (!r.health || typeof r.health !== "object") continue;
      const { rowLeases, ...figures } = r.health as Record<string, unknown> & { rowLeases?: Record<string, number> };
      // Seconds merged before the restart count in the health figures too.
      Object.assign(healthOf(r.name), figures);
      for (const [key, to] of Object.entries(rowLeases ?? {})) leasedRows[key] = Math.max(leasedRows[key] ?? 0, to);
    }
  }
  // Written before the rows go out (run-on-agents.ts): only ever raised, whatever the order of commits.
  const onRowLease = async (name: string, key: string, to: number) => {
    await prisma.$executeRaw`
      UPDATE "RunAgent" SET "health" = coalesce("health", '{}'::jsonb) || jsonb_build_object('rowLeases',
             coalesce("health"->'rowLeases', '{}'::jsonb) || jsonb_build_object(${key}::text, GREATEST(coalesce(("health"->'rowLeases'->>${key}::text)::bigint, 0), ${to}::bigint)))
       WHERE "runId" = ${run.id} AND "name" = ${name}`;
  };

  const writes: Promise<unknown>[] = [];
  const onRelease = (r: TAgentRelease) => {
    // Per agent: its skew for this release (its last VU's request sent − T), the latest 500 kept.
    for (const [name, skew] of Object.entries(r.skewByAgent)) {
      const h = healthOf(name);
      h.releases++;
      if (skew !== null) {
        h.skewsMs = [...h.skewsMs.slice(-499), skew];
        h.maxSkewMs = Math.max(h.maxSkewMs ?? skew, skew);
      }
      healthDirty.add(name);
    }
    writes.push(
      writeRunSeconds(run.id, { labels: [], seconds: [], releases: [{ name: r.name, ...r.release }] }).catch((e: Error) =>
        log(`release not recorded: ${e.message}`),
      ),
    );
  };
  const onAgentLost = async (name: string, atMs: number) => {
    const at = new Date(atMs);
    await prisma.runAgent.update({ where: { runId_name: { runId: run.id, name } }, data: { lostAt: at } });
    await prisma.runEvent.createMany({
      data: [
        {
          runId: run.id,
          at,
          level: "warning",
          code: "agent_lost",
          message: `agent ${name} lost at ${at.toISOString()}; its VUs were not re-dispatched`,
          details: { agent: name },
        },
      ],
      skipDuplicates: true,
    });
  };
  const onStart = async (startAtMs: number, clocks: Record<string, { offsetMs: number; rttMs: number }>) => {
    for (const name of agents) {
      // Merged: the first rows were leased already, while the agents pre-warmed.
      const start = { startAtMs, clockOffsetMs: clocks[name]?.offsetMs ?? null, rttMs: clocks[name]?.rttMs ?? null };
      await prisma.$executeRaw`
        UPDATE "RunAgent" SET "health" = coalesce("health", '{}'::jsonb) || ${JSON.stringify(start)}::jsonb
         WHERE "runId" = ${run.id} AND "name" = ${name}`;
    }
  };

  const abort = new AbortController();
  let cancelled = false;
  let interrupted = false;
  const beat = setInterval(() => {
    void (async () => {
      try {
        const r = await prisma.$queryRaw<{ cancelRequestedAt: Date | null }[]>`
          UPDATE "Run" SET "heartbeatAt" = now() WHERE "id" = ${run.id} AND "workerId" = ${o.workerId} RETURNING "cancelRequestedAt"`;
        if (!cancelled && r[0]?.cancelRequestedAt) {
          cancelled = true;
          log("cancel requested");
          abort.abort();
        }
        await flushHealth();
      } catch {
        // database away: next beat
      }
    })();
  }, 1000);
  const onShutdown = () => {
    interrupted = true;
    abort.abort();
  };
  o.shutdownSignal?.addEventListener("abort", onShutdown, { once: true });

  let result: TAgentsRunResult | null = null;
  let error: string | null = null;
  try {
    result = await runOnAgents({
      nc,
      runId: run.id,
      scenarios,
      ...(overrides.data ? { overrides: overrides.data as TRunOverrides } : {}),
      agents,
      allowList,
      env,
      signal: abort.signal,
      abortGraceSeconds: 0.5,
      presence: (name) => registry.presence(name),
      onAgentSecond,
      onRelease,
      onAgentLost,
      onStart,
      onRowLease,
      ...(resume ? { leasedRows } : {}),
      resume,
      ...(releaseMode ? { releaseMode } : {}),
      log,
    });
  } catch (e) {
    error = (e as Error).message;
    log(`failed: ${error}`);
  }
  clearInterval(beat);
  o.shutdownSignal?.removeEventListener("abort", onShutdown);
  await Promise.all(writes);
  await flushHealth().catch(() => undefined);
  const status = cancelled ? "cancelled" : interrupted ? "interrupted" : error ? "failed" : "completed";
  const notes = [
    error !== null ? runError("agents_failed", { detail: error }) : null,
    result?.lost.length ? runError("agents_lost", { agents: result.lost.join(", ") }) : null,
  ].filter((n) => n !== null);
  const startedAt = await prisma.runAgent.findFirst({ where: { runId: run.id }, select: { health: true } });
  const startAtMs = (startedAt?.health as { startAtMs?: number } | null)?.startAtMs ?? result?.startedAtMs;
  await finalizeRun(run.id, {
    status,
    errors: notes,
    errorExamples: result?.errorExamples ?? [],
    ...(result && startAtMs !== undefined ? { elapsedSeconds: Math.round(result.endedAtMs - startAtMs) / 1000 } : {}),
    onlyIfStatus: ["running", "interrupted"],
    onlyIfWorkerId: o.workerId,
  });
  log(status);
  return status;
}
