/**
 * Merging bucket figures: counts and sums add, min/max fold, first start/last end fold, histograms
 * add into a dense array. Never averages percentiles.
 */
import type { TBucketFigures } from "./bucket-codec";
import { DenseHistogram } from "./histogram-index";

/** Figures being merged, with a dense histogram. */
export interface TMergedFigures extends Omit<TBucketFigures, "pairs"> {
  histogram: DenseHistogram;
}

export function emptyMerged(): TMergedFigures {
  return {
    count: 0,
    errors: 0,
    errorsByKind: {},
    sumMs: 0,
    minMs: 0,
    maxMs: 0,
    latencySumMs: 0,
    connectSumMs: 0,
    bytesReceived: 0,
    bytesSent: 0,
    firstStartMs: 0,
    lastEndMs: 0,
    histogram: new DenseHistogram(),
  };
}

/** Fold figures (sparse pairs) or another merged value into `into`. */
export function mergeInto(into: TMergedFigures, b: TBucketFigures | TMergedFigures): void {
  if (b.count === 0 && b.errors === 0) return;
  const isFirst = into.count === 0;
  into.minMs = isFirst ? b.minMs : Math.min(into.minMs, b.minMs);
  into.maxMs = isFirst ? b.maxMs : Math.max(into.maxMs, b.maxMs);
  into.firstStartMs = isFirst ? b.firstStartMs : Math.min(into.firstStartMs, b.firstStartMs);
  into.lastEndMs = isFirst ? b.lastEndMs : Math.max(into.lastEndMs, b.lastEndMs);
  into.count += b.count;
  into.errors += b.errors;
  for (const kind in b.errorsByKind) {
    const k = kind as keyof TBucketFigures["errorsByKind"];
    into.errorsByKind[k] = (into.errorsByKind[k] ?? 0) + (b.errorsByKind[k] ?? 0);
  }
  into.sumMs += b.sumMs;
  into.latencySumMs += b.latencySumMs;
  into.connectSumMs += b.connectSumMs;
  into.bytesReceived += b.bytesReceived;
  into.bytesSent += b.bytesSent;
  if ("pairs" in b) into.histogram.addPairs(b.pairs);
  else into.histogram.add(b.histogram);
}

/** Back to storable figures (sparse pairs). */
export function toFigures(m: TMergedFigures): TBucketFigures {
  const { histogram, ...rest } = m;
  return { ...rest, errorsByKind: { ...rest.errorsByKind }, pairs: histogram.toPairs() };
}
