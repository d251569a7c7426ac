import { prisma } from "@/lib/db/client";
import { isPrismaError } from "@/lib/modules/prisma-errors";
import { fromDay, reportNotFound, toDay } from "./report-errors";
import { ZReportUpdate } from "./report.schema";

/**
 * Renames, re-dates, sets the slow threshold (ms), notes or module order of a round. Unknown id →
 * NOT_FOUND.
 */
export async function updateReport(
  id: string,
  input: unknown,
): Promise<{ id: string; name: string; date: string; slowThresholdMs: number; notes: string; moduleOrder: string[] }> {
  const data = ZReportUpdate.parse(input);
  try {
    const row = await prisma.report.update({
      where: { id },
      data: { ...data, date: data.date === undefined ? undefined : fromDay(data.date) },
    });
    return {
      id: row.id,
      name: row.name,
      date: toDay(row.date),
      slowThresholdMs: row.slowThresholdMs,
      notes: row.notes,
      moduleOrder: row.moduleOrder,
    };
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw reportNotFound(id);
    throw error;
  }
}
