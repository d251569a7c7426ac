/**
 * The packed storage format of per-label buckets: every label of one second (RunSecond.data) or of
 * one aligned period (RunRollup.data) in one byte string. Times are whole µs, offsets from the
 * period's base, so most fields fit one or two bytes; histograms are sparse (index, count) pairs
 * (histogram-index.ts).
 *
 * Layout: format byte (1 plain, 2 the rest raw-deflated), label count, then per label:
 *   labelIndex count errors sumUs minUs maxUs firstStartOffUs* lastEndOffUs* latencySumUs
 *   connectSumUs bytesReceived bytesSent nErrorKinds (kind count)… nPairs (Δindex count)…
 * (* zig-zag signed, relative to base second × 1000 ms).
 *
 * INVARIANT: merging decoded figures (merge-figures.ts) is exact for counts and sums (to 1 µs),
 * min/max, first start/last end and histogram counts: a window's figures equal those of its samples.
 */
import zlib from "node:zlib";
import type { TErrorKind, TMetricBucket } from "../engine/metrics/types";
import { emptyMerged, mergeInto, type TMergedFigures } from "./merge-figures";
import { ByteReader, ByteWriter } from "./varint";

/** 1: plain varints. 2: the same, raw-deflated (≈ 40 % smaller seconds, ≈ 60 % smaller rollups). */
const PLAIN = 1;
const DEFLATED = 2;
/** Below this the deflate header costs more than it saves. */
const DEFLATE_MIN_BYTES = 128;

/** Error kinds by code; append only (the code is stored). */
export const ERROR_KINDS: readonly TErrorKind[] = [
  "http_status",
  "timeout",
  "connection_refused",
  "connection_reset",
  "dns",
  "assertion",
  "extraction",
  "transaction",
  "other",
];
const KIND_CODE = new Map(ERROR_KINDS.map((k, i) => [k, i]));

/**
 * One label's figures over a second or a window (times in ms): the engine's bucket without its
 * identity, with the histogram as sparse pairs (flat [index, count, …], ascending index).
 */
export type TBucketFigures = Omit<TMetricBucket, "second" | "label" | "module" | "kind" | "histogram" | "url" | "method"> & {
  pairs: number[];
};

export interface TPackedLabel extends TBucketFigures {
  /** Run-local label number (RunLabel.index). */
  labelIndex: number;
}

const us = (ms: number) => Math.round(ms * 1000);

/** Pack labels of one period; `baseSecond` is the period's first epoch second. */
export function encodePacked(baseSecond: number, labels: readonly TPackedLabel[]): Uint8Array<ArrayBuffer> {
  const w = new ByteWriter();
  const baseUs = baseSecond * 1_000_000;
  w.uint(labels.length);
  for (const l of labels) {
    w.uint(l.labelIndex);
    w.uint(l.count);
    w.uint(l.errors);
    w.uint(us(l.sumMs));
    w.uint(us(l.minMs));
    w.uint(us(l.maxMs));
    w.int(us(l.firstStartMs) - baseUs);
    w.int(us(l.lastEndMs) - baseUs);
    w.uint(us(l.latencySumMs));
    w.uint(us(l.connectSumMs));
    w.uint(l.bytesReceived);
    w.uint(l.bytesSent);
    const kinds = Object.entries(l.errorsByKind).filter(([, n]) => (n ?? 0) > 0) as [TErrorKind, number][];
    w.uint(kinds.length);
    for (const [kind, n] of kinds) {
      w.uint(KIND_CODE.get(kind) ?? KIND_CODE.get("other")!);
      w.uint(n);
    }
    w.uint(l.pairs.length / 2);
    let previous = 0;
    for (let i = 0; i < l.pairs.length; i += 2) {
      w.uint(l.pairs[i]! - previous);
      w.uint(l.pairs[i + 1]!);
      previous = l.pairs[i]!;
    }
  }
  const body = w.bytes();
  if (body.length < DEFLATE_MIN_BYTES) return withFormat(PLAIN, body);
  return withFormat(DEFLATED, zlib.deflateRawSync(body, { level: 6 }));
}

function withFormat(format: number, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(body.length + 1);
  out[0] = format;
  out.set(body, 1);
  return out;
}

/** Unpack; optionally only the labels `wanted` accepts (others are skipped cheaply). */
export function decodePacked(baseSecond: number, bytes: Uint8Array, wanted?: (labelIndex: number) => boolean): TPackedLabel[] {
  const format = bytes[0];
  if (format !== PLAIN && format !== DEFLATED) throw new Error(`unknown packed bucket format ${format}`);
  const body = bytes.subarray(1);
  const r = new ByteReader(format === DEFLATED ? zlib.inflateRawSync(body) : body);
  const baseMs = baseSecond * 1000;
  const n = r.uint();
  const out: TPackedLabel[] = [];
  for (let k = 0; k < n; k++) {
    const labelIndex = r.uint();
    const count = r.uint();
    const errors = r.uint();
    const sumMs = r.uint() / 1000;
    const minMs = r.uint() / 1000;
    const maxMs = r.uint() / 1000;
    const firstStartMs = baseMs + r.int() / 1000;
    const lastEndMs = baseMs + r.int() / 1000;
    const latencySumMs = r.uint() / 1000;
    const connectSumMs = r.uint() / 1000;
    const bytesReceived = r.uint();
    const bytesSent = r.uint();
    const errorsByKind: Partial<Record<TErrorKind, number>> = {};
    const nKinds = r.uint();
    for (let i = 0; i < nKinds; i++) {
      const kind = ERROR_KINDS[r.uint()] ?? "other";
      errorsByKind[kind] = (errorsByKind[kind] ?? 0) + r.uint();
    }
    const nPairs = r.uint();
    const keep = !wanted || wanted(labelIndex);
    const pairs: number[] = keep ? new Array(nPairs * 2) : [];
    let index = 0;
    for (let i = 0; i < nPairs; i++) {
      index += r.uint();
      const c = r.uint();
      if (keep) {
        pairs[2 * i] = index;
        pairs[2 * i + 1] = c;
      }
    }
    if (keep)
      out.push({
        labelIndex,
        count,
        errors,
        errorsByKind,
        sumMs,
        minMs,
        maxMs,
        latencySumMs,
        connectSumMs,
        bytesReceived,
        bytesSent,
        firstStartMs,
        lastEndMs,
        pairs,
      });
  }
  return out;
}

/**
 * Decode and merge in one pass: figures fold into `into` (by label index), histogram counts go
 * straight into each label's dense histogram — no per-label arrays. The hot loop of windowed
 * results and rollups (millions of pairs for 200 labels over hours).
 */
export function mergePackedInto(
  baseSecond: number,
  bytes: Uint8Array,
  into: Map<number, TMergedFigures>,
  wanted?: (labelIndex: number) => boolean,
): void {
  const format = bytes[0];
  if (format !== PLAIN && format !== DEFLATED) throw new Error(`unknown packed bucket format ${format}`);
  const raw = bytes.subarray(1);
  const body: Uint8Array = format === DEFLATED ? zlib.inflateRawSync(raw) : raw;
  const baseMs = baseSecond * 1000;
  let pos = 0;
  const uint = (): number => {
    let b = body[pos++]!;
    let v = b & 127;
    let scale = 128;
    while (b >= 128) {
      b = body[pos++]!;
      v += (b & 127) * scale;
      scale *= 128;
    }
    return v;
  };
  const int = (): number => {
    const z = uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  };
  const n = uint();
  const figures: TBucketFigures = {
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
    pairs: [],
  };
  for (let k = 0; k < n; k++) {
    const labelIndex = uint();
    figures.count = uint();
    figures.errors = uint();
    figures.sumMs = uint() / 1000;
    figures.minMs = uint() / 1000;
    figures.maxMs = uint() / 1000;
    figures.firstStartMs = baseMs + int() / 1000;
    figures.lastEndMs = baseMs + int() / 1000;
    figures.latencySumMs = uint() / 1000;
    figures.connectSumMs = uint() / 1000;
    figures.bytesReceived = uint();
    figures.bytesSent = uint();
    const nKinds = uint();
    const byKind: Partial<Record<TErrorKind, number>> = {};
    for (let i = 0; i < nKinds; i++) {
      const kind = ERROR_KINDS[uint()] ?? "other";
      byKind[kind] = (byKind[kind] ?? 0) + uint();
    }
    figures.errorsByKind = byKind;
    const nPairs = uint();
    const keep = !wanted || wanted(labelIndex);
    let m: TMergedFigures | undefined;
    if (keep) {
      m = into.get(labelIndex);
      if (!m) into.set(labelIndex, (m = emptyMerged()));
      mergeInto(m, figures);
    }
    if (nPairs === 0) continue;
    let index = 0;
    if (!m) {
      for (let i = 0; i < 2 * nPairs; i++) uint();
      continue;
    }
    const h = m.histogram;
    const counts = h.counts;
    let added = 0;
    let first = -1;
    for (let i = 0; i < nPairs; i++) {
      index += uint();
      const c = uint();
      if (first < 0) first = index;
      counts[index]! += c;
      added += c;
    }
    h.total += added;
    if (first < h.lo) h.lo = first;
    if (index > h.hi) h.hi = index;
  }
}
