/**
 * One second of engine buckets (TMetricBucket, HDR histograms) → what RunSecond stores: the packed
 * per-label figures and the run-level request totals the live charts read without decoding.
 */
import type { TMetricBucket } from "../engine/metrics/types";
import type { TPackedLabel } from "./bucket-codec";
import { pairsFromEncodedHdr } from "./histogram-index";
import { emptyMerged, mergeInto } from "./merge-figures";
import { round } from "./summarize-run";

/** Request totals of one second (transactions and rendezvous waits excluded). */
export interface TSecondTotals {
  samples: number;
  errors: number;
  sumMs: number;
  minMs: number;
  maxMs: number;
  p95Ms: number;
  firstStartMs: number;
  lastEndMs: number;
}

export function bucketToPacked(b: TMetricBucket, labelIndex: number): TPackedLabel {
  return {
    labelIndex,
    count: b.count,
    errors: b.errors,
    errorsByKind: b.errorsByKind,
    sumMs: b.sumMs,
    minMs: b.count > 0 ? b.minMs : 0,
    maxMs: b.maxMs,
    latencySumMs: b.latencySumMs,
    connectSumMs: b.connectSumMs,
    bytesReceived: b.bytesReceived,
    bytesSent: b.bytesSent,
    firstStartMs: b.firstStartMs,
    lastEndMs: b.lastEndMs,
    pairs: pairsFromEncodedHdr(b.histogram),
  };
}

/** Request totals over packed labels; `isRequest(labelIndex)` tells requests apart. */
export function secondTotals(labels: readonly TPackedLabel[], isRequest: (labelIndex: number) => boolean): TSecondTotals {
  const m = emptyMerged();
  for (const l of labels) if (isRequest(l.labelIndex)) mergeInto(m, l);
  return {
    samples: m.count,
    errors: m.errors,
    sumMs: m.sumMs,
    minMs: m.minMs,
    maxMs: m.maxMs,
    p95Ms: round(m.histogram.percentileMs(95), 3),
    firstStartMs: m.firstStartMs,
    lastEndMs: m.lastEndMs,
  };
}
