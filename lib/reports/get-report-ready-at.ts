import { prisma } from "@/lib/db/client";

/** When the report was marked ready (ISO), or null; null too for an unknown id. */
export async function getReportReadyAt(id: string): Promise<string | null> {
  const round = await prisma.report.findUnique({ where: { id }, select: { readyAt: true } });
  return round?.readyAt?.toISOString() ?? null;
}
