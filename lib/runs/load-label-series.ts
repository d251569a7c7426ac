/**
 * Response time per second of a few picked labels (the live page's per-label chart): each stored
 * second's packed buckets decoded for those labels only, avg and p95 from that second's histogram.
 */
import { decodePacked } from "@/lib/run-metrics/bucket-codec";
import { emptyMerged, mergeInto } from "@/lib/run-metrics/merge-figures";
import { summaryRowOf } from "@/lib/run-metrics/summarize-run";
import { MAX_SERIES_LABELS } from "./live-limits";
import { rawPool, type TPackedRow } from "@/lib/run-metrics/raw-pool";

export interface TLabelSeriesPoint {
  second: number;
  /** RunLabel.index. */
  index: number;
  avgMs: number;
  p95Ms: number;
  samples: number;
}

/** Seconds in (afterSecond, toSecond] of the given labels, ascending; seconds without samples of a label are absent. */
export async function loadLabelSeries(
  runId: string,
  labelIndexes: readonly number[],
  afterSecond: number,
  toSecond: number,
): Promise<TLabelSeriesPoint[]> {
  const wanted = new Set(labelIndexes.slice(0, MAX_SERIES_LABELS));
  if (!wanted.size || toSecond <= afterSecond) return [];
  const { rows } = await rawPool().query<TPackedRow>(
    `SELECT "second" AS base, "data" FROM "RunSecond"
      WHERE "runId" = $1 AND "second" > $2 AND "second" <= $3 AND "data" IS NOT NULL ORDER BY 1`,
    [runId, afterSecond, toSecond],
  );
  const out: TLabelSeriesPoint[] = [];
  for (const row of rows) {
    for (const figures of decodePacked(row.base, row.data, (i) => wanted.has(i))) {
      if (figures.count === 0) continue;
      const m = emptyMerged();
      mergeInto(m, figures);
      const s = summaryRowOf(m);
      out.push({ second: row.base, index: figures.labelIndex, avgMs: s.avgMs, p95Ms: s.p95Ms, samples: s.samples });
    }
  }
  return out;
}
