import { prisma } from "@/lib/db/client";
import { fromDay, unknownRuns } from "./report-errors";
import { ZReportCreate } from "./report.schema";

/**
 * Creates a test round (daily report) from a name, a day and runs (kept in the given order). It
 * starts with the module order of the previous report (the latest dated on or before its day), so
 * a team's order carries from day to day.
 * Input is parsed here (callers may pass anything): ZodError = bad input; unknown run ids →
 * INVALID_INPUT naming them.
 */
export async function createReport(input: unknown): Promise<{ id: string; name: string; date: string }> {
  const data = ZReportCreate.parse(input);
  const found = await prisma.run.findMany({ where: { id: { in: data.runIds } }, select: { id: true } });
  const known = new Set(found.map((r) => r.id));
  const missing = data.runIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw unknownRuns(missing, data.runIds);

  const previous = await prisma.report.findFirst({
    where: { date: { lte: fromDay(data.date) } },
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    select: { moduleOrder: true },
  });
  const round = await prisma.report.create({
    data: {
      name: data.name,
      moduleOrder: previous?.moduleOrder ?? [],
      date: fromDay(data.date),
      slowThresholdMs: data.slowThresholdMs,
      notes: data.notes,
      runs: { create: data.runIds.map((runId, position) => ({ runId, position })) },
    },
    select: { id: true, name: true },
  });
  return { ...round, date: data.date };
}
