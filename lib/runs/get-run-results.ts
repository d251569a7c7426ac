/**
 * The results page (also the API's /results): per-module and per-label tables with JMeter summary
 * lines, slow interfaces, errors by kind with examples, rendezvous releases, thresholds, and a
 * downsampled timeline for the window chart — for the whole run or a window [from, to] of epoch
 * seconds, merged from stored buckets (histograms merged, never averaged percentiles).
 *
 * Whole finished run: the summary stored at the end (instant). A window: 600 s / 60 s rollups plus
 * edge seconds (load-window.ts).
 */
import { prisma } from "@/lib/db/client";
import type { TRunSummary } from "@/lib/engine/metrics/types";
import type { TThreshold } from "@/lib/engine/scenario";
import { getSlowThresholdMs, SLOW_THRESHOLD_SETTING, slowThresholdFromSetting } from "@/lib/settings/get-slow-threshold";
import { slowInterfaces, type TSlowInterface } from "@/lib/run-metrics/slow-interfaces";
import { summarizeRun } from "@/lib/run-metrics/summarize-run";
import { evaluateThresholds, type TThresholdResult } from "@/lib/engine/thresholds";
import { getRunById, toRunRecord, type TRunRecord, type TRunRecordRow } from "./get-run-by-id";
import { rawPool } from "@/lib/run-metrics/raw-pool";
import { AppError, AppErrorCode } from "@/lib/errors";
import { loadErrorExamples, loadReleases, loadRunLabels, loadSecondRange } from "@/lib/run-metrics/load-run-meta";
import { loadWindow } from "@/lib/run-metrics/load-window";
import { FINAL_STATUSES } from "./run.schema";
import {
  cachedFinalResultsBytes,
  finalResultsKey,
  getCachedFinalResults,
  setCachedFinalResults,
  type TFinalResultsEntry,
} from "./final-results-cache";

/** One timeline point: `seconds` seconds starting at `second` (downsampled for long runs). */
export interface TTimelinePoint {
  second: number;
  seconds: number;
  requestsPerSec: number;
  errorsPerSec: number;
  avgMs: number;
  /** The highest per-second p95 of the point's seconds. */
  p95Ms: number;
  activeVus: number;
}

export interface TRunResults {
  run: TRunRecord;
  /** The window the tables cover (epoch seconds, inclusive), or null for the whole run. */
  window: { from: number; to: number } | null;
  /** Seconds that have data: the extent of the chart and of any window. */
  range: { firstSecond: number; lastSecond: number } | null;
  /** Labels, modules, total (with summary lines), rendezvous releases, errors by kind. */
  summary: TRunSummary;
  slowThresholdMs: number;
  /** Request labels whose average is over slowThresholdMs, slowest first. */
  slowInterfaces: TSlowInterface[];
  /** Whole run: stored at the end. A window: evaluated on the window. */
  thresholds: TThresholdResult[];
  /** The whole run, at most TIMELINE_MAX_POINTS points. */
  timeline: TTimelinePoint[];
  /** Server time to compute, ms. */
  computeMs: number;
}

export const TIMELINE_MAX_POINTS = 720;

type TCachedPart = Omit<TRunResults, "run" | "thresholds" | "computeMs">;

export async function getRunResults(
  id: string,
  options: { from?: number; to?: number; slowThresholdMs?: number } = {},
): Promise<TRunResults> {
  const started = performance.now();
  const found = await lookUpFinalResults(id, options);
  if (found.hit) {
    const { run } = found.hit;
    return { ...found.hit.entry.value, run, thresholds: run.thresholdResults ?? [], computeMs: Math.round(performance.now() - started) };
  }
  return computeRunResults(id, options, found, started);
}

/**
 * GET /api/runs/:id/results's body, `{ "data": TRunResults }` as UTF-8 JSON: the same answer as
 * getRunResults, but a cached finished run's part is serialized and encoded once and kept with it.
 * That part (a 200-label summary and the timeline, ≈ 160 KB) took most of a cache hit's CPU when
 * made again for every request: serializing it, then encoding the joined text (≈ 1.1 ms alone,
 * against 0.03 ms to join bytes) (bench/results.md, "direct lane").
 */
export async function getRunResultsBody(
  id: string,
  options: { from?: number; to?: number; slowThresholdMs?: number } = {},
): Promise<Buffer<ArrayBuffer>> {
  const started = performance.now();
  const found = await lookUpFinalResults(id, options);
  if (!found.hit) return Buffer.from(JSON.stringify({ data: await computeRunResults(id, options, found, started) }));
  const { run, entry } = found.hit;
  const fresh = JSON.stringify({ run, thresholds: run.thresholdResults ?? [], computeMs: Math.round(performance.now() - started) });
  // Both are JSON objects: their members joined make one object (no key is in both).
  const cached = cachedFinalResultsBytes(entry);
  if (cached.length <= 2) return Buffer.from(`{"data":${fresh}}`);
  return Buffer.concat([DATA_OPEN, cached.subarray(0, -1), Buffer.from(`,${fresh.slice(1)}}`)]);
}

const DATA_OPEN = Buffer.from('{"data":');

/** A finished run, whole: everything but the run record from memory when seen before (final-results-cache.ts). */
async function lookUpFinalResults(id: string, options: { from?: number; to?: number; slowThresholdMs?: number }): Promise<TLookUp> {
  if (options.from !== undefined || options.to !== undefined) return { cacheKey: null };
  const fresh = await readRunAndSlowThreshold(id);
  const run = fresh.run;
  if (!FINAL_STATUSES.has(run.status)) return { cacheKey: null, fresh };
  const cacheKey = finalResultsKey(run, options.slowThresholdMs ?? fresh.slowThresholdMs);
  const entry = getCachedFinalResults<TCachedPart>(id, cacheKey);
  return entry ? { cacheKey, fresh, hit: { run, entry } } : { cacheKey, fresh };
}

/** What the look-up found; `fresh` (the run record and slow threshold it read) spares a miss reading them again. */
interface TLookUp {
  cacheKey: string | null;
  fresh?: { run: TRunRecord; slowThresholdMs: number };
  hit?: { run: TRunRecord; entry: TFinalResultsEntry<TCachedPart> };
}

async function computeRunResults(
  id: string,
  options: { from?: number; to?: number; slowThresholdMs?: number },
  { cacheKey, fresh }: TLookUp,
  started: number,
): Promise<TRunResults> {
  const isWindow = options.from !== undefined || options.to !== undefined;
  // Independent reads in parallel: each is one round trip (the run and threshold not again when the look-up read them).
  const [run, range, slowThresholdMs, stored] = await Promise.all([
    fresh?.run ?? getRunById(id),
    loadSecondRange(id),
    options.slowThresholdMs ?? fresh?.slowThresholdMs ?? getSlowThresholdMs(),
    prisma.run.findUnique({ where: { id }, select: { thresholds: true, ...(isWindow ? {} : { summary: true }) } }),
  ]);
  const from = options.from ?? range?.firstSecond ?? 0;
  const to = options.to ?? range?.lastSecond ?? 0;
  const timeline = range ? loadTimeline(id, range) : Promise.resolve([]);
  let summary: TRunSummary | null = null;
  let thresholds: TThresholdResult[] = run.thresholdResults ?? [];
  if (!isWindow && FINAL_STATUSES.has(run.status))
    summary = ((stored as { summary?: unknown } | null)?.summary as TRunSummary | null) ?? null;
  if (!summary) {
    // Labels and error examples only when merging: a stored summary already holds them.
    const [merged, releases, labels, examples] = await Promise.all([
      range ? loadWindow(id, from, to) : Promise.resolve(new Map()),
      loadReleases(id, isWindow ? { fromMs: from * 1000, toMs: (to + 1) * 1000 } : undefined),
      loadRunLabels(id),
      loadErrorExamples(id),
    ]);
    summary = summarizeRun({ labels, merged, releases, errorExamples: examples });
    if (isWindow || !FINAL_STATUSES.has(run.status))
      thresholds = evaluateThresholds((stored?.thresholds as unknown as TThreshold[] | null) ?? [], summary);
  }
  const results: TRunResults = {
    run,
    window: isWindow ? { from, to } : null,
    range,
    summary,
    slowThresholdMs,
    slowInterfaces: slowInterfaces(summary.labels, slowThresholdMs),
    thresholds,
    timeline: await timeline,
    computeMs: Math.round(performance.now() - started),
  };
  if (cacheKey !== null && cacheKey === finalResultsKey(run, slowThresholdMs)) {
    const { run: _run, thresholds: _thresholds, computeMs: _ms, ...kept } = results;
    setCachedFinalResults<TCachedPart>(id, cacheKey, kept);
  }
  return results;
}

// What a cache hit still reads, in one round trip on the plain pool: through the Prisma client the
// run record and the setting were two queries costing ≈ 1.7 ms of CPU each, most of a hit's cost
// (bench/results.md, "the dashboard under a crowd"). The same columns as getRunById, of each frozen
// scenario only what the record shows. Timestamps: `timestamp(3)` holding UTC, as in find-runs.ts.
const RUN_AND_SLOW_THRESHOLD_SQL = `
SELECT r.id, r.name, r.status::text AS status, r.source::text AS source,
       r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", r."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
       r."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt", r."cancelRequestedAt" AT TIME ZONE 'UTC' AS "cancelRequestedAt",
       r."heartbeatAt" AT TIME ZONE 'UTC' AS "heartbeatAt", r."workerId", r.error,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('scenarioId', s->'scenarioId', 'version', s->'version', 'moduleId', s->'moduleId',
                                                     'definition', jsonb_build_object('name', s->'definition'->'name', 'module', s->'definition'->'module'))
                                  ORDER BY i), '[]'::jsonb)
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.scenarios) = 'array' THEN r.scenarios ELSE '[]'::jsonb END) WITH ORDINALITY AS e(s, i)) AS scenarios,
       r.overrides, r."thresholdResults", r."startedByName",
       (SELECT value FROM "Setting" WHERE key = $2) AS "slowThresholdSetting"
  FROM "Run" r WHERE r.id = $1`;

async function readRunAndSlowThreshold(id: string): Promise<{ run: TRunRecord; slowThresholdMs: number }> {
  const { rows } = await rawPool().query<TRunRecordRow & { slowThresholdSetting: unknown }>(RUN_AND_SLOW_THRESHOLD_SQL, [
    id,
    SLOW_THRESHOLD_SETTING,
  ]);
  const row = rows[0];
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, "run not found"); // as getRunById
  const { slowThresholdSetting, ...record } = row;
  return { run: toRunRecord(record), slowThresholdMs: slowThresholdFromSetting(slowThresholdSetting) };
}

async function loadTimeline(runId: string, range: { firstSecond: number; lastSecond: number }): Promise<TTimelinePoint[]> {
  const step = Math.max(1, Math.ceil((range.lastSecond - range.firstSecond + 1) / TIMELINE_MAX_POINTS));
  const rows = await prisma.$queryRaw<
    { t: number; n: bigint; samples: bigint | null; errors: bigint | null; sum_ms: number | null; p95: number | null; vus: number | null }[]
  >`SELECT ("second" / ${step}::int) * ${step}::int AS t, count(*) AS n, sum("samples") AS samples, sum("errors") AS errors,
           sum("sumMs") AS sum_ms, max("p95Ms") AS p95, max("activeVus") AS vus
    FROM "RunSecond" WHERE "runId" = ${runId} GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => {
    const samples = Number(r.samples ?? 0);
    return {
      second: Number(r.t),
      seconds: step,
      requestsPerSec: Math.round((samples / step) * 1000) / 1000,
      errorsPerSec: Math.round((Number(r.errors ?? 0) / step) * 1000) / 1000,
      avgMs: samples ? Math.round(((r.sum_ms ?? 0) / samples) * 1000) / 1000 : 0,
      p95Ms: r.p95 ?? 0,
      activeVus: r.vus ?? 0,
    };
  });
}
