/**
 * Time source of the engine. Real runs use `REAL_CLOCK`; rendezvous and scheduling tests inject a
 * fake one, so timing logic is tested without sleeping (k6 synctest style).
 */
export interface TClock {
  /** Epoch milliseconds, sub-millisecond precision. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const TIME_ORIGIN = performance.timeOrigin;

/** Epoch ms with µs precision (performance.now is monotonic within a thread). */
export function nowMs(): number {
  return TIME_ORIGIN + performance.now();
}

export const REAL_CLOCK: TClock = {
  now: nowMs,
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Sleep that ends early (resolving false) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
