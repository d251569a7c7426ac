/**
 * One JTL sample as the readers hand it to the aggregator. The CSV reader reuses a single instance
 * for every row (no per-row allocation on the hot path), so consumers must copy what they keep.
 */
export interface TSampleResult {
  /** Sample start, epoch ms (JMeter's `timeStamp` with sampleresult.timestamp.start=true). */
  startMs: number;
  /** JMeter's `elapsed` / `t`: end − start − idle, whole ms. */
  elapsedMs: number;
  /** JMeter's `IdleTime` / `it` (timer pauses excluded from a transaction's time), ms; 0 if unknown. Informational: like JMeter's listeners reading a JTL, end = start + elapsed. */
  idleMs: number;
  label: string;
  /** JMeter's threadName; the CSV reader keeps only its thread-group part ("Vote_Interface_Test 1-23" → "Vote_Interface_Test"). */
  threadName: string;
  success: boolean;
  /** As written by JMeter: "200", "500", "Non HTTP response code: java.net.SocketTimeoutException". */
  responseCode: string;
  /** Only read when needed (failures, transactions with errors); may be "" when the column is absent. */
  responseMessage: string;
  /** JMeter's failureMessage column / assertion failure message when present. */
  failureMessage: string;
  bytes: number;
  sentBytes: number;
  latencyMs: number;
  connectMs: number;
  url: string;
  /** HTTP method when the file records it (XML `<method>`); "" otherwise. */
  method: string;
  /** SampleCount / ErrorCount (`sc`/`ec`); 1 and success?0:1 when absent. */
  sampleCount: number;
  errorCount: number;
  /** A Transaction Controller sample (its message with an empty dataType, or XML nesting): the reader decides. */
  isTransaction: boolean;
}

export function emptySample(): TSampleResult {
  return {
    startMs: 0,
    elapsedMs: 0,
    idleMs: 0,
    label: "",
    threadName: "",
    success: true,
    responseCode: "",
    responseMessage: "",
    failureMessage: "",
    bytes: 0,
    sentBytes: 0,
    latencyMs: 0,
    connectMs: 0,
    url: "",
    method: "",
    sampleCount: 1,
    errorCount: 0,
    isTransaction: false,
  };
}

/** JMeter's Transaction Controller writes this response message on its own samples. */
export const TRANSACTION_MESSAGE_PREFIX = "Number of samples in transaction";

/**
 * Where readers deliver samples: `series` names the (label, thread name) pair once, `addTo` adds a
 * sample to it. A reader that interns labels and thread groups keeps the series per pair, so the
 * row loop does no string-keyed lookups (JtlAggregator implements this).
 */
export interface TJtlSink<S> {
  series(label: string, threadName: string): S;
  addTo(series: S, s: TSampleResult): void;
}

/**
 * A sink's series handles by interned ids — (label id, key id), the key being whatever the series
 * depends on beside the label (thread group, or the whole thread name) — so a reader looks each
 * pair up once. An id of −1 (a value the interner did not keep) asks the sink every time.
 */
export class SeriesCache<S> {
  private readonly byLabel: (S | undefined)[][] = [];

  constructor(private readonly sink: TJtlSink<S>) {}

  add(labelId: number, keyId: number, s: TSampleResult): void {
    const series =
      labelId >= 0 && keyId >= 0
        ? ((this.byLabel[labelId] ??= [])[keyId] ??= this.sink.series(s.label, s.threadName))
        : this.sink.series(s.label, s.threadName);
    this.sink.addTo(series, s);
  }
}
