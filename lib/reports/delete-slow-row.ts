import { prisma } from "@/lib/db/client";
import { slowRowNotFound } from "./report-errors";

/** Removes a hand-entered slow-list row of a round. */
export async function deleteSlowRow(reportId: string, id: string): Promise<void> {
  const { count } = await prisma.reportSlowRow.deleteMany({ where: { id, reportId: reportId } });
  if (count === 0) throw slowRowNotFound(id);
}
