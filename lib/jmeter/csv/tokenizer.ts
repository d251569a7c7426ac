/**
 * A fast CSV tokenizer over Buffers: it finds field boundaries and never builds strings. Each row
 * is handed to `onRow` as offsets into the current buffer (valid only during the call), so the
 * caller decodes just the fields it needs. Handles quoted fields (RFC 4180: `""` escapes, embedded
 * delimiters and newlines), \n and \r\n line ends, and rows split across chunks.
 *
 * INVARIANT: memory stays constant — only the unfinished last row of a chunk is carried over.
 */
import { JmeterImportError } from "../errors";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface TCsvRow {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the field was quoted and contains `""` escapes (decode with `fieldText`). */
  escaped: Uint8Array;
  count: number;
  /** 1-based line of the row's first character. */
  line: number;
}

export type TCsvRowHandler = (row: TCsvRow) => void;

/** Longest row we accept before calling the input broken (a runaway quote or binary junk). */
const MAX_ROW_BYTES = 16 * 1024 * 1024;

export class CsvTokenizer {
  private carry: Buffer | null = null;
  private line = 1;
  private readonly row: TCsvRow;

  constructor(
    private readonly delimiter: number,
    private readonly onRow: TCsvRowHandler,
  ) {
    this.row = {
      buf: Buffer.alloc(0),
      starts: new Int32Array(64),
      ends: new Int32Array(64),
      escaped: new Uint8Array(64),
      count: 0,
      line: 1,
    };
  }

  /** Feed the next chunk. */
  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const used = this.parse(buf, false);
    if (used < buf.length) {
      if (buf.length - used > MAX_ROW_BYTES)
        throw new JmeterImportError("csv_row_too_long", { maxMb: MAX_ROW_BYTES / 1024 / 1024 }, { line: this.line });
      this.carry = buf.subarray(used);
    } else this.carry = null;
  }

  /** Flush the last row (a file need not end with a newline). */
  end(): void {
    if (this.carry && this.carry.length > 0) {
      const buf = this.carry;
      this.carry = null;
      const used = this.parse(buf, true);
      if (used < buf.length) throw new JmeterImportError("csv_unterminated_quote", {}, { line: this.line });
    }
  }

  /** Parses complete rows from `buf`; returns the offset of the first unconsumed byte. */
  private parse(buf: Buffer, isFinal: boolean): number {
    let rowStart = 0;
    while (rowStart < buf.length) {
      const next = this.parseOne(buf, rowStart, isFinal);
      if (next < 0) return rowStart;
      rowStart = next;
    }
    return buf.length;
  }

  /**
   * Parses the row starting at `rowStart` and hands it to onRow (blank lines are skipped).
   * Returns the offset after its line end, or -1 when the row is not complete in `buf`.
   */
  parseOne(buf: Buffer, rowStart: number, isFinal: boolean): number {
    const len = buf.length;
    const delim = this.delimiter;
    const row = this.row;
    row.buf = buf;
    let p = rowStart;
    let n = 0;
    let extraLines = 0;
    let complete = false;
    for (;;) {
      if (n === row.starts.length) this.grow();
      if (p < len && buf[p] === QUOTE) {
        // Quoted field: find the closing quote with native indexOf.
        let q = p + 1;
        let esc = 0;
        let close = -1;
        for (;;) {
          const k = buf.indexOf(QUOTE, q);
          if (k < 0) break;
          if (k + 1 < len && buf[k + 1] === QUOTE) {
            esc = 1;
            q = k + 2;
            continue;
          }
          if (k + 1 >= len && !isFinal) break; // the next chunk may start with the escaping quote
          close = k;
          break;
        }
        if (close < 0) return -1;
        for (let i = p + 1; i < close; i++) if (buf[i] === LF) extraLines++;
        row.starts[n] = p + 1;
        row.ends[n] = close;
        row.escaped[n] = esc;
        n++;
        p = close + 1;
        if (p >= len) {
          if (!isFinal) return -1;
          complete = true;
          break;
        }
        const c = buf[p];
        if (c === delim) {
          p++;
          continue;
        }
        if (c === LF || c === CR) {
          complete = true;
          break;
        }
        throw new JmeterImportError("csv_after_closing_quote", { char: String.fromCharCode(c ?? 0), field: n }, { line: this.line });
      } else {
        let k = p;
        while (k < len) {
          const c = buf[k];
          if (c === delim || c === LF || c === CR) break;
          k++;
        }
        if (k >= len && !isFinal) return -1;
        row.starts[n] = p;
        row.ends[n] = k;
        row.escaped[n] = 0;
        n++;
        if (k < len && buf[k] === delim) {
          p = k + 1;
          continue;
        }
        p = k;
        complete = true;
        break;
      }
    }
    if (!complete) return -1;
    // p is at \r, \n or len: consume the line end.
    if (p < len && buf[p] === CR) {
      if (p + 1 < len) {
        if (buf[p + 1] === LF) p++;
      } else if (!isFinal) return -1; // \r at chunk end: wait for a possible \n
    }
    // Skip blank lines (a trailing newline, or stray empty lines).
    if (!(n === 1 && row.starts[0] === row.ends[0] && row.escaped[0] === 0 && buf[rowStart] !== QUOTE)) {
      row.count = n;
      row.line = this.line;
      this.onRow(row);
    }
    this.line += 1 + extraLines;
    return p + 1;
  }

  /** The 1-based line the next row starts on. */
  get currentLine(): number {
    return this.line;
  }

  /** Advances the line counter for rows the caller parsed itself. */
  skipLines(n: number): void {
    this.line += n;
  }

  private grow(): void {
    const size = this.row.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.row.starts);
    const ends = new Int32Array(size);
    ends.set(this.row.ends);
    const escaped = new Uint8Array(size);
    escaped.set(this.row.escaped);
    this.row.starts = starts;
    this.row.ends = ends;
    this.row.escaped = escaped;
  }
}

/** The text of field i (UTF-8, `""` unescaped). */
export function fieldText(row: TCsvRow, i: number): string {
  const s = row.starts[i] ?? 0;
  const e = row.ends[i] ?? 0;
  const text = row.buf.toString("utf8", s, e);
  return row.escaped[i] ? text.replaceAll('""', '"') : text;
}
