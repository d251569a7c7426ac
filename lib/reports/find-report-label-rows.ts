import { prisma } from "@/lib/db/client";
import { loadSummaryRecords } from "./load-summary-records";
import { reportNotFound } from "./report-errors";
import { buildLabelRows } from "./report-sections";
import type { TReportLabelRow } from "./report.types";

/** Every label row of a round's runs (the per-label table). Unknown round → NOT_FOUND. */
export async function findReportLabelRows(reportId: string): Promise<{ name: string; date: Date; rows: TReportLabelRow[] }> {
  const round = await prisma.report.findUnique({
    where: { id: reportId },
    select: {
      name: true,
      date: true,
      runs: { select: { position: true, run: { select: { id: true, name: true, status: true, source: true } } } },
    },
  });
  if (!round) throw reportNotFound(reportId);
  const runs = round.runs.map((rr) => ({ ...rr.run, position: rr.position, startedAt: null, finishedAt: null }));
  const records = await loadSummaryRecords(runs.map((r) => r.id));
  return { name: round.name, date: round.date, rows: buildLabelRows(runs, records) };
}
