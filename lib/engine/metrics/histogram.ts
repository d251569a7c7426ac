/**
 * HDR histograms of response times in microseconds (hdr-histogram-js, pure JS build).
 * 3 significant digits: ±0.1 % value error, a few KB per histogram. Encoded as compressed base64
 * in TMetricBucket.histogram so buckets can be stored and merged for any window.
 */
import * as hdr from "hdr-histogram-js";

export type THistogram = hdr.Histogram;

/** 1 µs … 1 h; autoResize keeps the rare outlier from throwing. */
const HIGHEST_TRACKABLE_US = 3_600_000_000;
const SIGNIFICANT_DIGITS = 3;

export function createHistogram(): THistogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    bitBucketSize: 32,
    autoResize: true,
    useWebAssembly: false,
  });
}

/** Record one time given in ms (float). Values below 1 µs count as 1 µs. */
export function recordMs(h: THistogram, ms: number): void {
  h.recordValue(Math.max(1, Math.round(ms * 1000)));
}

export function encodeHistogram(h: THistogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(base64: string): THistogram {
  return hdr.decodeFromCompressedBase64(base64, 32, false);
}

/** Merge encoded histograms into one (counts add). Empty strings are skipped. */
export function mergeEncodedHistograms(encoded: Iterable<string>): THistogram {
  const total = createHistogram();
  for (const e of encoded) if (e) total.add(decodeHistogram(e));
  return total;
}

/** Percentile in ms from a µs histogram (0 when empty). */
export function percentileMs(h: THistogram, percentile: number): number {
  return h.totalCount === 0 ? 0 : h.getValueAtPercentile(percentile) / 1000;
}
