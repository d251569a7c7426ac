import { prisma } from "@/lib/db/client";
import { toDay } from "./report-errors";

export interface TReportListRow {
  id: string;
  name: string;
  date: string;
  slowThresholdMs: number;
  runCount: number;
  observationCount: number;
  newProblemCount: number;
  updatedAt: string;
}

/** Every round, newest day first. */
export async function findReports(): Promise<TReportListRow[]> {
  const rows = await prisma.report.findMany({
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    include: { _count: { select: { runs: true, observations: true, problems: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    date: toDay(r.date),
    slowThresholdMs: r.slowThresholdMs,
    runCount: r._count.runs,
    observationCount: r._count.observations,
    newProblemCount: r._count.problems,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
