/**
 * The one run list (the runs page and GET /api/runs): newest runs with what a QA engineer scans
 * for — scenarios and modules, status, start, duration, samples, error share, thresholds, who
 * started it. Totals come from the `total` RunSummaryRow written at the end (one small row per
 * run), not from the Run.summary JSON, which holds every label and would make the list heavy for
 * runs with hundreds of labels. Figures follow lib/run-metrics/figures.ts, as on the run page.
 */
import { prisma } from "../db/client";
import { thresholdsPassed } from "../engine/thresholds";
import { AppError, AppErrorCode, toFieldIssues } from "../errors";
import { errorPercent, runDurationSeconds } from "../run-metrics/figures";
import type { TRunStatus } from "./get-run-by-id";
import { ZFindRunsQuery, type TFindRunsQuery, type TFrozenScenario } from "./run.schema";

export interface TRunRow {
  id: string;
  name: string;
  status: TRunStatus;
  source: string;
  scenarios: string[];
  modules: { id: string; name: string }[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /**
   * Finished with samples: the run's duration (first sample start → last sample end, JMeter's
   * rounding). Otherwise wall seconds from start to finish (or to now while running); null before
   * the start.
   */
  durationSeconds: number | null;
  samples: number | null;
  /** Two decimals, half-even, as JMeter's `Err: n (x.xx%)`. */
  errorPct: number | null;
  thresholdsPassed: boolean | null;
  startedByName: string | null;
}

/** Newest first; `?status=&scenarioId=&take=&skip=` (take 1–200, default 50). */
export async function findRuns(query: TFindRunsQuery = {}): Promise<TRunRow[]> {
  const parsed = ZFindRunsQuery.safeParse(query);
  if (!parsed.success) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid query", toFieldIssues(parsed.error.issues));
  const q = parsed.data;
  const runs = await prisma.run.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(q.scenarioId ? { runScenarios: { some: { scenarioId: q.scenarioId } } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: q.take,
    skip: q.skip,
    select: {
      id: true,
      name: true,
      status: true,
      source: true,
      scenarios: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      thresholdResults: true,
      startedByName: true,
    },
  });
  const totals = runs.length
    ? await prisma.runSummaryRow.findMany({
        where: { runId: { in: runs.map((r) => r.id) }, scope: "total" },
        select: { runId: true, samples: true, errors: true, elapsedMs: true },
      })
    : [];
  const totalByRun = new Map(totals.map((t) => [t.runId, t]));
  const now = Date.now();
  return runs.map((r) => {
    const frozen = (r.scenarios as unknown as TFrozenScenario[] | null) ?? [];
    const modules = new Map<string, string>();
    for (const s of frozen) modules.set(s.moduleId, s.definition?.module ?? s.definition?.name ?? s.moduleId);
    const total = totalByRun.get(r.id);
    const samples = total ? Number(total.samples) : null;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      source: r.source,
      scenarios: frozen.map((s) => s.definition?.name ?? s.scenarioId),
      modules: [...modules.entries()].map(([id, name]) => ({ id, name })),
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationSeconds: runDurationSeconds({ samples, sampleSpanMs: total ? Number(total.elapsedMs) : null, startedAt: r.startedAt, finishedAt: r.finishedAt, nowMs: now }),
      samples,
      errorPct: total && samples !== null ? errorPercent(Number(total.errors), samples) : null,
      thresholdsPassed: thresholdsPassed(r.thresholdResults as { ok: boolean }[] | null),
      startedByName: r.startedByName,
    };
  });
}
