/** Small formatting helpers shared by the live and results views (no React, no i18n). */
import { displayAverageMs } from "@/lib/run-metrics/figures";

/** Seconds as m:ss, or h:mm:ss from one hour on (the run's time axis). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** hh:mm:ss as JMeter prints elapsed time (the summariser's own formatter). */
export { formatDuration as hms } from "@/lib/engine/metrics/summary-line";

/**
 * en-US grouping ("1,234"), one formatter for every cell. `toLocaleString("en-US")` builds a new ICU
 * formatter on each call: a 200-label table calls this hundreds of times while it hydrates and sorts.
 */
let grouped: Intl.NumberFormat | undefined;
const withGrouping = (value: number) => (grouped ??= new Intl.NumberFormat("en-US")).format(value);

/** Milliseconds for tables: whole ms from 100 on, one decimal below (fast local targets). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return value >= 100 ? withGrouping(Math.round(value)) : (Math.round(value * 10) / 10).toFixed(1);
}

/** An average as every view shows it: truncated like JMeter's `Avg:` (lib/run-metrics/figures.ts). */
export function avg(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const shown = displayAverageMs(value);
  return value >= 100 ? withGrouping(shown) : shown.toFixed(1);
}

/** A date from a server-rendered prop (Date) or a JSON response (ISO string). */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
