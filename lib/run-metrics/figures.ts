/**
 * The definitions every view of a run shares — the runs list, the run header, the window bar, the
 * tables, the chart legend, the daily report, its Markdown/CSV/share page and the API all call
 * these instead of computing their own. The rules (docs/design-notes.md, "One figure, one rule"):
 *
 * - duration: first sample start → last sample end of the run's requests (the total row), in whole
 *   seconds rounded as JMeter's summariser rounds its `in hh:mm:ss` ((ms + 500) ÷ 1000, truncated);
 *   so the header, the runs list and the total's summary line always say the same time;
 * - average: sum ÷ samples kept to 3 decimals in the data (avgMs), shown truncated as JMeter prints
 *   `Avg:` — whole ms from 100 ms on, one decimal below (fast local targets); the slow list
 *   compares the same whole-ms figure, so a listed interface never shows an average at or below
 *   the threshold;
 * - error %: errors ÷ samples × 100 with two decimals, half-even, as JMeter's `Err: n (x.xx%)`,
 *   always from the counts (never from an already rounded percentage);
 * - rendezvous releases: every stored release whose time falls in the covered seconds
 *   ([from, to] epoch seconds, by the second the release happened in).
 *
 * Pure: no Prisma, no React — the client tables import it too.
 */
import { displayAverageMs, elapsedSeconds, formatHalfEven } from "../engine/metrics/summary-line";
import type { TRendezvousRelease } from "../engine/metrics/types";

/** Average as stored in a summary row: sum ÷ samples to 3 decimals (0 without samples). */
export function averageMs(sumMs: number, samples: number): number {
  return samples === 0 ? 0 : Math.round((sumMs / samples) * 1000) / 1000;
}

/**
 * The average as every view shows it (and the slow list compares it): truncated like JMeter's
 * `Avg:`, whole ms from 100 ms on, one decimal below. Kept beside JMeter's arithmetic in the
 * engine so the CLI's tables print the same.
 */
export { displayAverageMs };

/** Error share in percent, two decimals, half-even (JMeter's `#0.00%`), from the counts. */
export function errorPercent(errors: number, samples: number): number {
  return samples === 0 ? 0 : Number(formatHalfEven((errors / samples) * 100, 2));
}

/** Duration in whole seconds from the sample span (ms), JMeter's rounding. */
export function durationSeconds(elapsedMs: number): number {
  return elapsedSeconds(Math.max(0, elapsedMs));
}

/** A run summary's duration in whole seconds (its `elapsedSeconds` is the total's sample span). */
export function summaryDurationSeconds(summary: { elapsedSeconds: number }): number {
  return durationSeconds(Math.round(summary.elapsedSeconds * 1000));
}

/**
 * A run's duration as the runs list and the run header show it: the sample span when the run has
 * samples; else (nothing measured yet, or at all) the wall time from start to finish or to now;
 * null before the start.
 */
export function runDurationSeconds(run: {
  samples: number | null;
  sampleSpanMs: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  nowMs?: number;
}): number | null {
  if (run.samples && run.sampleSpanMs !== null) return durationSeconds(run.sampleSpanMs);
  if (!run.startedAt) return null;
  return Math.max(0, Math.round(((run.finishedAt?.getTime() ?? run.nowMs ?? Date.now()) - run.startedAt.getTime()) / 1000));
}

/** Whether a release (epoch ms) falls in the covered epoch seconds [fromSecond, toSecond]. */
export function isReleaseInSeconds(atMs: number, fromSecond: number, toSecond: number): boolean {
  const second = Math.floor(atMs / 1000);
  return second >= fromSecond && second <= toSecond;
}

/** Number of rendezvous releases (all of them, or those in the covered seconds). */
export function releaseCount(
  rendezvous: readonly { releases: readonly Pick<TRendezvousRelease, "at">[] }[],
  window?: { fromSecond: number; toSecond: number },
): number {
  let n = 0;
  for (const r of rendezvous) for (const x of r.releases) if (!window || isReleaseInSeconds(x.at, window.fromSecond, window.toSecond)) n++;
  return n;
}
