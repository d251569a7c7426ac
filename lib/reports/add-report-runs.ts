import { prisma } from "@/lib/db/client";
import { reportNotFound, unknownRuns } from "./report-errors";
import { ZReportRunsInput } from "./report.schema";

/** Appends runs to a round (after the ones it has; ids already in it are ignored). */
export async function addReportRuns(reportId: string, input: unknown): Promise<{ added: string[] }> {
  const { runIds } = ZReportRunsInput.parse(input);
  const round = await prisma.report.findUnique({
    where: { id: reportId },
    select: { runs: { select: { runId: true, position: true } } },
  });
  if (!round) throw reportNotFound(reportId);
  const found = await prisma.run.findMany({ where: { id: { in: runIds } }, select: { id: true } });
  const known = new Set(found.map((r) => r.id));
  const missing = runIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw unknownRuns(missing, runIds);

  const present = new Set(round.runs.map((r) => r.runId));
  const next = round.runs.reduce((max, r) => Math.max(max, r.position + 1), 0);
  const added = runIds.filter((id) => !present.has(id));
  await prisma.reportRun.createMany({
    data: added.map((runId, i) => ({ reportId: reportId, runId, position: next + i })),
    skipDuplicates: true,
  });
  await prisma.report.update({ where: { id: reportId }, data: { updatedAt: new Date() } });
  return { added };
}
