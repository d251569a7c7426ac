/**
 * Byte-range → string cache. JTL columns such as label, threadName and responseCode repeat the same
 * few values millions of times; decoding each once keeps the hot loop free of string churn.
 */
const MAX_ENTRIES = 100_000;

interface Entry {
  bytes: Buffer;
  text: string;
  next: Entry | undefined;
}

export class Interner {
  private readonly table = new Map<number, Entry>();
  private size = 0;

  get(buf: Buffer, s: number, e: number): string {
    // A cheap hash of the length and the first and last 8 bytes; the chain compare makes it exact.
    const len = e - s;
    let h = len;
    const head = Math.min(e, s + 8);
    for (let i = s; i < head; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    for (let i = Math.max(head, e - 8); i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
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
