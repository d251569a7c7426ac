/**
 * Folds JTL samples into (1) JMeter-exact figures per label, per module and in total and (2) the
 * metric contract's per-label-per-second buckets, so an imported run reads like an engine run.
 *
 * Per-second buckets keep exact value counts while open and are closed (histogram encoded) once
 * the file has moved CLOSE_AFTER_S seconds past them, so memory stays bounded on multi-GB files.
 * A late sample for a closed second reopens it; the two parts are merged at the end.
 */
import { mergeBuckets } from "../../engine/metrics/summarize";
import { encodeSortedMsHistogram } from "./encode-histogram";
import type {
  TErrorKind,
  TErrorSummary,
  TLabelSummary,
  TMetricBucket,
  TModuleSummary,
  TRunSummary,
  TSampleKind,
} from "../../engine/metrics/types";
import type { TSampleResult } from "../sample";
import { JmeterFigures } from "./figures";
import { createModuleResolver, type TModuleMapping } from "./module-mapping";
import { classifyError } from "./error-kind";
import { assertStorableLabel, isStorableTime, timestampError } from "./storage-limits";

/** Seconds a per-second bucket stays open behind the newest sample end (JTL rows are written out of order). */
const CLOSE_AFTER_S = 120;
const MAX_ERROR_EXAMPLES = 3;

interface OpenBucket {
  bucket: TMetricBucket;
  /** Raw elapsed values (ms) of the second; sorted and counted into the histogram on close. */
  values: Uint32Array;
  n: number;
}

/** One (label, module) series: its figures and open buckets (JtlAggregator.series hands it out). */
export interface TJtlSeries {
  label: string;
  module: string;
  kind: TSampleKind;
  url?: string;
  method?: string;
  figures: JmeterFigures;
  open: Map<number, OpenBucket>;
  lastSecond: number;
  lastOpen: OpenBucket | undefined;
}

type LabelState = TJtlSeries;

export interface TJtlAggregate {
  samples: number;
  firstStartMs: number;
  lastEndMs: number;
  buckets: TMetricBucket[];
  summary: TRunSummary;
  /** The exact JMeter figures behind the summary rows (sums, spans, value counts). */
  figures: {
    labels: { label: string; module: string; figures: JmeterFigures }[];
    modules: Map<string, JmeterFigures>;
    total: JmeterFigures;
  };
}

export class JtlAggregator {
  private readonly byLabel = new Map<string, Map<string, LabelState>>();
  private readonly modules = new Map<string, JmeterFigures>();
  private readonly total = new JmeterFigures();
  private readonly moduleOf: (label: string, threadName: string) => string;
  private readonly closed = new Map<string, TMetricBucket>();
  private readonly late: OpenBucket[] = [];
  private readonly errors = new Map<string, TErrorSummary>();
  private readonly labelsWithUrl = new Set<string>();
  private readonly done: TMetricBucket[] = [];
  private newestSecond = Number.NEGATIVE_INFINITY;
  private nextSweep = Number.NEGATIVE_INFINITY;
  private lastLabel = "";
  private lastThread = "";
  private lastState: LabelState | undefined;

  /**
   * @param transactionsInTotals count Transaction Controller samples in module and total figures,
   *   as JMeter 2.13's summariser does (default). false: as JMeter ≥ 3's summariser
   *   (summariser.ignore_transaction_controller_sample_result=true); labels are kept either way.
   */
  constructor(
    mapping: TModuleMapping,
    private readonly transactionsInTotals = true,
  ) {
    this.moduleOf = createModuleResolver(mapping);
  }

  /** Adds one sample (for readers that keep no series handles). */
  add(s: TSampleResult): void {
    let st: LabelState | undefined;
    if (s.label === this.lastLabel && s.threadName === this.lastThread && this.lastState) st = this.lastState;
    else {
      st = this.series(s.label, s.threadName);
      this.lastLabel = s.label;
      this.lastThread = s.threadName;
      this.lastState = st;
    }
    this.addTo(st, s);
  }

  /**
   * The series a (label, thread name) pair belongs to. A reader that interns labels and thread
   * groups keeps the handle per pair and calls addTo, saving the module and label lookups per row.
   */
  series(label: string, threadName: string): TJtlSeries {
    const mod = this.moduleOf(label, threadName);
    let perModule = this.byLabel.get(label);
    if (!perModule) this.byLabel.set(label, (perModule = new Map()));
    let st = perModule.get(mod);
    if (!st) {
      assertStorableLabel(label, mod);
      st = {
        label,
        module: mod,
        kind: "request",
        figures: new JmeterFigures(),
        open: new Map(),
        lastSecond: Number.NaN,
        lastOpen: undefined,
      };
      perModule.set(mod, st);
    }
    return st;
  }

  /** Adds one sample of `series` (from series(s.label, s.threadName)). */
  addTo(series: TJtlSeries, s: TSampleResult): void {
    const st = series;
    if (s.isTransaction) st.kind = "transaction";
    const startMs = s.startMs;
    const elapsedMs = s.elapsedMs;
    const sampleCount = s.sampleCount;
    // As JMeter's own listeners do when they load a JTL (new SampleResult(stamp, elapsed)): end =
    // start + elapsed. IdleTime (a transaction's timer pauses) is not part of it.
    const endMs = startMs + elapsedMs;
    if (!isStorableTime(startMs, endMs)) throw timestampError(startMs, endMs);
    st.figures.add(startMs, elapsedMs, endMs, sampleCount, s.errorCount);
    // Module and total figures are merged from the labels' at the end (one update per sample here).
    // One URL per label (the first non-null in file order), kept by the series it came with.
    if (s.url && !st.url && s.url !== "null" && !this.labelsWithUrl.has(st.label)) {
      st.url = s.url;
      this.labelsWithUrl.add(st.label);
    }
    if (!st.method && s.method) st.method = s.method;

    // Per-second bucket of the sample's end.
    const second = Math.floor(endMs / 1000);
    let ob = st.lastOpen;
    if (second !== st.lastSecond || !ob) {
      ob = st.open.get(second);
      if (!ob) {
        ob = this.openBucket(st, second);
        st.open.set(second, ob);
      }
      st.lastSecond = second;
      st.lastOpen = ob;
    }
    const b = ob.bucket;
    b.count += sampleCount;
    b.sumMs += elapsedMs;
    if (elapsedMs < b.minMs) b.minMs = elapsedMs;
    if (elapsedMs > b.maxMs) b.maxMs = elapsedMs;
    b.latencySumMs += s.latencyMs;
    b.connectSumMs += s.connectMs;
    b.bytesReceived += s.bytes;
    b.bytesSent += s.sentBytes;
    if (startMs < b.firstStartMs) b.firstStartMs = startMs;
    if (endMs > b.lastEndMs) b.lastEndMs = endMs;
    if (ob.n + sampleCount > ob.values.length) {
      const grown = new Uint32Array(Math.max(ob.values.length * 2, ob.n + sampleCount));
      grown.set(ob.values);
      ob.values = grown;
    }
    const values = ob.values;
    for (let k = 0; k < sampleCount; k++) values[ob.n++] = elapsedMs;
    if (s.errorCount > 0) this.addError(st, b, s);
    if (second > this.newestSecond) {
      this.newestSecond = second;
      if (second >= this.nextSweep) {
        this.sweep(second - CLOSE_AFTER_S);
        this.nextSweep = second + 30;
      }
    }
  }

  private openBucket(st: LabelState, second: number): OpenBucket {
    const bucket: TMetricBucket = {
      second,
      label: st.label,
      module: st.module,
      kind: st.kind,
      count: 0,
      errors: 0,
      errorsByKind: {},
      sumMs: 0,
      minMs: Number.POSITIVE_INFINITY,
      maxMs: Number.NEGATIVE_INFINITY,
      latencySumMs: 0,
      connectSumMs: 0,
      bytesReceived: 0,
      bytesSent: 0,
      firstStartMs: Number.POSITIVE_INFINITY,
      lastEndMs: Number.NEGATIVE_INFINITY,
      histogram: "",
    };
    return { bucket, values: new Uint32Array(64), n: 0 };
  }

  private addError(st: LabelState, b: TMetricBucket, s: TSampleResult): void {
    const kind: TErrorKind = s.isTransaction ? "transaction" : classifyError(s.responseCode, s.responseMessage, s.failureMessage);
    b.errors += s.errorCount;
    b.errorsByKind[kind] = (b.errorsByKind[kind] ?? 0) + s.errorCount;
    const key = `${st.module}\u0000${st.label}\u0000${kind}`;
    let e = this.errors.get(key);
    if (!e) this.errors.set(key, (e = { label: st.label, kind, count: 0, examples: [] }));
    e.count += s.errorCount;
    if (e.examples.length < MAX_ERROR_EXAMPLES) {
      const example = [s.responseCode, s.failureMessage || s.responseMessage].filter(Boolean).join(" ");
      if (!e.examples.includes(example)) e.examples.push(example);
    }
  }

  /** Closes open buckets of seconds before `before`. */
  private sweep(before: number): void {
    for (const perModule of this.byLabel.values())
      for (const st of perModule.values())
        for (const [second, ob] of st.open)
          if (second < before) {
            st.open.delete(second);
            if (st.lastOpen === ob) {
              st.lastOpen = undefined;
              st.lastSecond = Number.NaN;
            }
            this.close(st, ob);
          }
  }

  private close(st: LabelState, ob: OpenBucket): void {
    const b = ob.bucket;
    b.kind = st.kind;
    b.histogram = encodeSortedMsHistogram(ob.values.subarray(0, ob.n).sort());
    const key = `${b.module}\u0000${b.label}\u0000${b.second}`;
    const earlier = this.closed.get(key);
    if (earlier) this.late.push(ob);
    else {
      this.closed.set(key, b);
      this.done.push(b);
    }
  }

  finish(): TJtlAggregate {
    this.sweep(Number.POSITIVE_INFINITY);
    // Merge late parts of already closed seconds.
    for (const ob of this.late) {
      const b = ob.bucket;
      const key = `${b.module}\u0000${b.label}\u0000${b.second}`;
      const into = this.closed.get(key) as TMetricBucket;
      // The engine's one bucket merge (counts add, min/max fold with its count-0 guard, histograms merge).
      const merged = mergeBuckets([into, b]) as TMetricBucket;
      Object.assign(into, merged, { second: into.second });
    }
    const states = [...this.byLabel.values()].flatMap((m) => [...m.values()]);
    for (const st of states) {
      if (!this.transactionsInTotals && st.kind === "transaction") continue;
      let mod = this.modules.get(st.module);
      if (!mod) this.modules.set(st.module, (mod = new JmeterFigures()));
      mod.merge(st.figures);
      this.total.merge(st.figures);
    }
    const kindOf = new Map(states.map((st) => [`${st.module}\u0000${st.label}`, st]));
    for (const b of this.done) {
      const st = kindOf.get(`${b.module}\u0000${b.label}`);
      if (st) {
        b.kind = st.kind;
        if (st.url) b.url = st.url;
        if (st.method) b.method = st.method;
      }
    }
    this.done.sort((a, b) => a.second - b.second || a.module.localeCompare(b.module) || a.label.localeCompare(b.label));

    const labels: TLabelSummary[] = states.map((st) => ({
      ...st.figures.toSummaryRow(),
      label: st.label,
      module: st.module,
      kind: st.kind,
      ...(st.url ? { url: st.url } : {}),
      ...(st.method ? { method: st.method } : {}),
    }));
    const modules: TModuleSummary[] = [...this.modules].map(([module, f]) => ({ ...f.toSummaryRow(), module }));
    const total = this.total.toSummaryRow();
    // Every sample read, transactions included whatever transactionsInTotals says.
    const all = new JmeterFigures();
    for (const st of states) all.merge(st.figures);
    const samples = all.samples;
    return {
      samples,
      firstStartMs: samples ? all.firstStartMs : 0,
      lastEndMs: samples ? all.lastEndMs : 0,
      buckets: this.done,
      summary: {
        elapsedSeconds: this.total.elapsedMs / 1000,
        labels,
        modules,
        total,
        rendezvous: [],
        errors: [...this.errors.values()],
      },
      figures: {
        labels: states.map((st) => ({ label: st.label, module: st.module, figures: st.figures })),
        modules: this.modules,
        total: this.total,
      },
    };
  }
}
