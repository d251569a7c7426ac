/**
 * Pure functions from stored buckets to results: merge buckets for any window, then summarise.
 * The CLI, the worker and the results pages all call these.
 *
 * INVARIANT: totals come from merged buckets (counts and sums add, min/max fold, histograms merge),
 * never from averaged percentiles.
 */
import { formatSummaryLine } from "./summary-line";
import { decodeHistogram, createHistogram, encodeHistogram, percentileMs, type THistogram } from "./histogram";
import type { TErrorExamples } from "./recorder";
import {
  ON_TIME_LAG_MS,
  PERCENTILES,
  percentileKey,
  type TPercentile,
  type TPercentileKey,
  type TErrorKind,
  type TErrorSummary,
  type TLabelSummary,
  type TMetricBucket,
  type TModuleSummary,
  type TRendezvousRelease,
  type TRunSummary,
  type TSummaryRow,
} from "./types";
export { ON_TIME_LAG_MS } from "./types";

/** A bucket being merged, with its histogram decoded (encoded once at the end). */
interface TMerging {
  bucket: Omit<TMetricBucket, "histogram">;
  histogram: THistogram;
}

function startMerge(b: TMetricBucket): TMerging {
  const histogram = createHistogram();
  if (b.histogram) histogram.add(decodeHistogram(b.histogram));
  const { histogram: _h, ...rest } = b;
  return { bucket: { ...rest, errorsByKind: { ...b.errorsByKind } }, histogram };
}

function fold(into: TMerging, b: TMetricBucket): void {
  const a = into.bucket;
  a.second = Math.min(a.second, b.second);
  a.count += b.count;
  a.errors += b.errors;
  for (const [kind, n] of Object.entries(b.errorsByKind) as [TErrorKind, number][]) a.errorsByKind[kind] = (a.errorsByKind[kind] ?? 0) + n;
  a.sumMs += b.sumMs;
  if (b.count > 0) {
    a.minMs = a.count === b.count ? b.minMs : Math.min(a.minMs, b.minMs);
    a.maxMs = Math.max(a.maxMs, b.maxMs);
  }
  a.latencySumMs += b.latencySumMs;
  a.connectSumMs += b.connectSumMs;
  a.bytesReceived += b.bytesReceived;
  a.bytesSent += b.bytesSent;
  a.firstStartMs = Math.min(a.firstStartMs, b.firstStartMs);
  a.lastEndMs = Math.max(a.lastEndMs, b.lastEndMs);
  a.url ??= b.url;
  a.method ??= b.method;
  if (b.histogram) into.histogram.add(decodeHistogram(b.histogram));
}

function groupMerge(buckets: Iterable<TMetricBucket>, keyOf: (b: TMetricBucket) => string): Map<string, TMerging> {
  const groups = new Map<string, TMerging>();
  for (const b of buckets) {
    const key = keyOf(b);
    const cur = groups.get(key);
    if (cur) fold(cur, b);
    else groups.set(key, startMerge(b));
  }
  return groups;
}

const labelKey = (b: TMetricBucket) => `${b.kind}\u0000${b.module}\u0000${b.label}`;

/**
 * Merge bucket rows: one row per label (module, kind) over the whole input — or per label and
 * second with `{ perSecond: true }` (e.g. to combine the rows of several workers for one second).
 * `second` of a merged row is the earliest second merged.
 */
export function mergeBucketRows(buckets: Iterable<TMetricBucket>, options: { perSecond?: boolean } = {}): TMetricBucket[] {
  const keyOf = options.perSecond ? (b: TMetricBucket) => `${b.second}\u0000${labelKey(b)}` : labelKey;
  return [...groupMerge(buckets, keyOf).values()].map((m) => ({ ...m.bucket, histogram: encodeHistogram(m.histogram) }));
}

/** Merge any buckets into one (label/module/kind of the first). Null for no buckets. */
export function mergeBuckets(buckets: Iterable<TMetricBucket>): TMetricBucket | null {
  const merged = [...groupMerge(buckets, () => "all").values()][0];
  return merged ? { ...merged.bucket, histogram: encodeHistogram(merged.histogram) } : null;
}

/**
 * Running merge of bucket rows per label (one decoded histogram per label): bounded memory for
 * run totals or `summary +` intervals however long the run.
 */
export class BucketMerger {
  private groups = new Map<string, TMerging>();

  add(buckets: Iterable<TMetricBucket>): void {
    for (const b of buckets) {
      const key = labelKey(b);
      const cur = this.groups.get(key);
      if (cur) fold(cur, b);
      else this.groups.set(key, startMerge(b));
    }
  }

  /** One merged row per label. */
  rows(): TMetricBucket[] {
    return [...this.groups.values()].map((m) => ({ ...m.bucket, histogram: encodeHistogram(m.histogram) }));
  }

  clear(): void {
    this.groups = new Map();
  }

  get size(): number {
    return this.groups.size;
  }
}

/** What a result row is computed from: merged figures (times in ms) and a percentile lookup. */
export interface TRowFigures {
  count: number;
  errors: number;
  sumMs: number;
  minMs: number;
  maxMs: number;
  firstStartMs: number;
  lastEndMs: number;
}

/**
 * A result row from merged figures and their histogram (the engine's and the stored-run paths
 * both use it). Percentiles are capped at the exact max: an HDR bucket reports its upper edge
 * (±0.1 %), which could otherwise print p99 > max.
 */
export function summaryRowFrom(b: TRowFigures, percentile: (p: number) => number): TSummaryRow {
  const elapsedMs = b.count > 0 ? Math.max(0, b.lastEndMs - b.firstStartMs) : 0;
  const rate = b.count === 0 || elapsedMs <= 0 ? 0 : (b.count / elapsedMs) * 1000;
  const pct = (p: number) => round(Math.min(percentile(p), b.maxMs), 3);
  return {
    samples: b.count,
    errors: b.errors,
    errorPct: b.count === 0 ? 0 : round((b.errors / b.count) * 100, 4),
    avgMs: b.count === 0 ? 0 : round(b.sumMs / b.count, 3),
    minMs: b.count === 0 ? 0 : round(b.minMs, 3),
    maxMs: round(b.maxMs, 3),
    ...percentileFields(pct),
    ratePerSec: round(rate, 3),
    summaryLine: formatSummaryLine({ samples: b.count, errors: b.errors, sumMs: b.sumMs, minMs: b.minMs, maxMs: b.maxMs, elapsedMs }),
  };
}

/** The row's `p<N>Ms` fields (PERCENTILES) from a percentile lookup. */
export function percentileFields(percentile: (p: TPercentile) => number): Record<TPercentileKey, number> {
  return Object.fromEntries(PERCENTILES.map((p) => [percentileKey(p), percentile(p)])) as Record<TPercentileKey, number>;
}

/**
 * Share (%) of a histogram's values at or below `limitMs`, from its percentile function alone
 * (the engine's HDR histogram and the stored dense one both offer it): the highest percentile
 * whose value is within the limit, found by bisection to 0.001 %.
 */
export function shareAtOrBelow(percentile: (p: number) => number, limitMs: number): number {
  if (percentile(100) <= limitMs) return 100;
  if (percentile(0) > limitMs) return 0;
  let lo = 0;
  let hi = 100;
  while (hi - lo > 0.0005) {
    const mid = (lo + hi) / 2;
    if (percentile(mid) <= limitMs) lo = mid;
    else hi = mid;
  }
  return round(lo, 3);
}

/** Extra figures of an `iteration_lag` row: the share of iterations that started on time. */
export function lagFigures(
  kind: TMetricBucket["kind"],
  count: number,
  percentile: (p: number) => number,
): Pick<TLabelSummary, "onTimePct"> {
  return kind === "iteration_lag" && count > 0 ? { onTimePct: shareAtOrBelow(percentile, ON_TIME_LAG_MS) } : {};
}

function summaryRow(m: TMerging): TSummaryRow {
  return summaryRowFrom(m.bucket, (p) => percentileMs(m.histogram, p));
}

/** The summary row of a set of buckets (e.g. the total of one interval for a `summary +` line). */
export function summarizeRow(buckets: Iterable<TMetricBucket>): TSummaryRow {
  const merged = [...groupMerge(buckets, () => "all").values()][0];
  return merged ? summaryRow(merged) : summaryRow(startMerge(emptyBucket()));
}

/**
 * The one roll-up from per-label merged figures to the run summary, whatever holds the figures
 * (the engine's decoded buckets here, the stored runs' dense histograms in
 * lib/run-metrics/summarize-run.ts): label rows (with `onTimePct` for iteration lag), module and total
 * rows from request labels only (a transaction would count its requests twice; rendezvous waits
 * and iteration start lag stay label rows of their own), errors by kind, and the duration.
 *
 * Duration (`elapsedSeconds`): first sample start → last sample end of the total (the requests),
 * as JMeter's summariser measures `in hh:mm:ss` — not the engine's wall time, which also counts
 * the start-up and the graceful stop; lib/run-metrics/figures.ts rounds it for display.
 */
export interface TRollUpOps<F> {
  empty(): F;
  /** Fold `from` into `into` (counts and sums add, min/max fold, histograms merge). */
  mergeInto(into: F, from: F): void;
  figures(f: F): TRowFigures & { errorsByKind: Partial<Record<TErrorKind, number>> };
  percentileMs(f: F, p: number): number;
}

export interface TRollUpLabel<F> {
  label: string;
  module: string;
  kind: TMetricBucket["kind"];
  url?: string | null;
  method?: string | null;
  figures: F;
}

export interface TRollUpOptions {
  /** Rendezvous releases of the run (or window). */
  releases?: { name: string; releases: TRendezvousRelease[] }[];
  /** Example error messages by errorExampleKey(label, kind); counts always come from the figures. */
  errorExamples?: ReadonlyMap<string, string[]>;
}

export const errorExampleKey = (label: string, kind: string) => `${label}\u0000${kind}`;

export function rollUpSummary<F>(input: Iterable<TRollUpLabel<F>>, ops: TRollUpOps<F>, options: TRollUpOptions = {}): TRunSummary {
  const rowOf = (f: F) => summaryRowFrom(ops.figures(f), (p) => ops.percentileMs(f, p));
  const labels: TLabelSummary[] = [];
  const modules = new Map<string, F>();
  const total = ops.empty();
  const errors: TErrorSummary[] = [];
  for (const l of input) {
    const figures = ops.figures(l.figures);
    if (figures.count === 0) continue;
    labels.push({
      label: l.label,
      module: l.module,
      kind: l.kind,
      ...(l.url ? { url: l.url } : {}),
      ...(l.method ? { method: l.method } : {}),
      ...rowOf(l.figures),
      ...lagFigures(l.kind, figures.count, (p) => ops.percentileMs(l.figures, p)),
    });
    if (l.kind === "request") {
      let mod = modules.get(l.module);
      if (!mod) modules.set(l.module, (mod = ops.empty()));
      ops.mergeInto(mod, l.figures);
      ops.mergeInto(total, l.figures);
    }
    for (const [kind, count] of Object.entries(figures.errorsByKind) as [TErrorKind, number][])
      if (count > 0)
        errors.push({ label: l.label, kind, count, examples: options.errorExamples?.get(errorExampleKey(l.label, kind)) ?? [] });
  }
  labels.sort((a, b) => a.module.localeCompare(b.module) || kindOrder(a.kind) - kindOrder(b.kind) || a.label.localeCompare(b.label));
  const moduleRows: TModuleSummary[] = [...modules.entries()]
    .map(([module, m]) => ({ module, ...rowOf(m) }))
    .sort((a, b) => a.module.localeCompare(b.module));
  errors.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const t = ops.figures(total);
  const elapsedSeconds = t.count > 0 ? round(Math.max(0, t.lastEndMs - t.firstStartMs) / 1000, 3) : 0;
  return { elapsedSeconds, labels, modules: moduleRows, total: rowOf(total), rendezvous: options.releases ?? [], errors };
}

const MERGING_OPS: TRollUpOps<TMerging> = {
  empty: () => startMerge(emptyBucket()),
  mergeInto: (into, from) => {
    if (from.bucket.count === 0 && from.bucket.errors === 0) return;
    if (into.bucket.count === 0 && into.bucket.errors === 0) {
      // An empty start must not lend its zero times to the fold (min, first start).
      const { histogram: _h, ...rest } = from.bucket as TMetricBucket;
      into.bucket = { ...rest, errorsByKind: { ...from.bucket.errorsByKind } };
    } else fold(into, { ...from.bucket, histogram: "" });
    into.histogram.add(from.histogram);
  },
  figures: (m) => m.bucket,
  percentileMs: (m, p) => percentileMs(m.histogram, p),
};

/**
 * Summarise buckets of any window into the run summary (the CLI's --json shape): merged per
 * label, then rolled up by rollUpSummary.
 */
export function summarize(
  buckets: readonly TMetricBucket[],
  options: { releases?: TRollUpOptions["releases"]; errorExamples?: TErrorExamples[] } = {},
): TRunSummary {
  const perLabel = groupMerge(buckets, labelKey);
  const examples = new Map((options.errorExamples ?? []).map((e) => [errorExampleKey(e.label, e.kind), e.examples]));
  return rollUpSummary(
    [...perLabel.values()].map((m) => ({
      label: m.bucket.label,
      module: m.bucket.module,
      kind: m.bucket.kind,
      url: m.bucket.url,
      method: m.bucket.method,
      figures: m,
    })),
    MERGING_OPS,
    { ...(options.releases ? { releases: options.releases } : {}), errorExamples: examples },
  );
}

function kindOrder(k: TMetricBucket["kind"]): number {
  return k === "transaction" ? 0 : k === "request" ? 1 : 2;
}

function emptyBucket(): TMetricBucket {
  return {
    second: 0,
    label: "",
    module: "",
    kind: "request",
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
    histogram: "",
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
