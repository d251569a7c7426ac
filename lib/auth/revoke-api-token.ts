import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { forgetToken } from "./token-cache";

/**
 * Revokes one of `userId`'s tokens (admins may pass userId = null to revoke anyone's). Takes effect
 * on the next request: the proxy's token cache forgets it here. Revoking twice is not an error.
 */
export async function revokeApiToken(tokenId: string, userId: string | null): Promise<{ id: string; name: string }> {
  const token = await prisma.apiToken.findUnique({ where: { id: tokenId } });
  if (!token || (userId !== null && token.userId !== userId)) throw new AppError(AppErrorCode.NOT_FOUND, `Token ${tokenId} not found.`);
  if (!token.revokedAt) await prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  forgetToken(tokenId);
  return { id: token.id, name: token.name };
}
