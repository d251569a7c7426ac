import { prisma } from "@/lib/db/client";
import { isPrismaError } from "@/lib/modules/prisma-errors";
import { reportNotFound } from "./report-errors";

/**
 * Deletes a round with its observations and share links (cascade). Its runs stay; problems first
 * reported in it stay too (their round link is cleared, SetNull).
 */
export async function deleteReport(id: string): Promise<void> {
  try {
    await prisma.report.delete({ where: { id } });
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw reportNotFound(id);
    throw error;
  }
}
