/**
 * Pacing (LoadRunner's run-time setting): when a VU starts each iteration. Pure scheduling, no
 * timers: the VU loop (executor.ts) asks for the next due time, waits until then (never starting
 * early), and records how late it actually started.
 *
 *   everySeconds: S   iteration k is due at start₀ + k·S (a fixed grid: one slow iteration does not
 *                     shift the later ones, as LoadRunner's "at fixed intervals")
 *   min/max           due at the previous iteration's start + a random interval in [min, max]
 *                     (LoadRunner's "at random intervals")
 *   afterSeconds: S   due S after the previous iteration ended ("after the previous iteration ends")
 *
 * Lag = actual start − due time (≥ 0): in a closed model a slow target delays the next iteration,
 * which hides load the schedule asked for (coordinated omission); the lag shows how much.
 */
import type { TPacing } from "./scenario";

export class Pacer {
  private firstStartMs = 0;
  private k = 0;

  constructor(
    private readonly pacing: TPacing,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * When the next iteration is due. `previous`: the actual start and end of the previous
   * iteration, null before the first (which is due at `nowMs`: the grid starts there).
   */
  nextDue(nowMs: number, previous: { startMs: number; endMs: number } | null): number {
    if (previous === null) {
      this.firstStartMs = nowMs;
      this.k = 0;
      return nowMs;
    }
    this.k++;
    const p = this.pacing;
    if ("everySeconds" in p) return this.firstStartMs + this.k * p.everySeconds * 1000;
    if ("afterSeconds" in p) return previous.endMs + p.afterSeconds * 1000;
    return previous.startMs + (p.min + this.random() * (p.max - p.min)) * 1000;
  }
}
