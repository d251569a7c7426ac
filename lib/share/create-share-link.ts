import { recordAudit } from "@/lib/audit/record-audit";
import { getActor } from "@/lib/auth/get-actor";
import { generateSecretToken, sha256Hex } from "@/lib/auth/token-hash";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { ZCreateShareLink, type TShareLinkRow } from "./share-link.schema";

/**
 * A read-only link to one report (test round): `/share/<token>`. The token (32 random bytes) is
 * returned once; only its sha256 is stored. Expires after `expiresInDays` (default 7, at most 90).
 */
export async function createShareLink(input: unknown, now = new Date()): Promise<{ token: string; path: string; link: TShareLinkRow }> {
  const { reportId, expiresInDays } = ZCreateShareLink.parse(input);
  const round = await prisma.report.findUnique({ where: { id: reportId }, select: { id: true, name: true } });
  if (!round) throw new AppError(AppErrorCode.NOT_FOUND, `Report ${reportId} not found.`);
  const actor = await getActor();
  const token = generateSecretToken();
  const row = await prisma.shareLink.create({
    data: {
      tokenHash: sha256Hex(token),
      reportId,
      createdById: actor?.id ?? null,
      expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000),
    },
  });
  await recordAudit({
    action: "share.create",
    targetType: "round",
    targetId: reportId,
    details: { linkId: row.id, round: round.name, expiresAt: row.expiresAt },
  });
  return {
    token,
    path: `/share/${token}`,
    link: {
      id: row.id,
      reportId,
      createdByName: actor?.name ?? null,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      revokedAt: null,
      isActive: true,
    },
  };
}
