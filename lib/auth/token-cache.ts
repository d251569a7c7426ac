import type { TActor } from "./actor";

/**
 * The actors of recently verified API tokens, for TOKEN_CACHE_MS: a CI system polling the API
 * should not cost a database query per request. Revoking a token, changing a user's role and
 * deleting a user clear the affected entries at once (the calls below), so in this process they
 * still apply on the next request; a change made by another process (a script against the same
 * database) applies within TOKEN_CACHE_MS.
 *
 * Kept on globalThis: proxy.ts and the route handlers are separate bundles in one process, each
 * with its own copy of this module, and a revocation in a handler must reach the proxy's cache.
 */
export const TOKEN_CACHE_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface TEntry {
  actor: TActor;
  tokenId: string;
  until: number;
}

const store = globalThis as unknown as { musterpointTokenCache?: Map<string, TEntry> };
const cache = (): Map<string, TEntry> => (store.musterpointTokenCache ??= new Map());

export function cachedTokenActor(tokenHash: string, now = Date.now()): TActor | null {
  const entry = cache().get(tokenHash);
  if (!entry) return null;
  if (entry.until <= now) {
    cache().delete(tokenHash);
    return null;
  }
  return entry.actor;
}

export function cacheTokenActor(tokenHash: string, tokenId: string, actor: TActor, now = Date.now()): void {
  const c = cache();
  // Oldest first (insertion order): a full cache drops the entry that expires soonest.
  if (c.size >= MAX_ENTRIES) c.delete(c.keys().next().value!);
  c.set(tokenHash, { actor, tokenId, until: now + TOKEN_CACHE_MS });
}

/** A token revoked: forget it. */
export function forgetToken(tokenId: string): void {
  for (const [hash, entry] of cache()) if (entry.tokenId === tokenId) cache().delete(hash);
}

/** A user's role changed or the user is gone: forget every token of theirs. */
export function forgetUserTokens(userId: string): void {
  for (const [hash, entry] of cache()) if (entry.actor.id === userId) cache().delete(hash);
}
