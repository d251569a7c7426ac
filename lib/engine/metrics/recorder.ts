/**
 * Per-second, per-label aggregation of samples into TMetricBucket rows.
 *
 * INVARIANT: memory is bounded however long the run: only the seconds not yet flushed are held
 * (normally one or two), histograms are reused from a pool, and error examples are capped.
 */
import type { TErrorKind, TMetricBucket, TSampleKind } from "./types";
import { createHistogram, encodeHistogram, recordMs, type THistogram } from "./histogram";

/** One measured sample: a request, a transaction or a rendezvous wait. */
export interface TSample {
  label: string;
  module: string;
  kind: TSampleKind;
  /** Epoch ms just before the request was sent (open model: the iteration's intended start). */
  startMs: number;
  /** Start → last body byte read (JMeter's elapsed). */
  elapsedMs: number;
  /** Start → first response byte (JMeter's Latency). */
  latencyMs?: number;
  /** TCP (+TLS) connect time; 0 on a reused connection. */
  connectMs?: number;
  bytesReceived?: number;
  bytesSent?: number;
  error?: { kind: TErrorKind; message: string };
  url?: string;
  method?: string;
}

/** Example error messages kept per label and kind. */
export const MAX_ERROR_EXAMPLES = 5;

export interface TErrorExamples {
  label: string;
  kind: TErrorKind;
  examples: string[];
}

interface Acc {
  bucket: Omit<TMetricBucket, "histogram">;
  histogram: THistogram;
}

export class MetricRecorder {
  private readonly open = new Map<number, Map<string, Acc>>();
  private readonly pool: THistogram[] = [];
  private readonly examples = new Map<string, TErrorExamples>();

  record(s: TSample): void {
    const endMs = s.startMs + s.elapsedMs;
    const second = Math.floor(endMs / 1000);
    let perLabel = this.open.get(second);
    if (!perLabel) {
      perLabel = new Map();
      this.open.set(second, perLabel);
    }
    const key = `${s.kind}\u0000${s.module}\u0000${s.label}`;
    let acc = perLabel.get(key);
    if (!acc) {
      acc = {
        bucket: {
          second,
          label: s.label,
          module: s.module,
          kind: s.kind,
          count: 0,
          errors: 0,
          errorsByKind: {},
          sumMs: 0,
          minMs: Number.POSITIVE_INFINITY,
          maxMs: 0,
          latencySumMs: 0,
          connectSumMs: 0,
          bytesReceived: 0,
          bytesSent: 0,
          firstStartMs: s.startMs,
          lastEndMs: endMs,
          ...(s.url !== undefined ? { url: s.url } : {}),
          ...(s.method !== undefined ? { method: s.method } : {}),
        },
        histogram: this.pool.pop() ?? createHistogram(),
      };
      perLabel.set(key, acc);
    }
    const b = acc.bucket;
    b.count++;
    b.sumMs += s.elapsedMs;
    if (s.elapsedMs < b.minMs) b.minMs = s.elapsedMs;
    if (s.elapsedMs > b.maxMs) b.maxMs = s.elapsedMs;
    b.latencySumMs += s.latencyMs ?? 0;
    b.connectSumMs += s.connectMs ?? 0;
    b.bytesReceived += s.bytesReceived ?? 0;
    b.bytesSent += s.bytesSent ?? 0;
    if (s.startMs < b.firstStartMs) b.firstStartMs = s.startMs;
    if (endMs > b.lastEndMs) b.lastEndMs = endMs;
    recordMs(acc.histogram, s.elapsedMs);
    if (s.error) {
      b.errors++;
      b.errorsByKind[s.error.kind] = (b.errorsByKind[s.error.kind] ?? 0) + 1;
      this.noteExample(s.label, s.error.kind, s.error.message);
    }
  }

  private noteExample(label: string, kind: TErrorKind, message: string): void {
    const key = `${label}\u0000${kind}`;
    let e = this.examples.get(key);
    if (!e) {
      e = { label, kind, examples: [] };
      this.examples.set(key, e);
    }
    if (e.examples.length < MAX_ERROR_EXAMPLES && !e.examples.includes(message)) e.examples.push(message.slice(0, 300));
  }

  /** Close and return every bucket of a second < `beforeSecond`. */
  flush(beforeSecond: number): TMetricBucket[] {
    const out: TMetricBucket[] = [];
    const seconds = [...this.open.keys()].filter((s) => s < beforeSecond).sort((a, b) => a - b);
    for (const second of seconds) {
      for (const acc of this.open.get(second)!.values()) {
        out.push({ ...acc.bucket, histogram: encodeHistogram(acc.histogram) });
        acc.histogram.reset();
        this.pool.push(acc.histogram);
      }
      this.open.delete(second);
    }
    return out;
  }

  flushAll(): TMetricBucket[] {
    return this.flush(Number.POSITIVE_INFINITY);
  }

  /** Example messages per label and kind seen so far (capped). */
  errorExamples(): TErrorExamples[] {
    return [...this.examples.values()].map((e) => ({ ...e, examples: [...e.examples] }));
  }
}

/** Merge example lists (from several workers), keeping the cap. */
export function mergeErrorExamples(lists: Iterable<TErrorExamples>): TErrorExamples[] {
  const byKey = new Map<string, TErrorExamples>();
  for (const e of lists) {
    const key = `${e.label}\u0000${e.kind}`;
    const cur = byKey.get(key) ?? { label: e.label, kind: e.kind, examples: [] };
    for (const m of e.examples) if (cur.examples.length < MAX_ERROR_EXAMPLES && !cur.examples.includes(m)) cur.examples.push(m);
    byKey.set(key, cur);
  }
  return [...byKey.values()];
}
