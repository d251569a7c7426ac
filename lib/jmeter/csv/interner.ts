/**
 * Byte-range → string cache. JTL columns such as label, thread group and responseCode repeat the
 * same few values millions of times; decoding each once keeps the hot loop free of string churn.
 *
 * Each distinct value gets a small integer id (0, 1, 2, … in order of first sight) so a reader can
 * key its own per-value caches by array index instead of hashing the string again. A lookup first
 * tries one slot of a direct-mapped table chosen by (length, first, middle and last byte) and
 * verifies the bytes; only a miss there (a new value, or two values sharing a slot) goes through
 * the hash map.
 */
const DIRECT_SLOTS = 4096;
/** Past this many distinct values new ones are decoded every time (a label per row is not a label). */
const MAX_ENTRIES = 100_000;
/** Longer values are decoded every time (memory stays bounded by MAX_ENTRIES × MAX_LENGTH). */
const MAX_LENGTH = 1024;

export class Interner {
  /** Every entry's bytes, back to back; entry k spans offsets[k] … offsets[k] + lengths[k]. */
  private arena = new Uint8Array(4096);
  private arenaUsed = 0;
  private offsets = new Int32Array(256);
  private lengths = new Int32Array(256);
  private readonly texts: string[] = [];
  /** Direct-mapped cache: slot → id + 1 (0 = empty). */
  private readonly direct = new Int32Array(DIRECT_SLOTS);
  /** Hash of (length, first and last 8 bytes) → ids with that hash. */
  private readonly table = new Map<number, number[]>();

  /**
   * @param wholeSlot choose the direct slot by the length, first, middle and last 4 bytes, for
   *   values that differ at their end, e.g. full thread names ("incoming 2-13", "incoming 2-23").
   */
  constructor(private readonly wholeSlot = false) {}

  /** The string for bytes [s, e) (UTF-8). */
  get(buf: Uint8Array, s: number, e: number): string {
    const id = this.id(buf, s, e);
    return id >= 0 ? (this.texts[id] as string) : Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("utf8");
  }

  /** The string of an id returned by `id`. */
  text(id: number): string {
    return this.texts[id] as string;
  }

  /**
   * The id of bytes [s, e), assigned on first sight; −1 for values longer than MAX_LENGTH and for
   * new values once MAX_ENTRIES are known.
   */
  id(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    if (this.wholeSlot && len > 0) return this.idWhole(buf, s, e);
    const slot =
      len === 0
        ? 0
        : (Math.imul(len, 0x9e3779b1) ^ ((buf[s] as number) << 4) ^ ((buf[e - 1] as number) << 8) ^ (buf[s + (len >> 1)] as number)) &
          (DIRECT_SLOTS - 1);
    const cached = (this.direct[slot] as number) - 1;
    if (cached >= 0 && this.lengths[cached] === len && this.same(cached, buf, s, len)) return cached;
    const id = this.hashed(buf, s, e);
    if (id >= 0) this.direct[slot] = id + 1;
    return id;
  }

  private idWhole(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    let h = Math.imul(len, 0x9e3779b1) ^ (buf[s] as number);
    for (let i = Math.max(s + 1, e - 4); i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    const slot = (h ^ (h >>> 13) ^ (buf[s + (len >> 1)] as number)) & (DIRECT_SLOTS - 1);
    const cached = (this.direct[slot] as number) - 1;
    if (cached >= 0 && this.lengths[cached] === len && this.same(cached, buf, s, len)) return cached;
    const id = this.hashed(buf, s, e);
    if (id >= 0) this.direct[slot] = id + 1;
    return id;
  }

  private same(id: number, buf: Uint8Array, s: number, len: number): boolean {
    const arena = this.arena;
    const o = this.offsets[id] as number;
    for (let i = 0; i < len; i++) if (arena[o + i] !== buf[s + i]) return false;
    return true;
  }

  private hashed(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    if (len > MAX_LENGTH) return -1;
    let h = len;
    const head = Math.min(e, s + 8);
    for (let i = s; i < head; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    for (let i = Math.max(head, e - 8); i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    h &= 0x3fffffff; // a small integer (Smi) key: no heap number per lookup
    let ids = this.table.get(h);
    if (ids) for (const id of ids) if (this.lengths[id] === len && this.same(id, buf, s, len)) return id;
    const n = this.texts.length;
    if (n >= MAX_ENTRIES) return -1;
    if (!ids) this.table.set(h, (ids = []));
    ids.push(n);
    this.add(buf, s, e);
    return n;
  }

  private add(buf: Uint8Array, s: number, e: number): void {
    const n = this.texts.length;
    const len = e - s;
    if (n === this.offsets.length) {
      const offsets = new Int32Array(n * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Int32Array(n * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    if (this.arenaUsed + len > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    this.arena.set(buf.subarray(s, e), this.arenaUsed);
    this.offsets[n] = this.arenaUsed;
    this.lengths[n] = len;
    this.arenaUsed += len;
    this.texts.push(Buffer.from(buf.buffer, buf.byteOffset + s, len).toString("utf8"));
  }
}
