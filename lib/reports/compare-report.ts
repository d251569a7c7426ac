import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { compareRecords, noiseBands, type TCompareRow, type TNoiseBands, type TSideNoise } from "./compare-rule";
import { loadSummaryRecords } from "./load-summary-records";
import { reportNotFound, toDay } from "./report-errors";

/** One side of a comparison: a round (all its runs) or a single run. */
export type TCompareTarget = { reportId: string } | { runId: string };

export interface TCompareSide {
  kind: "report" | "run";
  id: string;
  name: string;
  date: string | null;
  runIds: string[];
  noise: TSideNoise;
}

export interface TComparison {
  current: TCompareSide;
  baseline: TCompareSide;
  bands: TNoiseBands;
  modules: TCompareRow[];
  labels: TCompareRow[];
}

/**
 * A round or run against a baseline round or run: per module and per label, deltas of rate, avg,
 * p95 and err %, flagged when beyond run-to-run noise (compare-rule.ts).
 */
export async function compareReport(current: TCompareTarget, baseline: TCompareTarget): Promise<TComparison> {
  const [cur, base] = await Promise.all([loadSide(current), loadSide(baseline)]);
  const [curRecords, baseRecords] = await Promise.all([loadSummaryRecords(cur.runIds), loadSummaryRecords(base.runIds)]);
  const bands = noiseBands(base.noise, cur.noise);
  return {
    current: cur,
    baseline: base,
    bands,
    modules: compareRecords(baseRecords, curRecords, "module", bands),
    labels: compareRecords(baseRecords, curRecords, "label", bands),
  };
}

async function loadSide(target: TCompareTarget): Promise<TCompareSide> {
  if ("reportId" in target) {
    const round = await prisma.report.findUnique({
      where: { id: target.reportId },
      select: { id: true, name: true, date: true, runs: { select: { runId: true }, orderBy: { position: "asc" } } },
    });
    if (!round) throw reportNotFound(target.reportId);
    const runIds = round.runs.map((r) => r.runId);
    return { kind: "report", id: round.id, name: round.name, date: toDay(round.date), runIds, noise: await sideNoise(runIds) };
  }
  const run = await prisma.run.findUnique({ where: { id: target.runId }, select: { id: true, name: true, startedAt: true } });
  if (!run) throw new AppError(AppErrorCode.NOT_FOUND, `Run ${target.runId} not found.`);
  return {
    kind: "run",
    id: run.id,
    name: run.name,
    date: run.startedAt ? toDay(run.startedAt) : null,
    runIds: [run.id],
    noise: await sideNoise([run.id]),
  };
}

/**
 * Per-second variability of runs from RunSecond (requests of all modules, seconds with samples):
 * the largest per-run CV wins, so one jittery run widens the band for the whole side.
 */
export async function sideNoise(runIds: string[]): Promise<TSideNoise> {
  if (runIds.length === 0) return { rateCv: 0, avgCv: 0, errStdPp: 0, hasSeconds: false };
  const rows = await prisma.$queryRaw<{ rate_cv: number | null; avg_cv: number | null; err_std: number | null; n: number }[]>`
    SELECT
      (stddev_pop(samples) / NULLIF(avg(samples), 0))::float8 AS rate_cv,
      (stddev_pop("sumMs" / samples) / NULLIF(avg("sumMs" / samples), 0))::float8 AS avg_cv,
      stddev_pop(100.0 * errors / samples)::float8 AS err_std,
      count(*)::int AS n
    FROM "RunSecond"
    WHERE "runId" = ANY(${runIds}) AND samples > 0
    GROUP BY "runId"`;
  const usable = rows.filter((r) => r.n >= 2);
  return {
    rateCv: Math.max(0, ...usable.map((r) => r.rate_cv ?? 0)),
    avgCv: Math.max(0, ...usable.map((r) => r.avg_cv ?? 0)),
    errStdPp: Math.max(0, ...usable.map((r) => r.err_std ?? 0)),
    hasSeconds: usable.length > 0,
  };
}
