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

const abortWaiters = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` once when `signal` aborts; returns the function that cancels that. O(1) both ways:
 * thousands of VUs sleeping on the run's one stop signal would each cost a walk of the signal's
 * listener list with addEventListener/removeEventListener (a linked list in Node), which made
 * 10,000 thinking VUs spend most of the generator's CPU there.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let waiters = abortWaiters.get(signal);
  if (!waiters) {
    const set = new Set<() => void>();
    waiters = set;
    abortWaiters.set(signal, set);
    signal.addEventListener(
      "abort",
      () => {
        const all = [...set];
        set.clear();
        for (const f of all) f();
      },
      { once: true },
    );
  }
  const set = waiters;
  set.add(fn);
  return () => void set.delete(fn);
}

/** Sleep that ends early (resolving false) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const cancel = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          resolve(false);
        })
      : null;
    const timer = setTimeout(() => {
      cancel?.();
      resolve(true);
    }, Math.max(0, ms));
  });
}
