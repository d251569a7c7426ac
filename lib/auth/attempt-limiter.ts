/**
 * A fixed-window counter per key, in memory (one web process). Sign-in uses it per account on top
 * of better-auth's per-address limit: an attacker who rotates X-Forwarded-For still gets only
 * `max` guesses per account per window.
 */
export interface TAttemptLimiter {
  hit(key: string, now?: number): { allowed: boolean; retryAfterSeconds: number };
}

const MAX_KEYS = 10_000;

export function createAttemptLimiter(options: { max: number; windowMs: number }): TAttemptLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      let entry = windows.get(key);
      if (!entry || now - entry.start >= options.windowMs) {
        if (windows.size >= MAX_KEYS) {
          for (const [k, e] of windows) if (now - e.start >= options.windowMs) windows.delete(k);
          if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value as string);
        }
        entry = { start: now, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
      const retryAfterSeconds = Math.ceil((entry.start + options.windowMs - now) / 1000);
      return entry.count <= options.max ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds };
    },
  };
}
