import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { renderLabelCsv } from "@/lib/reports/export-csv";
import { loadSummaryRecords } from "@/lib/reports/load-summary-records";
import { buildLabelRows } from "@/lib/reports/report-sections";
import type { TReportLabelRow } from "@/lib/reports/report.types";

/**
 * A run's per-label table (GET /api/runs/:id/labels.csv and labels.json): the same rows and
 * columns as a report's CSV (lib/reports/export-csv.ts), for this one run. Rows exist once the run
 * has ended (finalizeRun writes them) or was imported. Unknown id → NOT_FOUND.
 */
export async function exportRunLabels(runId: string): Promise<{ name: string; rows: TReportLabelRow[]; csv: string }> {
  const run = await prisma.run.findUnique({ where: { id: runId }, select: { id: true, name: true, status: true, source: true } });
  if (!run) throw new AppError(AppErrorCode.NOT_FOUND, "run not found");
  const rows = buildLabelRows([{ ...run, position: 0, startedAt: null, finishedAt: null }], await loadSummaryRecords([runId]));
  return { name: run.name, rows, csv: renderLabelCsv(rows) };
}
