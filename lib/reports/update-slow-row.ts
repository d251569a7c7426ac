import { prisma } from "@/lib/db/client";
import { toManualSlowRow } from "./create-slow-row";
import { slowRowNotFound } from "./report-errors";
import { ZSlowRowUpdate } from "./report.schema";
import type { TReportManualSlowRow } from "./report.types";

/** Edits a hand-entered slow-list row of a round. Unknown row (or another round's) → NOT_FOUND. */
export async function updateSlowRow(reportId: string, id: string, input: unknown): Promise<TReportManualSlowRow> {
  const data = ZSlowRowUpdate.parse(input);
  const { count } = await prisma.reportSlowRow.updateMany({ where: { id, reportId: reportId }, data });
  if (count === 0) throw slowRowNotFound(id);
  return toManualSlowRow(await prisma.reportSlowRow.findUniqueOrThrow({ where: { id } }));
}
