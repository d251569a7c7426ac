/**
 * The metric contract shared by the engine, the worker, the JMeter importer, the database and the
 * results pages. Everything here is plain JSON-serialisable data.
 *
 * INVARIANT: totals over any window are computed by merging buckets (counts and sums add, min/max
 * fold, histograms merge) — never by averaging percentiles.
 */

/**
 * What a label measures. `rendezvous_wait` is time spent waiting at a rendezvous: its own metric.
 * `iteration_lag` (label: the scenario name): with pacing, how late each iteration started against
 * its schedule — the closed model's measure of coordinated omission; never counted as a request.
 */
export type TSampleKind = "request" | "transaction" | "rendezvous_wait" | "iteration_lag";

/**
 * An iteration that started within this long of its pacing schedule counts as on time. Not 0:
 * the VU sleeps until the due time and timers fire a millisecond or two after it (1–2 ms on an
 * idle Node 22 event loop), which is no sign of a slow target.
 */
export const ON_TIME_LAG_MS = 10;

/** Error kinds, counted apart. */
export type TErrorKind =
  | "http_status" // a response whose status failed the expectation (default: status ≥ 400)
  | "timeout"
  | "connection_refused"
  | "connection_reset"
  | "dns"
  | "assertion" // an `expect` on body text / JSON path failed
  | "extraction" // an `extract` found nothing
  | "transaction" // a transaction failed because a step inside it failed
  | "other";

/**
 * One label's figures for one wall-clock second (or any merged window).
 * Times are milliseconds (floats for our engine, whole ms for imported JMeter samples); the
 * histogram records microseconds.
 */
export interface TMetricBucket {
  /** Epoch second the samples ended in (sample end = start + elapsed). */
  second: number;
  label: string;
  module: string;
  kind: TSampleKind;
  count: number;
  errors: number;
  errorsByKind: Partial<Record<TErrorKind, number>>;
  sumMs: number;
  minMs: number;
  maxMs: number;
  /** Sum of time to first byte (JMeter Latency), ms. */
  latencySumMs: number;
  /** Sum of connect time, ms. */
  connectSumMs: number;
  bytesReceived: number;
  bytesSent: number;
  /** Earliest sample start and latest sample end in the bucket, epoch ms (JMeter's elapsed). */
  firstStartMs: number;
  lastEndMs: number;
  /** HDR histogram of response times in µs, hdr-histogram-js compressed base64. */
  histogram: string;
  /** A representative URL (for the slow-interface list), when the label is a request. */
  url?: string;
  method?: string;
}

/**
 * The percentiles every result row carries, the one declaration: TSummaryRow's `p<N>Ms` fields,
 * the threshold metrics (ZThreshold), the engine's and the JTL importer's rows and the label
 * table's columns all follow it. Adding one here is the whole change, plus its display text.
 * Estimator: docs/design-notes.md, "Percentiles".
 */
export const PERCENTILES = [50, 90, 95, 99] as const;
export type TPercentile = (typeof PERCENTILES)[number];
export type TPercentileKey = `p${TPercentile}Ms`;

export const percentileKey = (p: TPercentile): TPercentileKey => `p${p}Ms`;

/** One row of results: a label, a module, or the total. Shape of the CLI's `--json` output. */
export type TSummaryRow = {
  samples: number;
  errors: number;
  /** errors ÷ samples × 100, 4 decimals; views show lib/run-metrics/figures.ts errorPercent. */
  errorPct: number;
  /** sum ÷ samples, 3 decimals; views show lib/run-metrics/figures.ts displayAverageMs. */
  avgMs: number;
  minMs: number;
  maxMs: number;
  ratePerSec: number;
  /** JMeter's `summary = …` line for this row. */
  summaryLine: string;
} & Record<TPercentileKey, number>;

export interface TLabelSummary extends TSummaryRow {
  label: string;
  module: string;
  kind: TSampleKind;
  url?: string;
  method?: string;
  /** `iteration_lag` rows only: % of iterations that started on time (within ON_TIME_LAG_MS of the schedule). */
  onTimePct?: number;
}

export interface TModuleSummary extends TSummaryRow {
  module: string;
}

export type TReleaseReason = "policy" | "timeout" | "stop" | "unreachable";

export interface TRendezvousRelease {
  /** Epoch ms of the release. */
  at: number;
  released: number;
  reason: TReleaseReason;
  /** Release → last released VU's next request sent, ms (null if none sent one). */
  skewMs: number | null;
}

export interface TErrorSummary {
  label: string;
  kind: TErrorKind;
  count: number;
  examples: string[];
}

/** The result of a run, as the CLI's `--json` writes it and `GET /api/runs/:id/summary` returns it. */
export interface TRunSummary {
  elapsedSeconds: number;
  labels: TLabelSummary[];
  modules: TModuleSummary[];
  total: TSummaryRow;
  rendezvous: { name: string; releases: TRendezvousRelease[] }[];
  errors: TErrorSummary[];
}
