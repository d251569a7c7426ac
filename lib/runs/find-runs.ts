import { prisma } from "../db/client";
import { AppError, AppErrorCode, toFieldIssues } from "../errors";
import type { TRunStatus } from "./get-run-by-id";
import { ZFindRunsQuery, type TFindRunsQuery } from "./run.schema";

export interface TRunListItem {
  id: string;
  name: string;
  status: TRunStatus;
  source: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From the stored summary once finished. */
  samples: number | null;
  errorPct: number | null;
  thresholdsPassed: boolean | null;
}

/** Runs, newest first. */
export async function findRuns(query: TFindRunsQuery = {}): Promise<TRunListItem[]> {
  const parsed = ZFindRunsQuery.safeParse(query);
  if (!parsed.success) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid query", toFieldIssues(parsed.error.issues));
  const q = parsed.data;
  const rows = await prisma.run.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(q.scenarioId ? { runScenarios: { some: { scenarioId: q.scenarioId } } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: q.take,
    skip: q.skip,
    select: { id: true, name: true, status: true, source: true, createdAt: true, startedAt: true, finishedAt: true, summary: true, thresholdResults: true },
  });
  return rows.map((r) => {
    const total = (r.summary as { total?: { samples: number; errorPct: number } } | null)?.total;
    const th = r.thresholdResults as { ok: boolean }[] | null;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      source: r.source,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      samples: total?.samples ?? null,
      errorPct: total?.errorPct ?? null,
      thresholdsPassed: th ? th.every((t) => t.ok) : null,
    };
  });
}
