import { sha256Hex } from "@/lib/auth/token-hash";
import { prisma } from "@/lib/db/client";

/**
 * The report a share token opens: `{ roundId }`, or null when the token is unknown, revoked or
 * expired (callers answer 404 alike, so a probe learns nothing). The share page must show this one
 * round and nothing else — no navigation, no links into the signed-in app.
 */
export async function resolveShareLink(token: string, now = new Date()): Promise<{ linkId: string; roundId: string; expiresAt: Date | null } | null> {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const link = await prisma.shareLink.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!link || link.revokedAt) return null;
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return null;
  return { linkId: link.id, roundId: link.roundId, expiresAt: link.expiresAt };
}
