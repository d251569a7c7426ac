import { prisma } from "@/lib/db/client";
import type { TShareLinkRow } from "./share-link.schema";

/** A report's share links, newest first (the report page lists them with a revoke button). */
export async function findShareLinks(reportId: string, now = new Date()): Promise<TShareLinkRow[]> {
  const rows = await prisma.shareLink.findMany({
    where: { reportId },
    include: { createdBy: { select: { name: true, email: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    reportId: r.reportId,
    createdByName: r.createdBy ? r.createdBy.name || r.createdBy.email : null,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    isActive: !r.revokedAt && (!r.expiresAt || r.expiresAt > now),
  }));
}
