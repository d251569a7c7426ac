/**
 * The live page's per-label table: each request and transaction label since the start and over the
 * last LIVE_RECENT_SECONDS written seconds, merged from the stored packed buckets (loadWindow: the
 * coarsest rollups that fit, then single seconds), so a poll of a run of hours decodes a few dozen
 * rows, not every second.
 */
import { summaryRowOf } from "@/lib/run-metrics/summarize-run";
import type { TSampleKind } from "@/lib/engine/metrics/types";
import { loadRunLabels } from "@/lib/run-metrics/load-run-meta";
import { loadWindow } from "@/lib/run-metrics/load-window";

/** "Last 10 s" of the live table. */
export const LIVE_RECENT_SECONDS = 10;

/** Figures of one label over a span. */
export interface TLiveFigures {
  samples: number;
  /** Per second: total → samples ÷ (last end − first start), as the results; recent → ÷ the window's seconds. */
  ratePerSec: number;
  avgMs: number;
  p95Ms: number;
  errorPct: number;
}

export interface TLiveLabelRow {
  /** RunLabel.index: pass it as `series=` to get this label's response time per second. */
  index: number;
  label: string;
  module: string;
  kind: TSampleKind;
  total: TLiveFigures;
  /** null when the label had no sample in the recent window. */
  recent: TLiveFigures | null;
}

const isShown = (kind: TSampleKind) => kind === "request" || kind === "transaction";

export async function loadLiveLabels(runId: string, firstSecond: number, newestSecond: number): Promise<TLiveLabelRow[]> {
  const labels = (await loadRunLabels(runId)).filter((l) => isShown(l.kind));
  if (!labels.length) return [];
  const wanted = new Set(labels.map((l) => l.index));
  const recentFrom = Math.max(firstSecond, newestSecond - LIVE_RECENT_SECONDS + 1);
  const [total, recent] = await Promise.all([
    loadWindow(runId, firstSecond, newestSecond, { wanted: (i) => wanted.has(i) }),
    loadWindow(runId, recentFrom, newestSecond, { wanted: (i) => wanted.has(i) }),
  ]);
  const recentSeconds = newestSecond - recentFrom + 1;
  const rows: TLiveLabelRow[] = [];
  for (const l of labels) {
    const t = total.get(l.index);
    if (!t || t.count === 0) continue;
    const r = recent.get(l.index);
    const tr = summaryRowOf(t);
    const rr = r && r.count > 0 ? summaryRowOf(r) : null;
    rows.push({
      index: l.index,
      label: l.label,
      module: l.module,
      kind: l.kind,
      total: { samples: tr.samples, ratePerSec: tr.ratePerSec, avgMs: tr.avgMs, p95Ms: tr.p95Ms, errorPct: tr.errorPct },
      recent: rr
        ? { samples: rr.samples, ratePerSec: rr.samples / recentSeconds, avgMs: rr.avgMs, p95Ms: rr.p95Ms, errorPct: rr.errorPct }
        : null,
    });
  }
  return rows;
}
