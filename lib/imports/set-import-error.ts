import { prisma, type Prisma } from "@/lib/db/client";
import type { TStoredImportError } from "@/lib/jmeter/import-error-codes";

/**
 * Replaces a failed import's error text (e.g. with the size-limit message when the body was cut),
 * and its reason's code in Import.report.error (lib/imports/import-error-fields.ts).
 */
export async function setImportError(importId: string, error: string, stored: TStoredImportError | null = null): Promise<void> {
  const row = await prisma.import.findUnique({ where: { id: importId }, select: { report: true } });
  const { error: _old, ...rest } = (
    row?.report && typeof row.report === "object" && !Array.isArray(row.report) ? row.report : {}
  ) as Record<string, unknown>;
  const report = stored ? { ...rest, error: stored } : rest;
  await prisma.import.update({ where: { id: importId }, data: { error, report: report as Prisma.InputJsonValue } });
}
