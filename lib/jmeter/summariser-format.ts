/**
 * The summariser line as JMeter 2.13 prints it (Summariser.format), which differs from the
 * hh:mm:ss form of JMeter ≥ 3 that lib/engine/metrics/summary-line.ts writes:
 *
 *   summary =    559 in   6.3s =   89.0/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)
 *
 * Elapsed is `(ms + 500) / 1000` whole seconds, right-justified to 5, unless it is ≤ 100 s and its
 * decimal is not zero: then seconds with one decimal (DecimalFormat "#0.0"). JMeter's test for
 * "decimal is zero" is `elapsed − elapsedSec × 1000 < 50`, which is also true whenever the rounding
 * went up (1.555 s → "1s"); we keep that quirk.
 */
import { elapsedSeconds, formatHalfEven, jmeterAverage, jmeterRate, type SummaryFigures } from "../engine/metrics/summary-line";

export function formatSummaryLine213(f: SummaryFigures, type: "=" | "+" = "=", name = "summary"): string {
  const elapsed = f.elapsedMs;
  const sec = elapsedSeconds(elapsed);
  const elapsedText = sec > 100 || elapsed - sec * 1000 < 50 ? String(sec).padStart(5) : formatHalfEven(elapsed / 1000, 1).padStart(5);
  const rate = jmeterRate(f);
  const rateText = elapsed > 0 ? formatHalfEven(rate, 1).padStart(6) : "******";
  const pct = f.samples === 0 ? 0 : (f.errors / f.samples) * 100;
  return (
    `${name} ${type} ${String(f.samples).padStart(6)} in ${elapsedText}s = ${rateText}/s` +
    ` Avg: ${String(jmeterAverage(f)).padStart(5)} Min: ${String(f.samples ? f.minMs : 0).padStart(5)}` +
    ` Max: ${String(f.samples ? f.maxMs : 0).padStart(5)} Err: ${String(f.errors).padStart(5)} (${formatHalfEven(pct, 2)}%)`
  );
}
