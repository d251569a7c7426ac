/**
 * Generator health, per second: CPU, event-loop lag and utilisation (per thread, worst one
 * reported), open sockets, memory. A second is flagged `saturated` when the generator itself was
 * the bottleneck, so nobody blames the target for it.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

export interface TGeneratorHealth {
  /** Process CPU (user+sys) over the second, % of one core (up to 100 × cores). */
  cpuPct: number;
  /** Worst thread's event-loop delay p99 over the second, ms. */
  eventLoopLagMs: number;
  /** Worst thread's event-loop utilisation (0…1). */
  eventLoopUtilization: number;
  openSockets: number;
  rssMb: number;
  saturated: boolean;
}

/** Thresholds for `saturated`: a thread busy ≥ 95 % of the second, or p99 loop lag ≥ 50 ms. */
export const SATURATED_ELU = 0.95;
export const SATURATED_LAG_MS = 50;

export interface TThreadHealth {
  eventLoopLagMs: number;
  eventLoopUtilization: number;
}

/** Per-thread probe; `sample()` returns the figures since the previous call. */
export function createThreadProbe(): { sample(): TThreadHealth; close(): void } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  return {
    sample() {
      const next = performance.eventLoopUtilization();
      const diff = performance.eventLoopUtilization(next, elu);
      elu = next;
      const lag = delay.count > 0 ? Math.max(0, delay.percentile(99) / 1e6 - 10) : 0; // minus the resolution
      delay.reset();
      return { eventLoopLagMs: Math.round(lag * 10) / 10, eventLoopUtilization: Math.round(diff.utilization * 1000) / 1000 };
    },
    close() {
      delay.disable();
    },
  };
}

/** Process-wide CPU meter. */
export function createCpuMeter(): () => number {
  let last = process.cpuUsage();
  let lastAt = performance.now();
  return () => {
    const now = process.cpuUsage();
    const at = performance.now();
    const usedUs = now.user - last.user + (now.system - last.system);
    const pct = at > lastAt ? (usedUs / 1000 / (at - lastAt)) * 100 : 0;
    last = now;
    lastAt = at;
    return Math.round(pct * 10) / 10;
  };
}

export function combineHealth(cpuPct: number, threads: TThreadHealth[], openSockets: number): TGeneratorHealth {
  const eventLoopLagMs = Math.max(0, ...threads.map((t) => t.eventLoopLagMs));
  const eventLoopUtilization = Math.max(0, ...threads.map((t) => t.eventLoopUtilization));
  return {
    cpuPct,
    eventLoopLagMs,
    eventLoopUtilization,
    openSockets,
    rssMb: Math.round(process.memoryUsage.rss() / 1048576),
    saturated: eventLoopUtilization >= SATURATED_ELU || eventLoopLagMs >= SATURATED_LAG_MS,
  };
}
