import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import type { TRole } from "./roles";
import { forgetToken } from "./token-cache";

/**
 * Revokes one of `userId`'s tokens (admins may pass userId = null to revoke anyone's). Takes effect
 * on the next request: the proxy's token cache forgets it here. Revoking twice is not an error. Audited.
 */
export async function revokeApiToken(tokenId: string, userId: string | null): Promise<{ id: string; name: string }> {
  const token = await prisma.apiToken.findUnique({ where: { id: tokenId } });
  if (!token || (userId !== null && token.userId !== userId)) throw new AppError(AppErrorCode.NOT_FOUND, `Token ${tokenId} not found.`);
  if (!token.revokedAt) await prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  forgetToken(tokenId);
  await recordAudit({ action: "token.revoke", targetType: "apiToken", targetId: token.id, details: { name: token.name } });
  return { id: token.id, name: token.name };
}

/** Whose tokens `actor` may revoke, as revokeApiToken's `userId`: their own; an admin anyone's (null). */
export function revokableTokensOf(actor: { id: string; role: TRole }): string | null {
  return actor.role === "admin" ? null : actor.id;
}
