/**
 * Streaming CSV JTL reader: chunks in, JtlSample out (one reused object per row). Works out the
 * delimiter, whether the first row is a header, the column layout of header-less files and the
 * timestamp format, unless the caller gives them.
 */
import { JmeterImportError } from "../errors";
import { emptySample, type JtlSample, TRANSACTION_MESSAGE_PREFIX } from "../sample";
import { type JtlField, HEADERLESS_LAYOUTS, detectDelimiter, fieldForColumn, looksLikeHeader } from "./columns";
import { Interner } from "./interner";
import { compileDateFormat, guessDateFormat, type DateParser } from "./timestamp";
import { type CsvRow, CsvTokenizer, fieldText } from "./tokenizer";

export interface CsvJtlOptions {
  /** Field delimiter; detected from the first line (, ; tab |) when absent. */
  delimiter?: string;
  /** Column names for a file without a header row (JMeter header names, e.g. "timeStamp"). */
  fields?: string[];
  /** SimpleDateFormat pattern of formatted timestamps, e.g. "yyyy/MM/dd HH:mm:ss.SSS". */
  timestampFormat?: string;
  /** Zone of formatted timestamps, minutes east of UTC; default this process's zone. */
  utcOffsetMinutes?: number;
  /** The file was written with sampleresult.timestamp.start=false (timeStamp = sample end). */
  timestampIsEnd?: boolean;
}

export interface CsvJtlInfo {
  delimiter: string;
  hasHeader: boolean;
  /** The JMeter field of each column (undefined for columns we ignore). */
  columns: (JtlField | undefined)[];
  /** The header-less layout we recognised, if any. */
  layout?: string;
  timestampFormat?: string;
}

const TRANSACTION_PREFIX = Buffer.from(TRANSACTION_MESSAGE_PREFIX);
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export class CsvJtlReader {
  private tokenizer: CsvTokenizer | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private info: CsvJtlInfo | null = null;
  private expectedFields = 0;
  private idx: Record<JtlField, number> = {} as Record<JtlField, number>;
  private parseDate: DateParser | null = null;
  private readonly sample = emptySample();
  private readonly labels = new Interner();
  private readonly threads = new Interner();
  private readonly codes = new Interner();
  private readonly messages = new Interner();
  private readonly misc = new Interner();
  private delimiter = 0x2c;
  private readonly labelsWithUrl = new Set<string>();
  private carry: Buffer | null = null;
  private fastStarts = new Int32Array(256);
  private fastEnds = new Int32Array(256);
  private fastRowView: CsvRow = { buf: Buffer.alloc(0), starts: new Int32Array(0), ends: new Int32Array(0), escaped: new Uint8Array(256), count: 0, line: 0 };

  constructor(
    private readonly options: CsvJtlOptions,
    private readonly onSample: (s: JtlSample) => void,
  ) {
    if (options.timestampFormat) this.parseDate = this.compile(options.timestampFormat);
  }

  get details(): CsvJtlInfo | null {
    return this.info;
  }

  push(chunk: Buffer): void {
    if (this.tokenizer) return this.drive(chunk, false);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const joined = this.pending.length === 1 ? chunk : Buffer.concat(this.pending);
    const nl = joined.indexOf(LF);
    if (nl < 0 && this.pendingBytes < 1 << 20) return;
    this.start(joined);
  }

  end(): void {
    if (!this.tokenizer) {
      if (this.pendingBytes === 0) return;
      this.start(Buffer.concat(this.pending));
    }
    const rest = this.carry;
    this.carry = null;
    if (rest && rest.length > 0) this.drive(rest, true);
  }

  private start(head: Buffer): void {
    this.pending = [];
    const nl = head.indexOf(LF);
    const firstLine = head.toString("utf8", 0, nl < 0 ? Math.min(head.length, 4096) : nl);
    if (firstLine.includes("\u0000")) throw new JmeterImportError("binary data, not a CSV JTL", { line: 1 });
    const delimiter = this.options.delimiter ?? detectDelimiter(firstLine);
    if (delimiter.length !== 1) throw new JmeterImportError(`the delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
    let first = true;
    this.tokenizer = new CsvTokenizer(this.delimiter, (row) => {
      if (first) {
        first = false;
        if (this.setup(row, delimiter)) return; // a header row
      }
      this.map(row);
    });
    this.drive(head, false);
  }

  /**
   * The hot loop. Rows without quotes (nearly all of a JTL) are parsed in one pass over their bytes
   * by fastRow; a row with a quote goes through the general tokenizer (it may span lines).
   */
  private drive(chunk: Buffer, isFinal: boolean): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    const tk = this.tokenizer as CsvTokenizer;
    const len = buf.length;
    let pos = 0;
    while (!this.info && pos < len) {
      // The first row always goes through the general tokenizer: it decides the layout.
      const next = tk.parseOne(buf, pos, isFinal);
      if (next < 0) {
        this.carry = buf.subarray(pos);
        if (isFinal) throw new JmeterImportError("the file ends inside a quoted field (truncated?)", { line: tk.currentLine });
        return;
      }
      pos = next;
    }
    let lfAt = -2; // cached position of the next line feed (for quoted fields)
    const delim = this.delimiter;
    const starts = this.fastStarts;
    const ends = this.fastEnds;
    const escaped = this.fastRowView.escaped;
    const max = starts.length;
    const row = this.fastRowView;
    row.buf = buf;
    row.starts = starts;
    row.ends = ends;
    while (pos < len) {
      // Split the row at pos into fields, up to its line feed, in one pass over its bytes. A quoted
      // field is found with native indexOf; one holding a line feed, an unfinished one or a
      // malformed one sends the row to the general tokenizer (slow = true).
      let f = 0;
      let i = pos;
      let slow = false;
      let lastQuoted = false;
      for (;;) {
        if (i < len && buf[i] === QUOTE) {
          let q = i + 1;
          let esc = 0;
          let close = -1;
          for (;;) {
            const k = buf.indexOf(QUOTE, q);
            if (k < 0 || k + 1 >= len) break;
            if (buf[k + 1] === QUOTE) {
              esc = 1;
              q = k + 2;
              continue;
            }
            close = k;
            break;
          }
          if (close >= 0 && lfAt < i) {
            lfAt = buf.indexOf(LF, i);
            if (lfAt < 0) lfAt = len;
          }
          if (close < 0 || lfAt < close) {
            slow = true;
            break;
          }
          if (f < max) {
            starts[f] = i + 1;
            ends[f] = close;
            escaped[f] = esc;
          }
          f++;
          i = close + 1;
          const c = buf[i];
          if (c === delim) {
            i++;
            continue;
          }
          if (c === CR && buf[i + 1] === LF) i++;
          else if (c !== LF) {
            slow = true;
            break;
          }
          lastQuoted = true;
          break;
        }
        if (f < max) {
          starts[f] = i;
          escaped[f] = 0;
        }
        while (i < len) {
          const c = buf[i];
          if (c === delim || c === LF) break;
          i++;
        }
        if (f < max) ends[f] = i;
        f++;
        if (i >= len || buf[i] === LF) break;
        i++;
      }
      if (slow) {
        const next = tk.parseOne(buf, pos, isFinal);
        if (next < 0) break;
        pos = next;
        continue;
      }
      if (i >= len && !isFinal) break; // the row continues in the next chunk
      const last = Math.min(f, max) - 1;
      if (!lastQuoted && (ends[last] as number) > (starts[last] as number) && buf[(ends[last] as number) - 1] === CR)
        ends[last] = (ends[last] as number) - 1;
      if (f > 1 || ends[0] !== starts[0] || lastQuoted) {
        row.buf = buf;
        row.count = f;
        row.line = tk.currentLine;
        this.map(row);
      }
      tk.skipLines(1);
      pos = i + 1;
    }
    if (pos < len) {
      if (len - pos > 16 * 1024 * 1024)
        throw new JmeterImportError("a row longer than 16 MB: an unterminated quote or not a CSV file", { line: tk.currentLine });
      this.carry = buf.subarray(pos);
      if (isFinal) throw new JmeterImportError("the file ends inside a quoted field (truncated?)", { line: tk.currentLine });
    }
  }

  /** Decides the layout from the first row; true when the row was a header. */
  private setup(row: CsvRow, delimiter: string): boolean {
    const cells = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
    let columns: (JtlField | undefined)[];
    let hasHeader = false;
    let layout: string | undefined;
    if (looksLikeHeader(cells)) {
      hasHeader = true;
      columns = cells.map(fieldForColumn);
    } else if (this.options.fields) {
      columns = this.options.fields.map((f) => {
        const field = fieldForColumn(f);
        if (!field && f.trim() !== "") throw new JmeterImportError(`unknown field name "${f}" in the given field list`);
        return field;
      });
    } else {
      const match = HEADERLESS_LAYOUTS.find((l) => l.fields.length === row.count && this.plausible(cells, l.fields));
      if (!match)
        throw new JmeterImportError(
          `no header row, and ${row.count} columns match no JMeter default layout: give the field list ` +
            `(e.g. timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency)`,
          { line: row.line },
        );
      columns = match.fields;
      layout = match.name;
    }
    for (const required of ["timeStamp", "elapsed", "label", "success"] as const)
      if (!columns.includes(required))
        throw new JmeterImportError(`the columns lack "${required}" (columns: ${cells.join(delimiter)})`, { line: row.line });
    for (const f of [
      "timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType", "success", "failureMessage",
      "bytes", "sentBytes", "URL", "Latency", "SampleCount", "ErrorCount", "IdleTime", "Connect",
    ] as const)
      this.idx[f] = columns.indexOf(f);
    this.expectedFields = columns.length;
    if (columns.length >= this.fastStarts.length) {
      const size = columns.length + 1;
      this.fastStarts = new Int32Array(size);
      this.fastEnds = new Int32Array(size);
      this.fastRowView = { ...this.fastRowView, escaped: new Uint8Array(size) };
    }
    this.info = { delimiter, hasHeader, columns, layout, timestampFormat: this.options.timestampFormat };
    return hasHeader;
  }

  private plausible(cells: string[], fields: JtlField[]): boolean {
    const at = (f: JtlField) => cells[fields.indexOf(f)] ?? "";
    const ts = at("timeStamp");
    const isInt = (s: string) => /^-?\d+$/.test(s);
    return (isInt(ts) || guessDateFormat(ts) !== undefined) && isInt(at("elapsed")) && /^(true|false)$/i.test(at("success"));
  }

  private compile(format: string): DateParser {
    try {
      return compileDateFormat(format, this.options.utcOffsetMinutes);
    } catch (e) {
      throw new JmeterImportError((e as Error).message);
    }
  }

  private fail(row: CsvRow, message: string): never {
    for (let i = row.starts[0] ?? 0; i < (row.ends[row.count - 1] ?? 0); i++)
      if ((row.buf[i] as number) < 0x09) throw new JmeterImportError("binary data in the file (not a text JTL, or corrupted)", { line: row.line });
    throw new JmeterImportError(message, { line: row.line });
  }

  /** Field i as a whole number; `fallback` when the column is absent or empty. */
  private num(row: CsvRow, i: number, name: string, fallback: number): number {
    if (i < 0) return fallback;
    const a = row.starts[i] as number;
    const b = row.ends[i] as number;
    if (a === b) return fallback;
    const v = parseIntAscii(row.buf, a, b);
    if (Number.isNaN(v)) this.fail(row, `${name} ${JSON.stringify(fieldText(row, i).slice(0, 40))} is not a whole number`);
    return v;
  }

  private map(row: CsvRow): void {
    if (row.count !== this.expectedFields)
      this.fail(
        row,
        `expected ${this.expectedFields} fields, found ${row.count}` +
          (row.count < this.expectedFields ? " (a truncated row, or a different column layout)" : " (an unquoted delimiter, or a different column layout)"),
      );
    const { buf, starts, ends } = row;
    const idx = this.idx;
    const s = this.sample;
    // timeStamp: epoch ms, or a formatted date.
    const ti = idx.timeStamp;
    const ta = starts[ti] as number;
    const tb = ends[ti] as number;
    let ts = parseIntAscii(buf, ta, tb);
    if (Number.isNaN(ts)) {
      if (!this.parseDate) {
        const text = fieldText(row, ti);
        const guessed = guessDateFormat(text);
        if (!guessed) this.fail(row, `timeStamp ${JSON.stringify(text.slice(0, 40))} is neither epoch ms nor a date we know: give its format (e.g. yyyy/MM/dd HH:mm:ss.SSS)`);
        this.parseDate = this.compile(guessed);
        if (this.info) this.info.timestampFormat = guessed;
      }
      ts = this.parseDate(buf, ta, tb);
      if (Number.isNaN(ts)) this.fail(row, `timeStamp ${JSON.stringify(fieldText(row, ti).slice(0, 40))} does not match the timestamp format ${this.info?.timestampFormat ?? ""}`);
    }
    s.elapsedMs = this.num(row, idx.elapsed, "elapsed", NaN);
    if (Number.isNaN(s.elapsedMs)) this.fail(row, "elapsed is empty");
    s.idleMs = this.num(row, idx.IdleTime, "IdleTime", 0);
    s.startMs = this.options.timestampIsEnd ? ts - s.elapsedMs : ts;
    s.label = this.labels.get(buf, starts[idx.label] as number, ends[idx.label] as number);
    if (row.escaped[idx.label]) s.label = fieldText(row, idx.label);
    const tn = idx.threadName;
    // Only the thread-group part is kept ("Vote_Interface_Test 1-23" → "Vote_Interface_Test"): it is
    // all module mapping needs, and interning a few group names is far cheaper than every thread's.
    s.threadName = tn < 0 ? "" : row.escaped[tn] ? fieldText(row, tn) : this.threads.get(buf, starts[tn] as number, threadGroupEnd(buf, starts[tn] as number, ends[tn] as number));
    const si = idx.success;
    const c0 = buf[starts[si] as number];
    const len = (ends[si] as number) - (starts[si] as number);
    if ((c0 === 0x74 || c0 === 0x54) && len === 4) s.success = true;
    else if ((c0 === 0x66 || c0 === 0x46) && len === 5) s.success = false;
    else this.fail(row, `success ${JSON.stringify(fieldText(row, si).slice(0, 40))} is not true/false`);
    const rc = idx.responseCode;
    // The response code only matters for failures (error kinds): decoded only for them.
    s.responseCode = rc < 0 || s.success ? "" : row.escaped[rc] ? fieldText(row, rc) : this.codes.get(buf, starts[rc] as number, ends[rc] as number);
    const dt = idx.dataType;
    s.dataType = dt < 0 ? "" : this.misc.get(buf, starts[dt] as number, ends[dt] as number);
    // responseMessage is decoded only where it matters: failures and transaction samples.
    const rm = idx.responseMessage;
    s.isTransaction = false;
    s.responseMessage = "";
    if (rm >= 0) {
      const a = starts[rm] as number;
      const b = ends[rm] as number;
      if (b - a >= TRANSACTION_PREFIX.length && buf.compare(TRANSACTION_PREFIX, 0, TRANSACTION_PREFIX.length, a, a + TRANSACTION_PREFIX.length) === 0 && s.dataType === "") {
        s.isTransaction = true;
        s.responseMessage = row.escaped[rm] ? fieldText(row, rm) : this.messages.get(buf, a, b);
      } else if (!s.success) s.responseMessage = row.escaped[rm] ? fieldText(row, rm) : this.messages.get(buf, a, b);
    }
    const fm = idx.failureMessage;
    s.failureMessage = fm >= 0 && !s.success ? fieldText(row, fm) : "";
    s.bytes = this.num(row, idx.bytes, "bytes", 0);
    s.sentBytes = this.num(row, idx.sentBytes, "sentBytes", 0);
    s.latencyMs = this.num(row, idx.Latency, "Latency", 0);
    s.connectMs = this.num(row, idx.Connect, "Connect", 0);
    s.sampleCount = this.num(row, idx.SampleCount, "SampleCount", 1);
    s.errorCount = idx.ErrorCount < 0 ? (s.success ? 0 : 1) : this.num(row, idx.ErrorCount, "ErrorCount", 0);
    const u = idx.URL;
    // One URL per label is all the results need (the slow-interface list).
    if (u < 0 || this.labelsWithUrl.has(s.label)) s.url = "";
    else {
      s.url = this.misc.get(buf, starts[u] as number, ends[u] as number);
      if (s.url && s.url !== "null") this.labelsWithUrl.add(s.label);
    }
    this.onSample(s);
  }
}

/** End of the thread-group part of a JMeter thread name: before a trailing " <digits>-<digits>". */
function threadGroupEnd(buf: Buffer, s: number, e: number): number {
  let i = e - 1;
  const digitsEnd = i;
  while (i >= s && (buf[i] as number) >= 0x30 && (buf[i] as number) <= 0x39) i--;
  if (i === digitsEnd || i < s || buf[i] !== 0x2d) return e;
  i--;
  const secondEnd = i;
  while (i >= s && (buf[i] as number) >= 0x30 && (buf[i] as number) <= 0x39) i--;
  if (i === secondEnd || i < s || buf[i] !== 0x20) return e;
  while (i > s && buf[i - 1] === 0x20) i--;
  return i;
}

/** Digits (optional leading minus) to a number; NaN for anything else or an empty range. */
export function parseIntAscii(buf: Buffer, s: number, e: number): number {
  if (s >= e) return NaN;
  let neg = false;
  if (buf[s] === 0x2d) {
    neg = true;
    s++;
    if (s >= e) return NaN;
  }
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = (buf[i] as number) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}
