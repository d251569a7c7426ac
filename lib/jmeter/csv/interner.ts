/**
 * Byte-range → string cache. JTL columns such as label, thread group and responseCode repeat the
 * same few values millions of times; decoding each once keeps the hot loop free of string churn.
 * The first SMALL values are found by a linear scan on (length, first, last byte) — the common
 * case of a few labels — and the rest through a hash map.
 */
const SMALL = 32;
const MAX_ENTRIES = 100_000;

interface Entry {
  bytes: Buffer;
  text: string;
  next: Entry | undefined;
}

export class Interner {
  private readonly lens = new Int32Array(SMALL);
  private readonly edges = new Int32Array(SMALL);
  private readonly smallBytes: Buffer[] = [];
  private readonly smallText: string[] = [];
  private n = 0;
  private readonly table = new Map<number, Entry>();
  private size = 0;

  get(buf: Buffer, s: number, e: number): string {
    const len = e - s;
    const edge = len === 0 ? -1 : ((buf[s] as number) << 8) | (buf[e - 1] as number);
    const lens = this.lens;
    const edges = this.edges;
    for (let k = 0; k < this.n; k++) {
      if (lens[k] !== len || edges[k] !== edge) continue;
      const b = this.smallBytes[k] as Buffer;
      let i = 1;
      while (i < len - 1 && b[i] === buf[s + i]) i++;
      if (i >= len - 1) return this.smallText[k] as string;
    }
    if (this.n < SMALL) {
      const text = buf.toString("utf8", s, e);
      lens[this.n] = len;
      edges[this.n] = edge;
      this.smallBytes.push(Buffer.from(buf.subarray(s, e)));
      this.smallText.push(text);
      this.n++;
      return text;
    }
    return this.hashed(buf, s, e);
  }

  private hashed(buf: Buffer, s: number, e: number): string {
    // A cheap hash of the length and the first and last 8 bytes; the chain compare makes it exact.
    const len = e - s;
    let h = len;
    const head = Math.min(e, s + 8);
    for (let i = s; i < head; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    for (let i = Math.max(head, e - 8); i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    h &= 0x3fffffff; // a small integer (Smi) key: no heap number per lookup
    let entry = this.table.get(h);
    for (let x = entry; x; x = x.next) {
      const b = x.bytes;
      if (b.length !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++)
        if (b[i] !== buf[s + i]) {
          same = false;
          break;
        }
      if (same) return x.text;
    }
    const text = buf.toString("utf8", s, e);
    if (this.size < MAX_ENTRIES) {
      entry = { bytes: Buffer.from(buf.subarray(s, e)), text, next: entry };
      this.table.set(h, entry);
      this.size++;
    }
    return text;
  }
}
