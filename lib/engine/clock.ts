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

/**
 * The longest delay Node's setTimeout honours (2^31-1 ms ≈ 24.8 days); a longer one fires after
 * 1 ms with a TimeoutOverflowWarning, which once ended a 30-day soak at once as "completed".
 * Every scenario-controlled wait goes through `sleep`, `setLongTimeout` or `REAL_CLOCK`, which
 * wait in chunks of at most this.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A timer of any length (chunked past MAX_TIMER_MS); `clear()` cancels it. */
export interface TLongTimer {
  clear(): void;
}

/**
 * setTimeout without the 24.8-day limit. `unref`: as Node's timer.unref (the timer alone keeps
 * no process alive).
 */
export function setLongTimeout(fn: () => void, ms: number, unref = false): TLongTimer {
  let timer: ReturnType<typeof setTimeout>;
  const arm = (left: number) => {
    timer = left > MAX_TIMER_MS ? setTimeout(() => arm(left - MAX_TIMER_MS), MAX_TIMER_MS) : setTimeout(fn, Math.max(0, left));
    if (unref) timer.unref?.();
  };
  arm(ms);
  return { clear: () => clearTimeout(timer) };
}

/** Epoch ms with µs precision (performance.now is monotonic within a thread). */
export function nowMs(): number {
  return TIME_ORIGIN + performance.now();
}

export const REAL_CLOCK: TClock = {
  now: nowMs,
  setTimeout: (fn, ms) => setLongTimeout(fn, ms, true),
  clearTimeout: (h) => (h as TLongTimer).clear(),
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

/** Sleep that ends early (resolving false) when the signal aborts; any length (chunked). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  // Chunked by recursion: a short sleep (think time, the hot path) costs what it did before.
  if (ms > MAX_TIMER_MS) return sleep(MAX_TIMER_MS, signal).then((ok) => (ok ? sleep(ms - MAX_TIMER_MS, signal) : false));
  return new Promise((resolve) => {
    const cancel = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          resolve(false);
        })
      : null;
    const timer = setTimeout(
      () => {
        cancel?.();
        resolve(true);
      },
      Math.max(0, ms),
    );
  });
}
