/**
 * 接口平均响应时间大于3s的接口 — the slow list, one rule for the run page, the daily report, its
 * Markdown, CSV and share page, and the API:
 *
 * - an interface is its method + URL where the label has a URL, else its label (JMeter labels
 *   without a URL, summariser-only data); request rows only (or rows of unknown kind, as old
 *   imports stored them);
 * - rows of one interface merge (several labels of one URL, or the same URL in several runs of a
 *   round): samples add, the average is Σ time ÷ Σ samples — exactly mergeable, unlike p95, which
 *   is the highest of the rows' (percentiles never average);
 * - the average is compared as it is shown: truncated to whole ms like JMeter's `Avg:`
 *   (displayAverageMs), listed when strictly over the threshold ("大于3s"); an interface averaging
 *   3,000.4 ms shows 3,000 and is not slow at 3,000, anywhere.
 *
 * Slowest first, then by URL.
 */
import { averageMs, displayAverageMs } from "./figures";

export const DEFAULT_SLOW_THRESHOLD_MS = 3000;

/** A label row of a run summary or a stored RunSummaryRow: an average, or the sum it comes from. */
export type TSlowListInput = {
  label: string;
  module: string;
  kind?: string | null;
  method?: string | null;
  url?: string | null;
  samples: number;
  p95Ms?: number | null;
} & ({ avgMs: number } | { sumMs: number });

export interface TSlowInterface {
  /** Full URL when known, else the label. */
  url: string;
  method: string | null;
  /** The first label of the interface. */
  label: string;
  module: string;
  samples: number;
  /** As shown and compared: truncated (displayAverageMs) Σ time ÷ Σ samples. */
  avgMs: number;
  /** The highest p95 of the interface's rows (null when no row has one). */
  p95Ms: number | null;
}

/** The interface a row belongs to. */
export function slowInterfaceKey(r: Pick<TSlowListInput, "method" | "url" | "label">): string {
  return r.url ? `${r.method ?? ""} ${r.url}` : `\u0000${r.label}`;
}

export function slowInterfaces(rows: readonly TSlowListInput[], thresholdMs = DEFAULT_SLOW_THRESHOLD_MS): TSlowInterface[] {
  const groups = new Map<string, { first: TSlowListInput; samples: number; sumMs: number; p95: number | null }>();
  for (const r of rows) {
    if ((r.kind != null && r.kind !== "request") || r.samples <= 0) continue;
    const sumMs = "sumMs" in r ? r.sumMs : r.avgMs * r.samples;
    const p95 = r.p95Ms ?? null;
    const key = slowInterfaceKey(r);
    const g = groups.get(key);
    if (!g) groups.set(key, { first: r, samples: r.samples, sumMs, p95 });
    else {
      g.samples += r.samples;
      g.sumMs += sumMs;
      if (p95 !== null) g.p95 = Math.max(g.p95 ?? 0, p95);
    }
  }
  const out: TSlowInterface[] = [];
  for (const g of groups.values()) {
    const avgMs = displayAverageMs(averageMs(g.sumMs, g.samples));
    if (!(avgMs > thresholdMs)) continue;
    out.push({
      url: g.first.url || g.first.label,
      method: g.first.url ? (g.first.method ?? null) : null,
      label: g.first.label,
      module: g.first.module,
      samples: g.samples,
      avgMs,
      p95Ms: g.p95,
    });
  }
  return out.sort((a, b) => b.avgMs - a.avgMs || a.url.localeCompare(b.url));
}
