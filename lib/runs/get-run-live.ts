/**
 * What the live run page polls (every ≤ 2 s): status, elapsed, active VUs, the per-second series
 * since the last second the client has, rendezvous releases, JMeter's live summariser lines, the
 * planned length, the per-label table and, for picked labels, their response time per second.
 * The series and summary lines read RunSecond columns and a SQL aggregate; the label table merges
 * the coarsest stored rollups (load-live-labels.ts), so a poll stays cheap however long the run.
 */
import { prisma } from "@/lib/db/client";
import { planRunSeconds, ZRunOverrides } from "@/lib/engine/scenario";
import type { TReleaseReason } from "@/lib/engine/metrics/types";
import { formatSummaryLine } from "@/lib/engine/metrics/summary-line";
import { AppError, AppErrorCode } from "@/lib/errors";
import { round } from "@/lib/run-metrics/summarize-run";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import type { TRunStatus } from "./get-run-by-id";
import { decodeRunError } from "./run-error-codes";
import { loadIterationLag, type TLagRow } from "./load-iteration-lag";
import { loadLabelSeries, type TLabelSeriesPoint } from "./load-label-series";
import { loadLiveLabels, type TLiveLabelRow } from "./load-live-labels";
import { FINAL_STATUSES, ZFrozenScenarios } from "./run.schema";

/** One second of the run (requests only; transactions and rendezvous waits excluded). */
export interface TLivePoint {
  /** Epoch second. */
  second: number;
  requestsPerSec: number;
  errorsPerSec: number;
  /** 0 when the second had no request. */
  avgMs: number;
  p95Ms: number;
  maxMs: number;
  activeVus: number;
  /** The load generator itself was saturated in this second (mark it: a dip here is ours). */
  saturated: boolean;
}

export interface TLiveRelease {
  name: string;
  /** Epoch ms of the release (mark it on the time axis). */
  at: number;
  released: number;
  reason: TReleaseReason;
  skewMs: number | null;
}

export interface TRunLive {
  id: string;
  name: string;
  status: TRunStatus;
  /** completed/cancelled/failed/interrupted: stop polling, show results. */
  isFinal: boolean;
  cancelRequested: boolean;
  /** English, as getRunById's; errorParts: the same by code. */
  error: string | null;
  errorParts: TCodedMessage[] | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Server clock, epoch ms (freshness = serverTimeMs − (lastSecond + 1) × 1000). */
  serverTimeMs: number;
  /** Wall time since start (until finish), whole seconds. */
  elapsedSeconds: number;
  /** Planned length from the frozen scenarios and overrides (planRunSeconds); null: runs by iterations. */
  plannedSeconds: number | null;
  /** Active VUs of the newest second. */
  activeVus: number;
  /** Newest second in `points` (or the `since` given when none is new): pass it as the next `since`. */
  lastSecond: number | null;
  /** Seconds after `since`, ascending; at most LIVE_MAX_POINTS (the newest). */
  points: TLivePoint[];
  /** Releases in the seconds after `since`. */
  releases: TLiveRelease[];
  /** `summary +` over the last LIVE_INTERVAL_SECONDS seconds. */
  summaryInterval: string | null;
  /** `summary =` since the start. */
  summaryTotal: string | null;
  /** With pacing: iteration start lag per scenario since the start (empty without pacing). */
  iterationLag: TLagRow[];
  /** Request and transaction labels: since the start and over the last 10 written seconds (null when not asked for: `labels=0`). */
  labels: TLiveLabelRow[] | null;
  /** Response time per second of the labels asked for (`series`), seconds after `seriesSince`. */
  labelSeries: TLabelSeriesPoint[];
}

export const LIVE_MAX_POINTS = 3600;
/** Without `since`, the first poll gets this many seconds back. */
export const LIVE_DEFAULT_BACKLOG_SECONDS = 900;
/** How far before `since` releases are sent again: more than a request's default time-out (60 s). */
export const RELEASE_LOOKBACK_SECONDS = 300;
/** JMeter's default summariser interval. */
export const LIVE_INTERVAL_SECONDS = 30;

export async function getRunLive(
  id: string,
  options: { since?: number; series?: number[]; seriesSince?: number; withLabels?: boolean } = {},
): Promise<TRunLive> {
  const run = await prisma.run.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      status: true,
      error: true,
      startedAt: true,
      finishedAt: true,
      cancelRequestedAt: true,
      scenarios: true,
      overrides: true,
    },
  });
  if (!run) throw new AppError(AppErrorCode.NOT_FOUND, "run not found");
  const serverTimeMs = Date.now();
  const newest = await prisma.runSecond.findFirst({
    where: { runId: id },
    orderBy: { second: "desc" },
    select: { second: true, activeVus: true },
  });
  const since = options.since ?? (newest ? newest.second - LIVE_DEFAULT_BACKLOG_SECONDS : 0);
  const rows = newest
    ? await prisma.runSecond.findMany({
        where: { runId: id, second: { gt: since } },
        orderBy: { second: "desc" },
        take: LIVE_MAX_POINTS,
        select: { second: true, samples: true, errors: true, sumMs: true, p95Ms: true, maxMs: true, activeVus: true, saturated: true },
      })
    : [];
  rows.reverse();
  const points: TLivePoint[] = rows.map((r) => ({
    second: r.second,
    requestsPerSec: r.samples,
    errorsPerSec: r.errors,
    avgMs: r.samples ? round(r.sumMs / r.samples, 3) : 0,
    p95Ms: r.p95Ms,
    maxMs: r.maxMs,
    activeVus: r.activeVus,
    saturated: r.saturated,
  }));
  const releases = await prisma.rendezvousRelease.findMany({
    // A release is written once its skew is known (its VUs' next requests sent and answered), so
    // it can arrive after the client already has its second: look back, the client dedupes.
    where: { runId: id, at: { gte: BigInt((since + 1 - RELEASE_LOOKBACK_SECONDS) * 1000) } },
    orderBy: { at: "asc" },
    take: 10_000,
  });
  const firstSecond =
    newest && options.withLabels !== false
      ? await prisma.runSecond.findFirst({ where: { runId: id }, orderBy: { second: "asc" }, select: { second: true } })
      : null;
  const [total, interval, iterationLag, labels, labelSeries] = newest
    ? await Promise.all([
        summaryOf(id),
        summaryOf(id, newest.second - LIVE_INTERVAL_SECONDS),
        loadIterationLag(id, newest.second),
        options.withLabels === false ? null : loadLiveLabels(id, firstSecond?.second ?? newest.second, newest.second),
        options.series?.length
          ? loadLabelSeries(
              id,
              options.series,
              Math.max(options.seriesSince ?? 0, newest.second - LIVE_DEFAULT_BACKLOG_SECONDS),
              newest.second,
            )
          : [],
      ])
    : [null, null, [], null, []];
  const end = run.finishedAt?.getTime() ?? serverTimeMs;
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    isFinal: FINAL_STATUSES.has(run.status),
    cancelRequested: run.cancelRequestedAt !== null,
    ...decodeRunError(run.error),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    serverTimeMs,
    elapsedSeconds: run.startedAt ? Math.max(0, Math.floor((end - run.startedAt.getTime()) / 1000)) : 0,
    plannedSeconds: plannedSecondsOf(run.scenarios, run.overrides),
    activeVus: newest && !FINAL_STATUSES.has(run.status) ? newest.activeVus : 0,
    lastSecond: points.at(-1)?.second ?? options.since ?? null,
    points,
    releases: releases.map((r) => ({ name: r.name, at: Number(r.at), released: r.released, reason: r.reason, skewMs: r.skewMs })),
    summaryInterval: interval ? formatSummaryLine(interval, "+") : null,
    summaryTotal: total ? formatSummaryLine(total, "=") : null,
    iterationLag,
    labels,
    labelSeries,
  };
}

/** null for runs without engine scenarios (imports) or by iterations. */
function plannedSecondsOf(scenarios: unknown, overrides: unknown): number | null {
  const frozen = ZFrozenScenarios.safeParse(scenarios);
  if (!frozen.success) return null;
  const o = ZRunOverrides.safeParse(overrides ?? {});
  return planRunSeconds(
    frozen.data.map((s) => s.definition),
    o.success ? o.data : undefined,
  );
}

/** Summary-line figures of the requests of seconds > afterSecond (all when undefined), in SQL. */
async function summaryOf(runId: string, afterSecond?: number) {
  const agg = await prisma.runSecond.aggregate({
    where: { runId, samples: { gt: 0 }, ...(afterSecond !== undefined ? { second: { gt: afterSecond } } : {}) },
    _sum: { samples: true, errors: true, sumMs: true },
    _min: { minMs: true, firstStartMs: true },
    _max: { maxMs: true, lastEndMs: true },
  });
  const samples = agg._sum.samples ?? 0;
  return {
    samples,
    errors: agg._sum.errors ?? 0,
    sumMs: agg._sum.sumMs ?? 0,
    minMs: agg._min.minMs ?? 0,
    maxMs: agg._max.maxMs ?? 0,
    elapsedMs: samples ? Math.max(0, (agg._max.lastEndMs ?? 0) - (agg._min.firstStartMs ?? 0)) : 0,
  };
}
