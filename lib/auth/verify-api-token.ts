import { prisma } from "@/lib/db/client";
import type { TActor } from "./actor";
import { API_TOKEN_PREFIX } from "./api-token.schema";
import { cacheTokenActor, cachedTokenActor } from "./token-cache";
import { sha256Hex } from "./token-hash";

/** lastUsedAt is written at most once a minute per token (no write on every request). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor of a bearer API token, or null when it is unknown, revoked or malformed. A token seen
 * in the last few seconds is answered from memory (token-cache.ts: revocation and role changes
 * clear it).
 */
export async function verifyApiToken(token: string): Promise<TActor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = sha256Hex(token);
  const cached = cachedTokenActor(tokenHash);
  if (cached) return cached;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash },
    include: { user: { select: { id: true, name: true, email: true, role: true } } },
  });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch(() => {});
  }
  const actor: TActor = { id: row.user.id, role: row.user.role, name: row.user.name || row.user.email, via: "token" };
  cacheTokenActor(tokenHash, row.id, actor, now);
  return actor;
}
