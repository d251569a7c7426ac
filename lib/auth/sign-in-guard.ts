/**
 * Failed sign-ins, counted in memory (one web process) per account + client address and per account.
 *
 * - Per account and client: after `maxFailuresPerClient` failures in the window that client is refused
 *   for that account until the window ends. Other clients — the account's owner — are not.
 * - Per account, any client: past `slowAfterFailures` failures each further attempt waits
 *   `slowDownMs(n)` before its password is checked, growing to a cap. It slows a guesser who rotates
 *   addresses (X-Forwarded-For) without ever locking the owner out: they wait a few seconds, then get in.
 *
 * Only failures count: the owner signing in uses up nothing, and a success clears their client's count.
 */
export interface TSignInGuardOptions {
  windowMs: number;
  maxFailuresPerClient: number;
  slowAfterFailures: number;
  /** Delay for the n-th failure past slowAfterFailures (n ≥ 1). */
  slowDownMs: (n: number) => number;
}

export type TSignInVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

export interface TSignInGuard {
  check(account: string, client: string, now?: number): TSignInVerdict;
  failed(account: string, client: string, now?: number): void;
  succeeded(account: string, client: string): void;
}

/** Bounds memory under a flood of made-up accounts or addresses. */
const MAX_KEYS = 20_000;

interface TWindow {
  start: number;
  count: number;
}

function createCounter(windowMs: number) {
  const windows = new Map<string, TWindow>();
  const live = (key: string, now: number): TWindow | undefined => {
    const entry = windows.get(key);
    if (entry && now - entry.start >= windowMs) {
      windows.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    get: live,
    add(key: string, now: number) {
      let entry = live(key, now);
      if (!entry) {
        if (windows.size >= MAX_KEYS) {
          for (const [k, e] of windows) if (now - e.start >= windowMs) windows.delete(k);
          if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value as string);
        }
        entry = { start: now, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
    },
    delete: (key: string) => windows.delete(key),
  };
}

export function createSignInGuard(options: TSignInGuardOptions): TSignInGuard {
  const perClient = createCounter(options.windowMs);
  const perAccount = createCounter(options.windowMs);
  // A NUL cannot occur in an email or an address, so the pair key is unambiguous.
  const pair = (account: string, client: string) => `${account}\0${client}`;
  return {
    check(account, client, now = Date.now()) {
      const mine = perClient.get(pair(account, client), now);
      if (mine && mine.count >= options.maxFailuresPerClient) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((mine.start + options.windowMs - now) / 1000)) };
      }
      const overall = perAccount.get(account, now)?.count ?? 0;
      const over = overall - options.slowAfterFailures + 1;
      return { allowed: true, delayMs: over >= 1 ? options.slowDownMs(over) : 0 };
    },
    failed(account, client, now = Date.now()) {
      perClient.add(pair(account, client), now);
      perAccount.add(account, now);
    },
    succeeded(account, client) {
      perClient.delete(pair(account, client));
    },
  };
}
