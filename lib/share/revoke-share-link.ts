import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";

/** Revokes a share link at once (the next request to it gets 404). Revoking twice is not an error. */
export async function revokeShareLink(linkId: string): Promise<{ id: string; reportId: string }> {
  const link = await prisma.shareLink.findUnique({ where: { id: linkId } });
  if (!link) throw new AppError(AppErrorCode.NOT_FOUND, `Share link ${linkId} not found.`);
  if (!link.revokedAt) {
    await prisma.shareLink.update({ where: { id: linkId }, data: { revokedAt: new Date() } });
    await recordAudit({ action: "share.revoke", targetType: "round", targetId: link.reportId, details: { linkId } });
  }
  return { id: link.id, reportId: link.reportId };
}
