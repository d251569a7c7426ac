/**
 * Streaming CSV JTL reader: chunks in, samples out to a JtlSink (one reused sample object). Works
 * out the delimiter, whether the first row is a header, the column layout of header-less files and
 * the timestamp format, unless the caller gives them.
 *
 * The hot loop (scanRow) splits a row and parses its whole numbers in one pass over its bytes.
 * Strings are made only for values that repeat (label, thread group: interned once) and
 * for what failures and transactions need; rows with a quoted line break go through the general
 * tokenizer. INVARIANT: memory stays constant — only the unfinished last row of a chunk is carried.
 */
import { JmeterImportError } from "../errors";
import type { TImportErrorCode, TImportErrorParams } from "../import-error-codes";
import { emptySample, SeriesCache, type TJtlSink } from "../sample";
import { parseIntAscii, startsWithTransactionMessage, threadGroupEnd } from "./bytes";
import { type TJtlField, detectDelimiter } from "./columns";
import { detectLayout } from "./detect-layout";
import { Interner } from "./interner";
import { scanRow, SLOW } from "./scan-row";
import { compileDateFormat, guessDateFormat, type TDateParser } from "./timestamp";
import { type TCsvRow, CsvTokenizer, fieldText } from "./tokenizer";

export interface TCsvJtlOptions {
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

export interface TCsvJtlInfo {
  delimiter: string;
  hasHeader: boolean;
  /** The JMeter field of each column (undefined for columns we ignore). */
  columns: (TJtlField | undefined)[];
  /** The header-less layout we recognised, if any. */
  layout?: string;
  timestampFormat?: string;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** Longest row we accept before calling the input broken (a runaway quote or binary junk). */
const MAX_ROW_BYTES = 16 * 1024 * 1024;
const READ_FIELDS = [
  "timeStamp",
  "elapsed",
  "label",
  "responseCode",
  "responseMessage",
  "threadName",
  "dataType",
  "success",
  "failureMessage",
  "bytes",
  "sentBytes",
  "URL",
  "Latency",
  "SampleCount",
  "ErrorCount",
  "IdleTime",
  "Connect",
] as const;
/** The columns read as whole numbers (scanRow parses them while splitting the row). */
const INT_FIELDS = ["timeStamp", "elapsed", "bytes", "sentBytes", "Latency", "SampleCount", "ErrorCount", "IdleTime", "Connect"] as const;

export class CsvJtlReader<S> {
  private tokenizer: CsvTokenizer | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private info: TCsvJtlInfo | null = null;
  private expectedFields = 0;
  private idx = {} as Record<(typeof READ_FIELDS)[number], number>;
  private parseDate: TDateParser | null = null;
  private readonly sample = emptySample();
  private readonly labels = new Interner();
  private readonly threads = new Interner();
  private readonly codes = new Interner();
  private readonly messages = new Interner();
  private readonly misc = new Interner();
  private delimiter = 0x2c;
  /** Whether scanRow may read rows (not when the delimiter could be part of a number). */
  private canScan = true;
  /** Series per (label id, thread group id). */
  private readonly seriesById: SeriesCache<S>;
  /** Labels whose URL was passed on (the results keep one per label); by label id, or by text for labels without an id. */
  private readonly urlById: boolean[] = [];
  private readonly labelsWithUrl = new Set<string>();
  private carry: Buffer | null = null;
  /** The row scanRow fills: field offsets in `buf`, and each whole-number column's value (NaN when it is not one). */
  private row: TCsvRow = {
    buf: Buffer.alloc(0),
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    escaped: new Uint8Array(0),
    count: 0,
    line: 0,
  };
  private vals = new Float64Array(0);
  private isInt = new Uint8Array(0);

  /** `layout`: a layout already worked out (a body reader in a worker thread, see readBody). */
  constructor(
    private readonly options: TCsvJtlOptions,
    private readonly sink: TJtlSink<S>,
    layout?: TCsvJtlInfo,
  ) {
    this.seriesById = new SeriesCache(sink);
    if (options.timestampFormat) this.parseDate = this.compile(options.timestampFormat);
    if (layout) {
      this.setDelimiter(layout.delimiter);
      this.useLayout(layout);
    }
  }

  get details(): TCsvJtlInfo | null {
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
    if (firstLine.includes("\u0000")) throw new JmeterImportError("csv_binary", {}, { line: 1 });
    const delimiter = this.options.delimiter ?? detectDelimiter(firstLine);
    if (delimiter.length !== 1) throw new JmeterImportError("csv_delimiter_length", { delimiter });
    this.setDelimiter(delimiter);
    let first = true;
    this.tokenizer = new CsvTokenizer(this.delimiter, (row) => {
      if (first) {
        first = false;
        if (this.setup(row, delimiter)) return; // a header row
      }
      if (row.count === this.expectedFields)
        for (let f = 0; f < row.count; f++)
          if (this.isInt[f]) this.vals[f] = row.escaped[f] ? NaN : parseIntAscii(row.buf, row.starts[f] as number, row.ends[f] as number);
      this.map(row);
    });
    this.drive(head, false);
  }

  private setDelimiter(delimiter: string): void {
    const d = delimiter.charCodeAt(0);
    this.delimiter = d;
    this.canScan = !((d >= 0x30 && d <= 0x39) || d === 0x2d || d === LF || d === CR || d === QUOTE);
  }

  /**
   * Reads the complete rows of `chunk` (after the carried partial row) in place; a partial last
   * row is carried to the next chunk. Only that row is ever copied.
   */
  private drive(chunk: Buffer, isFinal: boolean): void {
    let buf = chunk;
    let pos = 0;
    const carry = this.carry;
    this.carry = null;
    if (carry) {
      const lf = chunk.indexOf(LF);
      if (lf < 0 && !isFinal) {
        if (carry.length + chunk.length > MAX_ROW_BYTES)
          throw new JmeterImportError("csv_row_too_long", { maxMb: MAX_ROW_BYTES / 1024 / 1024 }, { line: this.tokenizer?.currentLine });
        this.carry = Buffer.concat([carry, chunk]);
        return;
      }
      // The carried row ends at the chunk's first line feed, unless a quoted field spans lines:
      // then read on from the whole concatenation.
      const head = lf < 0 ? Buffer.concat([carry, chunk]) : Buffer.concat([carry, chunk.subarray(0, lf + 1)]);
      const used = this.rows(head, 0, isFinal && lf < 0);
      if (used === head.length && lf >= 0) pos = lf + 1;
      else {
        buf = lf < 0 ? head : Buffer.concat([carry, chunk]);
        pos = used;
      }
    }
    this.readFrom(buf, pos, isFinal);
  }

  /** Reads the rows of `buf` from `pos` (a row start) and carries an unfinished last row. */
  private readFrom(buf: Buffer, pos: number, isFinal: boolean): void {
    pos = this.rows(buf, pos, isFinal);
    if (pos < buf.length) {
      if (isFinal) throw new JmeterImportError("csv_unterminated_quote", {}, { line: this.tokenizer?.currentLine });
      if (buf.length - pos > MAX_ROW_BYTES)
        throw new JmeterImportError("csv_row_too_long", { maxMb: MAX_ROW_BYTES / 1024 / 1024 }, { line: this.tokenizer?.currentLine });
      // A copy: holding a subarray would keep the whole chunk alive until the next one arrives.
      this.carry = Buffer.from(buf.subarray(pos));
    }
  }

  /** Whether the layout is known and the delimiter lets scanRow read rows: bodies may then be read elsewhere (readBody). */
  get canReadBodies(): boolean {
    return this.info !== null && this.canScan;
  }

  /**
   * Parallel import, step 1 for a chunk whose body (after its first line feed `lf`) another
   * reader took: reads the carried row and the chunk up to `lf`. True when that ends a row, so the
   * body starts a row and its rows are this file's; false when a quoted field runs past `lf` —
   * then the whole chunk has been read here and the body's rows must be dropped.
   */
  pushHead(chunk: Buffer, lf: number): boolean {
    const carry = this.carry;
    this.carry = null;
    const head = carry ? Buffer.concat([carry, chunk.subarray(0, lf + 1)]) : chunk.subarray(0, lf + 1);
    const used = this.rows(head, 0, false);
    if (used === head.length) return true;
    this.readFrom(carry ? Buffer.concat([carry, chunk]) : chunk, used, false);
    return false;
  }

  /** Parallel import, step 3: after the body's rows (`lines` lines, up to `pos`), the rest of the chunk. */
  pushRest(chunk: Buffer, pos: number, lines: number): void {
    (this.tokenizer as CsvTokenizer).skipLines(lines);
    this.readFrom(chunk, pos, false);
  }

  /**
   * A body reader's work (in a worker thread): the rows of buf[pos, end) that scanRow reads, up
   * to the first it declines or that is bad (quoted line break, wrong field count, a bad value):
   * the main reader reads on from there and reports errors with their line. `end` follows a line
   * feed. Returns where it stopped and the lines read.
   */
  readBody(buf: Buffer, pos: number, end: number): { stoppedAt: number; lines: number } {
    const row = this.row;
    row.buf = buf;
    let lines = 0;
    while (pos < end) {
      const next = scanRow(buf, pos, this.delimiter, this.expectedFields, this.row, this.vals, this.isInt);
      if (next === SLOW) break;
      if (row.count > 1 || row.ends[0] !== row.starts[0] || buf[pos] === QUOTE) {
        try {
          this.map(row);
        } catch (e) {
          if (e instanceof JmeterImportError) break;
          throw e;
        }
      }
      lines++;
      pos = next;
    }
    return { stoppedAt: pos, lines };
  }

  /** Reads rows from `pos`; returns the offset of the first row not complete in `buf`. */
  private rows(buf: Buffer, pos: number, isFinal: boolean): number {
    const tk = this.tokenizer as CsvTokenizer;
    const len = buf.length;
    // The first row always goes through the general tokenizer: it decides the layout.
    while (!this.info && pos < len) {
      const next = tk.parseOne(buf, pos, isFinal);
      if (next < 0) return pos;
      pos = next;
    }
    // scanRow reads only rows before the last line feed (which stops every loop in it); the
    // rest, and rows it declines, go through the tokenizer.
    const lastLf = this.canScan ? buf.lastIndexOf(LF) : -1;
    const row = this.row;
    row.buf = buf;
    let line = tk.currentLine;
    while (pos < len) {
      if (pos <= lastLf) {
        const next = scanRow(buf, pos, this.delimiter, this.expectedFields, this.row, this.vals, this.isInt);
        if (next !== SLOW) {
          if (row.count > 1 || row.ends[0] !== row.starts[0] || buf[pos] === QUOTE) {
            row.line = line;
            this.map(row);
          }
          line++;
          pos = next;
          continue;
        }
      }
      tk.skipLines(line - tk.currentLine);
      const next = tk.parseOne(buf, pos, isFinal);
      line = tk.currentLine;
      if (next < 0) break;
      pos = next;
      row.buf = buf;
    }
    tk.skipLines(line - tk.currentLine);
    return pos;
  }

  /** Decides the layout from the first row; true when the row was a header. */
  private setup(row: TCsvRow, delimiter: string): boolean {
    const info = detectLayout(row, delimiter, this.options);
    this.useLayout(info);
    return info.hasHeader;
  }

  private useLayout(info: TCsvJtlInfo): void {
    const { columns } = info;
    for (const f of READ_FIELDS) this.idx[f] = columns.indexOf(f);
    const n = columns.length;
    this.expectedFields = n;
    this.row = {
      buf: this.row.buf,
      starts: new Int32Array(n + 1),
      ends: new Int32Array(n + 1),
      escaped: new Uint8Array(n + 1),
      count: 0,
      line: 0,
    };
    this.vals = new Float64Array(n + 1);
    this.isInt = new Uint8Array(n + 1);
    // Only the first column of a field read (a header may repeat a name; indexOf picks the first).
    for (const f of INT_FIELDS) if (this.idx[f] >= 0) this.isInt[this.idx[f]] = 1;
    this.info = info;
  }

  private compile(format: string): TDateParser {
    return compileDateFormat(format, this.options.utcOffsetMinutes);
  }

  private fail<C extends TImportErrorCode>(row: TCsvRow, code: C, params: TImportErrorParams<C>): never {
    for (let i = row.starts[0] ?? 0; i < (row.ends[row.count - 1] ?? 0); i++)
      if ((row.buf[i] as number) < 0x09) throw new JmeterImportError("csv_binary_row", {}, { line: row.line });
    throw new JmeterImportError(code, params, { line: row.line });
  }

  /** Column i's whole number (parsed into `vals`); `fallback` when the column is absent or empty. */
  private num(row: TCsvRow, i: number, name: string, fallback: number): number {
    if (i < 0 || row.starts[i] === row.ends[i]) return fallback;
    const v = this.vals[i] as number;
    if (v !== v) this.fail(row, "csv_not_whole_number", { column: name, value: fieldText(row, i).slice(0, 40) });
    return v;
  }

  /** One row (from scanRow or the tokenizer, numbers in `vals`) → the sample → the sink. */
  private map(row: TCsvRow): void {
    if (row.count !== this.expectedFields)
      this.fail(row, row.count < this.expectedFields ? "csv_too_few_fields" : "csv_too_many_fields", {
        expected: this.expectedFields,
        found: row.count,
      });
    const { buf, starts, ends, escaped } = row;
    const idx = this.idx;
    const s = this.sample;
    // timeStamp: epoch ms, or a formatted date.
    const ti = idx.timeStamp;
    let ts = this.vals[ti] as number;
    if (ts !== ts) ts = this.date(row, ti);
    s.elapsedMs = this.num(row, idx.elapsed, "elapsed", NaN);
    if (Number.isNaN(s.elapsedMs)) this.fail(row, "csv_elapsed_empty", {});
    s.idleMs = this.num(row, idx.IdleTime, "IdleTime", 0);
    s.startMs = this.options.timestampIsEnd ? ts - s.elapsedMs : ts;
    const li = idx.label;
    const labelId = escaped[li] ? -1 : this.labels.id(buf, starts[li] as number, ends[li] as number);
    s.label = labelId >= 0 ? this.labels.text(labelId) : fieldText(row, li);
    // Only the thread-group part is kept ("Vote_Interface_Test 1-23" → "Vote_Interface_Test"): it is
    // all module mapping needs, and interning a few group names is far cheaper than every thread's.
    const tn = idx.threadName;
    let groupId = 0;
    if (tn < 0) s.threadName = "";
    else if (escaped[tn]) {
      groupId = -1;
      s.threadName = fieldText(row, tn);
    } else {
      const a = starts[tn] as number;
      const e = threadGroupEnd(buf, a, ends[tn] as number);
      groupId = this.threads.id(buf, a, e);
      s.threadName = groupId >= 0 ? this.threads.text(groupId) : buf.toString("utf8", a, e);
    }
    const si = idx.success;
    const c0 = buf[starts[si] as number];
    const len = (ends[si] as number) - (starts[si] as number);
    if ((c0 === 0x74 || c0 === 0x54) && len === 4) s.success = true;
    else if ((c0 === 0x66 || c0 === 0x46) && len === 5) s.success = false;
    else this.fail(row, "csv_success_not_boolean", { value: fieldText(row, si).slice(0, 40) });
    // dataType only tells a Transaction Controller sample (empty) from others.
    const dt = idx.dataType;
    const isDataTypeEmpty = dt < 0 || starts[dt] === ends[dt];
    const rm = idx.responseMessage;
    s.isTransaction = rm >= 0 && isDataTypeEmpty && startsWithTransactionMessage(buf, starts[rm] as number, ends[rm] as number);
    s.sampleCount = this.num(row, idx.SampleCount, "SampleCount", 1);
    s.errorCount = idx.ErrorCount < 0 ? (s.success ? 0 : 1) : this.num(row, idx.ErrorCount, "ErrorCount", 0);
    // The response code and messages only matter for failures (error kinds and examples; a
    // transaction's errors show its message): decoded only for them.
    const rc = idx.responseCode;
    s.responseCode =
      rc < 0 || s.success ? "" : escaped[rc] ? fieldText(row, rc) : this.codes.get(buf, starts[rc] as number, ends[rc] as number);
    const needsMessage = !s.success || (s.isTransaction && s.errorCount > 0);
    s.responseMessage =
      rm < 0 || !needsMessage ? "" : escaped[rm] ? fieldText(row, rm) : this.messages.get(buf, starts[rm] as number, ends[rm] as number);
    const fm = idx.failureMessage;
    s.failureMessage = fm >= 0 && !s.success ? fieldText(row, fm) : "";
    s.bytes = this.num(row, idx.bytes, "bytes", 0);
    s.sentBytes = this.num(row, idx.sentBytes, "sentBytes", 0);
    s.latencyMs = this.num(row, idx.Latency, "Latency", 0);
    s.connectMs = this.num(row, idx.Connect, "Connect", 0);
    s.url = "";
    const u = idx.URL;
    // One URL per label is all the results need (the slow-interface list).
    if (u >= 0 && !(labelId >= 0 ? this.urlById[labelId] : this.labelsWithUrl.has(s.label))) {
      s.url = this.misc.get(buf, starts[u] as number, ends[u] as number);
      if (s.url && s.url !== "null") {
        if (labelId >= 0) this.urlById[labelId] = true;
        else this.labelsWithUrl.add(s.label);
      }
    }
    this.seriesById.add(labelId, groupId, s);
  }

  /** A timeStamp that is not epoch ms: a formatted date in the given or detected format. */
  private date(row: TCsvRow, ti: number): number {
    if (!this.parseDate) {
      const text = fieldText(row, ti);
      const guessed = guessDateFormat(text);
      if (!guessed) this.fail(row, "csv_timestamp_unknown", { value: text.slice(0, 40) });
      this.parseDate = this.compile(guessed);
      if (this.info) this.info.timestampFormat = guessed;
    }
    const ts = this.parseDate(row.buf, row.starts[ti] as number, row.ends[ti] as number);
    if (Number.isNaN(ts))
      this.fail(row, "csv_timestamp_mismatch", { value: fieldText(row, ti).slice(0, 40), format: this.info?.timestampFormat ?? "" });
    return ts;
  }
}
