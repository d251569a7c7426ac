/**
 * Response-time histograms as sparse (index, count) pairs over HDR's bucket layout for values in µs
 * with 3 significant digits (lowest 1 µs): index i < 2048 holds exactly i µs; above, each power of
 * two splits into 1024 sub-buckets. Same indices, bounds and percentile rule as hdr-histogram-js,
 * so percentiles equal those of the engine's HDR histograms — but merging thousands of them is a
 * tight loop over small arrays instead of decoding 180 KB histogram objects.
 */
import zlib from "node:zlib";
import { decodeHistogram } from "../engine/metrics/histogram";

const SUB_HALF_MAGNITUDE = 10;
const SUB_HALF = 1 << SUB_HALF_MAGNITUDE; // 1024
/** 1 h in µs lands below this index; larger values are clamped to the last bucket. */
export const HISTOGRAM_INDEX_COUNT = 24 * SUB_HALF; // 24576: values up to ≈ 8.6e9 µs (2.4 h)

/** Bucket index of a value in µs. */
export function indexOfValue(us: number): number {
  const v = Math.max(0, Math.floor(us));
  const bucket = Math.max(Math.floor(Math.log2(v || 1)) - SUB_HALF_MAGNITUDE, 0);
  const sub = Math.floor(v / 2 ** bucket);
  return Math.min((bucket + 1) * SUB_HALF + (sub - SUB_HALF), HISTOGRAM_INDEX_COUNT - 1);
}

/** Lowest value (µs) of a bucket. */
export function lowestValueOfIndex(index: number): number {
  let bucket = Math.floor(index / SUB_HALF) - 1;
  let sub = (index % SUB_HALF) + SUB_HALF;
  if (bucket < 0) {
    sub -= SUB_HALF;
    bucket = 0;
  }
  return sub * 2 ** bucket;
}

/** Highest value (µs) equivalent to a bucket (HDR's highestEquivalentValue). */
export function highestValueOfIndex(index: number): number {
  const bucket = Math.max(Math.floor(index / SUB_HALF) - 1, 0);
  return lowestValueOfIndex(index) + 2 ** bucket - 1;
}

/** A merge target: dense counts, touched range tracked so scans stay short. */
export class DenseHistogram {
  readonly counts = new Float64Array(HISTOGRAM_INDEX_COUNT);
  total = 0;
  lo = HISTOGRAM_INDEX_COUNT;
  hi = -1;

  /** Add flat pairs [index, count, index, count, …]. */
  addPairs(pairs: ArrayLike<number>): void {
    for (let i = 0; i < pairs.length; i += 2) this.addAt(pairs[i]!, pairs[i + 1]!);
  }

  addAt(index: number, count: number): void {
    this.counts[index]! += count;
    this.total += count;
    if (index < this.lo) this.lo = index;
    if (index > this.hi) this.hi = index;
  }

  add(other: DenseHistogram): void {
    for (let i = other.lo; i <= other.hi; i++) {
      const c = other.counts[i]!;
      if (c) this.addAt(i, c);
    }
  }

  /** Flat sparse pairs, ascending index. */
  toPairs(): number[] {
    const out: number[] = [];
    for (let i = this.lo; i <= this.hi; i++) {
      const c = this.counts[i]!;
      if (c) out.push(i, c);
    }
    return out;
  }

  /** Percentile in ms, exactly as hdr-histogram-js getValueAtPercentile (0 when empty). */
  percentileMs(percentile: number): number {
    if (this.total === 0) return 0;
    const fp = (Math.min(percentile, 100) / 100) * this.total;
    const target = Math.max(Math.ceil(fp - ulp(fp)), 1);
    let running = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      running += this.counts[i]!;
      if (running >= target) return (percentile === 0 ? lowestValueOfIndex(i) : highestValueOfIndex(i)) / 1000;
    }
    return highestValueOfIndex(this.hi) / 1000;
  }
}

/** Percentile (ms) of flat pairs without a dense array (small histograms, e.g. one second). */
export function pairsPercentileMs(pairs: ArrayLike<number>, percentile: number): number {
  let total = 0;
  for (let i = 1; i < pairs.length; i += 2) total += pairs[i]!;
  if (total === 0) return 0;
  const fp = (Math.min(percentile, 100) / 100) * total;
  const target = Math.max(Math.ceil(fp - ulp(fp)), 1);
  let running = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    running += pairs[i + 1]!;
    if (running >= target) return highestValueOfIndex(pairs[i]!) / 1000;
  }
  return highestValueOfIndex(pairs[pairs.length - 2]!) / 1000;
}

function ulp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const exponent = Math.floor(Math.log2(Math.abs(x)));
  return 2 ** (exponent - 52);
}

interface THdrInternals {
  countsArrayLength: number;
  getCountAtIndex(i: number): number;
  valueFromIndex(i: number): number;
  totalCount: number;
}

/** hdr-histogram-js V2 (compressed) encoding constants. */
const V2_COMPRESSED_COOKIE_BASE = 0x1c849304;
const V2_COOKIE_BASE = 0x1c849303;
const V2_HEADER_BYTES = 40;

/**
 * Sparse pairs from the engine's compressed-base64 HDR histogram (TMetricBucket.histogram),
 * read straight from the V2 encoding (inflate, then zig-zag LEB128 counts with zero runs) —
 * no 100 KB histogram object per bucket, which made packing ≈ 1–2 ms per bucket. Histograms with
 * another layout than 1 µs / 3 digits take the slow path through hdr-histogram-js.
 */
export function pairsFromEncodedHdr(base64: string): number[] {
  if (!base64) return [];
  const outer = Buffer.from(base64, "base64");
  if (outer.length < 8 || (outer.readInt32BE(0) & ~0xf0) !== V2_COMPRESSED_COOKIE_BASE) return slowPairs(base64);
  const raw = zlib.inflateSync(outer.subarray(8, 8 + outer.readInt32BE(4)));
  if ((raw.readInt32BE(0) & ~0xf0) !== V2_COOKIE_BASE) return slowPairs(base64);
  const payloadLength = raw.readInt32BE(4);
  const digits = raw.readInt32BE(12);
  const lowest = Number(raw.readBigInt64BE(16));
  if (digits !== 3 || lowest !== 1) return slowPairs(base64);
  const out: number[] = [];
  let pos = V2_HEADER_BYTES;
  const end = Math.min(raw.length, V2_HEADER_BYTES + payloadLength);
  let index = 0;
  while (pos < end) {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 9; i++) {
      const b = raw[pos++]!;
      if (i === 8) {
        value += b * scale;
        break;
      }
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) break;
      scale *= 128;
    }
    const v = value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    if (v < 0) index += -v;
    else {
      if (v > 0) out.push(Math.min(index, HISTOGRAM_INDEX_COUNT - 1), v);
      index++;
    }
  }
  return out;
}

interface THdrInternals {
  countsArrayLength: number;
  getCountAtIndex(i: number): number;
  valueFromIndex(i: number): number;
  totalCount: number;
}

function slowPairs(base64: string): number[] {
  const h = decodeHistogram(base64) as unknown as THdrInternals;
  const out: number[] = [];
  let seen = 0;
  for (let i = 0; i < h.countsArrayLength && seen < h.totalCount; i++) {
    const c = h.getCountAtIndex(i);
    if (!c) continue;
    seen += c;
    const index = indexOfValue(h.valueFromIndex(i));
    if (out.length && out[out.length - 2] === index) out[out.length - 1]! += c;
    else out.push(index, c);
  }
  return out;
}
