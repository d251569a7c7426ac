/**
 * JMeter's summariser line, with JMeter's arithmetic (org.apache.jmeter.reporters.Summariser):
 *
 *   summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)
 *
 * - samples right-justified to 6; elapsed = last end − first start, rounded to whole seconds, hh:mm:ss;
 * - rate = samples ÷ elapsed ms × 1000, one decimal (DecimalFormat "#0.0", HALF_EVEN), width 6;
 * - Avg = sum ÷ samples truncated to whole ms; Avg/Min/Max/Err right-justified to 5;
 * - Err % with two decimals (DecimalFormat "#0.00%", HALF_EVEN).
 */

/** The figures a summary line is made of. Times in milliseconds. */
export interface SummaryFigures {
  samples: number;
  errors: number;
  /** Sum of all sample times (ms). */
  sumMs: number;
  minMs: number;
  maxMs: number;
  /** Wall time covered: last sample end − first sample start (ms). */
  elapsedMs: number;
}

/** Avg as JMeter prints it: integer division of the sum by the count. */
export function jmeterAverage(f: Pick<SummaryFigures, "samples" | "sumMs">): number {
  return f.samples === 0 ? 0 : Math.trunc(f.sumMs / f.samples);
}

/**
 * An average as every view shows it (the run page, the report, the CLI's tables): truncated like
 * JMeter's `Avg:` — whole ms from 100 ms on, one decimal below (fast local targets). The rule is
 * written up in lib/run-metrics/figures.ts, which exports it for the web.
 */
export function displayAverageMs(avgMs: number): number {
  if (!Number.isFinite(avgMs)) return avgMs;
  // The 1e-9 absorbs binary noise of a 3-decimal figure (2999.9 × 10 = 29998.999…).
  return avgMs >= 100 ? Math.trunc(avgMs + 1e-9) : Math.trunc(avgMs * 10 + 1e-9) / 10;
}

/** Samples per second over the elapsed wall time; 0 with no samples, Infinity with zero elapsed. */
export function jmeterRate(f: Pick<SummaryFigures, "samples" | "elapsedMs">): number {
  if (f.samples === 0) return 0;
  if (f.elapsedMs <= 0) return Number.POSITIVE_INFINITY;
  return (f.samples / f.elapsedMs) * 1000;
}

/** Error share in percent (not rounded). */
export function errorPercent(f: Pick<SummaryFigures, "samples" | "errors">): number {
  return f.samples === 0 ? 0 : (f.errors / f.samples) * 100;
}

/**
 * Round half to even at `digits` decimals, as java.text.DecimalFormat does by default. Decides on
 * the exact decimal expansion of the double (toFixed is exact), like Java: 0.25 → "0.2" (a real
 * tie), but 0.15 → "0.1" because the double 0.15 is 0.1499999….
 */
export function formatHalfEven(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const text = Math.abs(value).toFixed(Math.min(100, digits + 30));
  const cut = text.indexOf(".") + 1 + digits;
  const kept = text.slice(0, digits === 0 ? cut - 1 : cut);
  const rest = text.slice(cut);
  const lastDigit = Number(kept.replace(".", "").slice(-1));
  let roundUp: boolean;
  if (/^50*$/.test(rest)) roundUp = lastDigit % 2 === 1;
  else roundUp = rest[0] !== undefined && rest[0] >= "5";
  const magnitude = Number(kept) + (roundUp ? 10 ** -digits : 0);
  const result = magnitude.toFixed(digits);
  return negative && Number(result) !== 0 ? `-${result}` : result;
}

/** hh:mm:ss from whole seconds (hours may exceed 99, as in JMeter). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.trunc(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.trunc(s / 3600))}:${pad(Math.trunc((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Elapsed ms rounded to whole seconds the way JMeter does: (elapsed + 500) / 1000, integer. */
export function elapsedSeconds(elapsedMs: number): number {
  return Math.trunc((elapsedMs + 500) / 1000);
}

/** The rest of the line after `summary =`: `N in hh:mm:ss = r/s Avg: … Err: e (p%)`. */
export function formatSummaryFigures(f: SummaryFigures): string {
  const rate = jmeterRate(f);
  const rateText = Number.isFinite(rate) ? formatHalfEven(rate, 1).padStart(6) : "******";
  const min = f.samples === 0 ? 0 : Math.round(f.minMs);
  const max = f.samples === 0 ? 0 : Math.round(f.maxMs);
  return (
    `${String(f.samples).padStart(6)} in ${formatDuration(elapsedSeconds(f.elapsedMs))} = ${rateText}/s` +
    ` Avg: ${String(jmeterAverage(f)).padStart(5)} Min: ${String(min).padStart(5)}` +
    ` Max: ${String(max).padStart(5)} Err: ${String(f.errors).padStart(5)}` +
    ` (${formatHalfEven(errorPercent(f), 2)}%)`
  );
}

/** A whole summariser line: `summary = …` (total so far) or `summary + …` (last interval). */
export function formatSummaryLine(f: SummaryFigures, type: "=" | "+" = "=", name = "summary"): string {
  return `${name} ${type} ${formatSummaryFigures(f)}`;
}
