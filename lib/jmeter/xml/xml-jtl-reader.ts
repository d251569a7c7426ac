/**
 * Streaming XML JTL reader: `<testResults>` with `<httpSample>` / `<sample>` elements.
 * Only top-level samples count, as in JMeter's listeners: nested samples are sub-results
 * (redirects, embedded resources, the children of a parent-mode Transaction Controller).
 * Attributes: t lt ct ts s lb rc rm tn dt by sby sc ec it; `<java.net.URL>` child for the URL,
 * `<method>`, an assertion's `<failureMessage>`.
 *
 * A byte-level scanner over the chunks (no decoding of the whole file, no event objects): it reads
 * whole tokens (a tag, a run of text, a comment) from the buffer; a token cut by the chunk's end is
 * carried into the next chunk (long text, comments and CDATA are consumed as they come). Whole
 * numbers are parsed from bytes; labels, thread names, codes and messages are interned (decoded
 * once per distinct value); values with entity references or line breaks are decoded apart.
 * It checks well-formedness as the saxes parser it replaced did (testing/saxes-jtl-reader.ts is
 * the reference the tests compare it with): tags nest, names and attributes are well-formed and
 * not repeated, references are known, no forbidden characters, one root, declaration first.
 *
 * One state machine, kept in one file on purpose: its hot paths are private methods of one class.
 * Map of the file, top to bottom:
 *   constants      attribute indexes (A_*), attrIndex(), scan states (IN_*)
 *   XmlJtlReader   state fields, grouped: input · the open elements · the tag being read ·
 *                  the sample being read
 *     input        push() → feed() → scan(): the token loop; end(); XML 1.1 conversion; errors
 *     tags         startTag(), otherAttribute(), endTag(); bang() for comments, CDATA and DOCTYPE;
 *                  pi() for the declaration; reference() for &…; special() for control bytes
 *     text         textRun(), endRun(), and the checks on text outside <testResults>
 *     the JTL      open()/close() of elements, capture() of url/method/failureMessage, attribute
 *                  readers value()/interned()/int()/bool(), startTop() — where a top-level sample
 *                  becomes a JtlSample for the sink
 *   helpers        SiblingCounts (error paths), utf8(), newlines()
 */
import { JmeterImportError } from "../errors";
import type { TImportErrorCode, TImportErrorParams } from "../import-error-codes";
import { startsWithTransactionMessage } from "../csv/bytes";
import { Interner } from "../csv/interner";
import { emptySample, SeriesCache, type TSampleResult, type TJtlSink, TRANSACTION_MESSAGE_PREFIX } from "../sample";
import * as X from "./xml-syntax";

// Local copies: a module namespace's properties may be getters (CommonJS output, webpack).
const { TAB, LF, CR, SP, DQUOTE, HASH, AMP, SQUOTE, MINUS, SLASH, SEMI, LT, EQ, GT, QUESTION, LBRACKET, RBRACKET, BANG, EF } = X;
const { NAME_START, NAME_CHAR, ATTR_PLAIN } = X;

export interface TXmlJtlOptions {
  /** The file was written with sampleresult.timestamp.start=false (ts = sample end). */
  timestampIsEnd?: boolean;
}

/** Returned by a token scanner whose token the buffer does not hold whole. */
const MORE = -1;

// The attributes read from a top-level sample (indexes into the per-tag value arrays).
const A_T = 0;
const A_LT = 1;
const A_CT = 2;
const A_TS = 3;
const A_S = 4;
const A_LB = 5;
const A_RC = 6;
const A_RM = 7;
const A_TN = 8;
const A_DT = 9;
const A_BY = 10;
const A_SBY = 11;
const A_SC = 12;
const A_EC = 13;
const A_IT = 14;
const ATTRS = 15;
const ATTR_NAMES = ["t", "lt", "ct", "ts", "s", "lb", "rc", "rm", "tn", "dt", "by", "sby", "sc", "ec", "it"];

/** The known attribute a name's bytes are, or −1. */
function attrIndex(buf: Uint8Array, s: number, e: number): number {
  const len = e - s;
  const a = buf[s] as number;
  if (len === 1) return a === 0x74 ? A_T : a === 0x73 ? A_S : -1;
  if (len === 2) {
    switch ((a << 8) | (buf[s + 1] as number)) {
      case 0x6c74:
        return A_LT;
      case 0x6374:
        return A_CT;
      case 0x7473:
        return A_TS;
      case 0x6c62:
        return A_LB;
      case 0x7263:
        return A_RC;
      case 0x726d:
        return A_RM;
      case 0x746e:
        return A_TN;
      case 0x6474:
        return A_DT;
      case 0x6279:
        return A_BY;
      case 0x7363:
        return A_SC;
      case 0x6563:
        return A_EC;
      case 0x6974:
        return A_IT;
      default:
        return -1;
    }
  }
  return len === 3 && a === 0x73 && buf[s + 1] === 0x62 && buf[s + 2] === 0x79 ? A_SBY : -1;
}

/** A value's bytes hold a reference or a tab / line break: decode it with decodeAttribute. */
const F_DECODE = 1;

const SAMPLE_TAGS = new Set(["httpSample", "sample"]);

/** Inside a comment or CDATA section cut by a chunk's end. */
const IN_NONE = 0;
const IN_COMMENT = 1;
const IN_CDATA = 2;

export class XmlJtlReader<S = unknown> {
  // --- input ---
  /** Bytes not consumed yet (a token cut by the last chunk's end). */
  private carry: Buffer | null = null;
  /** Chunks held back until one holds `need` (the byte without which the carried token cannot end). */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** An XML 1.1 document (rare: JMeter writes 1.0): its bytes pass through this first. */
  private to10: X.Xml11To10 | null = null;
  /** The declaration just said 1.1: what follows it is still to convert. */
  private converted = true;
  private need = -1;
  /** Line of the next byte to consume (1-based; CR LF, CR and LF each end a line). */
  private line = 1;
  /** Nothing but a byte order mark consumed yet: an XML declaration may come. */
  private atStart = true;
  /** Past the point where a byte order mark may be. */
  private bomDone = false;
  private inside = IN_NONE;
  private sawRoot = false;
  private closedRoot = false;
  private sawDoctype = false;

  // --- the open elements ---
  private readonly stack: string[] = [];
  private readonly stackIds: number[] = [];
  /** counters[d]: how many children of each name the open element at depth d has had (reused). */
  private readonly counters: SiblingCounts[] = [new SiblingCounts()];
  /** Position of each open element among its same-named siblings (the error path, built only when needed). */
  private readonly indexes: number[] = [];
  private readonly names = new Interner();

  // --- the tag being read: its known attributes' value ranges in the buffer ---
  private readonly vStart = new Int32Array(ATTRS);
  private readonly vEnd = new Int32Array(ATTRS);
  private readonly vFlags = new Uint8Array(ATTRS);
  private seen = 0;
  private duplicate = "";
  /** Other attribute names: an id's generation = the tag that last had it (duplicates). */
  private readonly otherNames = new Interner();
  private otherSeen = new Int32Array(64);
  private tagNo = 0;
  private otherSet: Set<string> | null = null;
  /** The buffer the tag being opened was read from (its value ranges point into it). */
  private tagBuf: Buffer = Buffer.alloc(0);

  // --- the sample being read ---
  private readonly sample = emptySample();
  private inTop = false;
  /** The top-level sample's message is the Transaction Controller's. */
  private transactionMessage = false;
  private topHasChildSample = false;
  /** Text runs of the element whose text is captured (null: none is). */
  private text: string[] | null = null;
  /** Bytes of the captured text run so far, when a chunk's end cut it. */
  private runBytes: Buffer[] = [];
  private textTarget: "url" | "method" | "failureMessage" | null = null;
  private method = "";
  private readonly labels = new Interner();
  private readonly threads = new Interner(true);
  private readonly codes = new Interner();
  private readonly messages = new Interner();

  /** Interned label and thread name ids of the sample being read (−1: not interned). */
  private labelId = -1;
  private threadId = -1;
  /** sink series by label id, then thread name id. */
  private readonly series: SeriesCache<S> | null;

  /**
   * @param onSample gets each top-level sample (one reused object) — unless `sink` is given: then
   *   the sink gets them, with its series handle kept per (label, thread name).
   */
  constructor(
    private readonly options: TXmlJtlOptions,
    private readonly onSample: (s: TSampleResult) => void,
    private readonly sink?: TJtlSink<S>,
  ) {
    this.series = sink ? new SeriesCache(sink) : null;
  }

  push(chunk: Buffer): void {
    this.feed(this.to10 ? this.to10.convert(chunk) : chunk);
    if (this.to10 && !this.converted) this.convertRest();
  }

  /** After an XML 1.1 declaration: converts and reads what came after it. */
  private convertRest(): void {
    this.converted = true;
    const rest = this.carry ? Buffer.concat([this.carry, ...this.held]) : null;
    this.carry = null;
    this.held = [];
    this.heldBytes = 0;
    if (rest) this.feed((this.to10 as X.Xml11To10).convert(rest));
  }

  private feed(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (this.carry) {
      // (text directly in <testResults> is read once its "<" comes, or 64 kB of it: another format)
      if (this.need >= 0 && !chunk.includes(this.need) && (this.need !== LT || this.heldBytes + chunk.length < 1 << 16)) {
        this.held.push(chunk);
        this.heldBytes += chunk.length;
        return;
      }
      this.heldBytes = 0;
      // The carried token with the chunk's first bytes (not the whole chunk: no copy of it).
      let head = this.held.length > 0 ? Buffer.concat([this.carry, ...this.held]) : this.carry;
      this.held = [];
      for (let p = Math.min(chunk.length, 4096); ; p = Math.min(chunk.length, p * 4)) {
        const joined = Buffer.concat([head, chunk.subarray(0, p)]);
        const pos = this.scan(joined, 0, false);
        if (pos >= head.length) {
          start = pos - head.length;
          if (!this.converted) {
            this.carry = Buffer.from(chunk.subarray(start));
            return;
          }
          break;
        }
        if (p === chunk.length) {
          this.carry = Buffer.from(joined.subarray(pos));
          return;
        }
        head = joined.subarray(pos, head.length);
      }
    }
    const pos = this.scan(chunk, start, false);
    this.carry = pos < chunk.length ? Buffer.from(chunk.subarray(pos)) : null;
  }

  end(): void {
    if (this.to10) this.feed(this.to10.flush());
    let rest: Buffer = Buffer.alloc(0);
    if (this.carry) {
      const buf = Buffer.concat([this.carry, ...this.held]);
      rest = buf.subarray(this.scan(buf, 0, true));
    }
    if (this.to10 && !this.converted) {
      this.converted = true;
      const buf = Buffer.concat([this.to10.convert(rest), this.to10.flush()]);
      rest = buf.subarray(this.scan(buf, 0, true));
    }
    if (this.stack.length > 0)
      throw new JmeterImportError(
        "xml_truncated",
        { element: this.stack[this.stack.length - 1] ?? "" },
        { line: this.line + newlines(rest), path: this.where() },
      );
    if (rest.length > 0 || this.inside !== IN_NONE)
      this.wellFormed("unexpected end (a tag, comment or declaration left open).", this.line + newlines(rest));
    if (!this.sawRoot) throw new JmeterImportError("xml_no_test_results", {});
  }

  private where(): string {
    return "/" + this.stack.map((name, d) => `${name}[${this.indexes[d]}]`).join("/");
  }

  private fail<C extends TImportErrorCode>(code: C, params: TImportErrorParams<C>, line = this.line): never {
    throw new JmeterImportError(code, params, { line, path: this.where() });
  }

  private wellFormed(detail: string, line = this.line): never {
    this.fail("xml_not_well_formed", { detail }, line);
  }

  /** Consumes the tokens `buf` holds whole; returns where the first one it does not starts (`final`: the input ends there). */
  private scan(buf: Buffer, start: number, final: boolean): number {
    const end = buf.length;
    let pos = start;
    this.need = -1;
    if (!this.bomDone) {
      // A byte order mark (the caller strips the first; saxes skipped one more).
      if (buf[0] === 0xef && end < 3 && !final && (end < 2 || buf[1] === 0xbb)) return 0;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      this.bomDone = true;
    }
    if (this.inside !== IN_NONE) {
      pos = this.sectionBody(buf, pos, end, final, this.inside === IN_COMMENT ? MINUS : RBRACKET);
      if (this.inside !== IN_NONE) return pos;
    }
    while (pos < end && this.converted) {
      if (buf[pos] !== LT) {
        const stop = this.textRun(buf, pos, end, final);
        if (stop < 0) return pos;
        this.atStart = false;
        if (stop < end && buf[stop] !== LT) return stop;
        pos = stop;
        continue;
      }
      if (this.runBytes.length > 0) this.endRun(Buffer.alloc(0)); // a captured run cut just before its "<"
      if (pos + 1 >= end) return pos;
      const c = buf[pos + 1] as number;
      const line0 = this.line;
      let next: number;
      if (NAME_START[c]) next = this.startTag(buf, pos, end);
      else if (c === SLASH) next = this.endTag(buf, pos, end);
      else if (c === BANG) next = this.bang(buf, pos, end, final);
      else if (c === QUESTION) next = this.pi(buf, pos, end);
      else this.wellFormed("disallowed character in tag name.");
      if (next === MORE) {
        // (the token scanners return MORE without a property access: no deoptimisation at each chunk's end)
        this.line = line0;
        this.need = GT; // every markup token ends with ">"
        return pos;
      }
      this.atStart = false;
      pos = next;
      if (this.inside !== IN_NONE) return pos;
    }
    return pos;
  }

  // ------------------------------------------------------------------ tags

  /** `<name attr="value" …>` or `…/>` at `pos`: the offset after it, or MORE. */
  private startTag(buf: Buffer, pos: number, end: number): number {
    let i = pos + 1;
    let ascii = true;
    let c = 0;
    for (;;) {
      if (i >= end) return MORE;
      c = buf[i] as number;
      if (!NAME_CHAR[c]) break;
      if (c >= 0x80) ascii = false;
      i++;
    }
    const nameEnd = i;
    if (!ascii && !X.isXmlName(utf8(buf, pos + 1, nameEnd)))
      this.wellFormed(`disallowed character in tag name: ${JSON.stringify(utf8(buf, pos + 1, nameEnd))}.`);
    if (this.closedRoot) this.wellFormed("documents may contain only one root.");
    const top = this.stack.length === 1; // this element is a top-level sample (if it is a sample)
    this.seen = 0;
    this.duplicate = "";
    this.tagNo++;
    this.otherSet = null;
    let afterValue = false;
    let selfClosing = false;
    for (;;) {
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= end) return MORE;
        if (buf[i + 1] !== GT) this.wellFormed("forward-slash in opening tag not followed by >.");
        i += 2;
        selfClosing = true;
        break;
      }
      if (c !== SP && c !== LF && c !== TAB && c !== CR) {
        if (!afterValue) this.wellFormed("disallowed character in tag name.");
        this.wellFormed(NAME_START[c] ? "no whitespace between attributes." : "disallowed character in attribute name.");
      }
      // whitespace, then an attribute or the tag's end
      do {
        if (c === LF) this.line++;
        else if (c === CR && buf[i + 1] !== LF) {
          if (i + 1 >= end) return MORE;
          this.line++;
        }
        if (++i >= end) return MORE;
        c = buf[i] as number;
      } while (c === SP || c === LF || c === TAB || c === CR);
      if (c === GT || c === SLASH) continue;
      if (!NAME_START[c]) this.wellFormed("disallowed character in attribute name.");
      const nameStart = i;
      ascii = true;
      do {
        if (c >= 0x80) ascii = false;
        if (++i >= end) return MORE;
        c = buf[i] as number;
      } while (NAME_CHAR[c]);
      const attrNameEnd = i;
      if (!ascii && !X.isXmlName(utf8(buf, nameStart, attrNameEnd)))
        this.wellFormed(`disallowed character in attribute name: ${JSON.stringify(utf8(buf, nameStart, attrNameEnd))}.`);
      if (c !== EQ) {
        i = this.skipSpaces(buf, i, end);
        if (i === MORE) return MORE;
        if (buf[i] !== EQ) this.wellFormed("attribute without value.");
      }
      if (++i >= end) return MORE;
      if (!(buf[i] === DQUOTE || buf[i] === SQUOTE)) {
        i = this.skipSpaces(buf, i, end);
        if (i === MORE) return MORE;
      }
      const q = buf[i] as number;
      if (q !== DQUOTE && q !== SQUOTE) this.wellFormed("unquoted attribute value.");
      const valueStart = ++i;
      let flags = 0;
      for (;;) {
        if (i >= end) return MORE;
        c = buf[i] as number;
        if (ATTR_PLAIN[c]) {
          i++;
          continue;
        }
        if (c === q) break;
        if (c === DQUOTE || c === SQUOTE) i++;
        else if (c === AMP) {
          const after = this.reference(buf, i, end);
          if (after === MORE) return MORE;
          flags = F_DECODE;
          i = after;
        } else if (c === LF || c === TAB) {
          if (c === LF) this.line++;
          flags = F_DECODE;
          i++;
        } else if (c === CR) {
          if (i + 1 >= end) return MORE;
          if (buf[i + 1] !== LF) this.line++;
          flags = F_DECODE;
          i++;
        } else if (c === EF) {
          if (i + 2 >= end) return MORE;
          this.checkEF(buf, i);
          i++;
        } else this.wellFormed(c === LT ? "disallowed character: < in an attribute value." : "disallowed character.");
      }
      const k = attrIndex(buf, nameStart, attrNameEnd);
      if (k >= 0) {
        const bit = 1 << k;
        if (this.seen & bit) this.duplicate ||= ATTR_NAMES[k] as string;
        this.seen |= bit;
        if (top) {
          this.vStart[k] = valueStart;
          this.vEnd[k] = i;
          this.vFlags[k] = flags;
        }
      } else this.otherAttribute(buf, nameStart, attrNameEnd);
      if (++i >= end) return MORE;
      c = buf[i] as number;
      afterValue = true;
    }
    if (this.duplicate) this.wellFormed(`duplicate attribute: ${this.duplicate}.`);
    const id = this.names.id(buf, pos + 1, nameEnd);
    this.tagBuf = buf;
    this.open(id >= 0 ? this.names.text(id) : utf8(buf, pos + 1, nameEnd), id);
    if (selfClosing) this.close();
    return i;
  }

  /** Skips whitespace from `i`: the offset of the next other byte, or MORE. */
  private skipSpaces(buf: Buffer, i: number, end: number): number {
    for (;;) {
      if (i >= end) return MORE;
      const c = buf[i] as number;
      if (c === SP || c === TAB) i++;
      else if (c === LF) {
        this.line++;
        i++;
      } else if (c === CR) {
        if (i + 1 >= end) return MORE;
        if (buf[i + 1] !== LF) this.line++;
        i++;
      } else return i;
    }
  }

  /** Fails on U+FFFE / U+FFFF at `i` (an EF byte with two more in the buffer). */
  private checkEF(buf: Buffer, i: number): void {
    if (buf[i + 1] === 0xbf && (buf[i + 2] === 0xbe || buf[i + 2] === 0xbf)) this.wellFormed("disallowed character (U+FFFE or U+FFFF).");
  }

  /** An attribute the reader does not read: only checked for duplicates. */
  private otherAttribute(buf: Buffer, ns: number, ne: number): void {
    const id = this.otherNames.id(buf, ns, ne);
    if (id < 0) {
      const name = utf8(buf, ns, ne);
      this.otherSet ??= new Set();
      if (this.otherSet.has(name)) this.duplicate ||= name;
      this.otherSet.add(name);
      return;
    }
    if (id >= this.otherSeen.length) {
      const grown = new Int32Array(Math.max(id + 1, this.otherSeen.length * 2));
      grown.set(this.otherSeen);
      this.otherSeen = grown;
    }
    if (this.otherSeen[id] === this.tagNo) this.duplicate ||= this.otherNames.text(id);
    this.otherSeen[id] = this.tagNo;
  }

  /** `</name>` at `pos`: the offset after it, or MORE. */
  private endTag(buf: Buffer, pos: number, end: number): number {
    let i = pos + 2;
    let ascii = true;
    while (i < end && NAME_CHAR[buf[i] as number]) {
      if ((buf[i] as number) >= 0x80) ascii = false;
      i++;
    }
    const nameEnd = i;
    i = this.skipSpaces(buf, i, end);
    if (i === MORE) return MORE;
    if (buf[i] !== GT) this.wellFormed("disallowed character in closing tag.");
    if (nameEnd === pos + 2) this.wellFormed("weird empty close tag.");
    const depth = this.stack.length;
    const id = this.names.id(buf, pos + 2, nameEnd);
    const same = depth > 0 && (id >= 0 ? id === this.stackIds[depth - 1] : utf8(buf, pos + 2, nameEnd) === this.stack[depth - 1]);
    if (!same) {
      const name = utf8(buf, pos + 2, nameEnd);
      if (!ascii && !X.isXmlName(name)) this.wellFormed("disallowed character in closing tag.");
      this.wellFormed(
        depth > 0 ? `unexpected close tag </${name}> (expected </${this.stack[depth - 1]}>).` : `unmatched closing tag: ${name}.`,
      );
    }
    this.close();
    return i + 1;
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE` at `pos`. */
  private bang(buf: Buffer, pos: number, end: number, final: boolean): number {
    const want = buf[pos + 2] === MINUS ? "--" : buf[pos + 2] === LBRACKET ? "[CDATA[" : "DOCTYPE";
    for (let k = 0; k < want.length; k++) {
      if (pos + 2 + k >= end) return MORE;
      if (buf[pos + 2 + k] !== want.charCodeAt(k)) this.wellFormed("incorrect syntax (expected <!--, <![CDATA[ or <!DOCTYPE).");
    }
    const body = pos + 2 + want.length;
    if (want === "--") {
      this.inside = IN_COMMENT;
      return this.sectionBody(buf, body, end, final, MINUS);
    }
    if (want === "[CDATA[") {
      if (!this.sawRoot || this.closedRoot) this.wellFormed("text data outside of root node.");
      this.inside = IN_CDATA;
      return this.sectionBody(buf, body, end, final, RBRACKET);
    }
    if (this.sawDoctype || this.sawRoot) this.wellFormed("inappropriately located doctype declaration.");
    const after = this.doctype(buf, body, end);
    if (after !== MORE) this.sawDoctype = true;
    return after;
  }

  /**
   * A comment's body (`mark` "-": it ends at `-->`, and "--" may not stand inside it) or a CDATA
   * section's (`mark` "]": it ends at `]]>`; its text is not read, as before) from `i`. Returns the
   * offset after the end, or, the chunk ending first, where to go on from (`inside` stays set).
   */
  private sectionBody(buf: Buffer, i: number, end: number, final: boolean, mark: number): number {
    for (;;) {
      if (i >= end) return i;
      const c = buf[i] as number;
      if (c === mark) {
        if (i + 2 >= end) return final ? end : i;
        if (buf[i + 1] === mark) {
          if (buf[i + 2] === GT) {
            this.inside = IN_NONE;
            return i + 3;
          }
          if (mark === MINUS) this.wellFormed('malformed comment ("--" inside it).');
        }
        i++;
      } else if (c >= SP && c !== EF) i++;
      else {
        const next = this.special(buf, i, end);
        if (next === MORE) return final ? end : i;
        i = next;
      }
    }
  }

  /** A control character or EF byte at `i` outside tags: counts the line, or fails; the offset after it, or MORE. */
  private special(buf: Buffer, i: number, end: number): number {
    const c = buf[i] as number;
    if (c === LF) this.line++;
    else if (c === CR) {
      if (i + 1 >= end) return MORE;
      if (buf[i + 1] !== LF) this.line++;
    } else if (c === EF) {
      if (i + 2 >= end) return MORE;
      this.checkEF(buf, i);
    } else if (c !== TAB) this.wellFormed("disallowed character.");
    return i + 1;
  }

  /**
   * A DOCTYPE declaration's rest from `i`, skipped as saxes did (its entities are not defined):
   * quoted strings, an internal subset in [ ], and in it comments and processing instructions;
   * as in saxes, the character after a "<" in the subset (and after "<!") is taken with it.
   * The offset after it, or MORE.
   */
  private doctype(buf: Buffer, i: number, end: number): number {
    let q = 0;
    let dtd = false;
    for (; i < end; i++) {
      const c = buf[i] as number;
      if (c < SP || c === EF) {
        if (this.special(buf, i, end) === MORE) return MORE;
        continue;
      }
      if (q) {
        if (c === q) q = 0;
      } else if (c === DQUOTE || c === SQUOTE) q = c;
      else if (!dtd) {
        if (c === GT) return i + 1;
        if (c === LBRACKET) dtd = true;
      } else if (c === RBRACKET) dtd = false;
      else if (c === LT) {
        if (i + 3 >= end) return MORE;
        const c1 = buf[i + 1] as number;
        let skip = 1; // characters taken with the "<"
        if (c1 === BANG) {
          skip = 2;
          if (buf[i + 2] === MINUS) {
            skip = 3;
            if (buf[i + 3] === MINUS) {
              const close = buf.indexOf("--", i + 4);
              if (close < 0 || close + 2 >= end) return MORE;
              if (buf[close + 2] !== GT) this.wellFormed('malformed comment ("--" inside it).');
              skip = close + 2 - i;
            }
          }
        } else if (c1 === QUESTION) {
          // a processing instruction: to the first ">" after a "?"
          const question = buf.indexOf(QUESTION, i + 2);
          const gt = question < 0 ? -1 : buf.indexOf(GT, question + 1);
          if (gt < 0) return MORE;
          skip = gt - i;
        }
        for (let k = i + 1; k <= i + skip; k++)
          if (((buf[k] as number) < SP || buf[k] === EF) && this.special(buf, k, end) === MORE) return MORE;
        i += skip;
      }
    }
    return MORE;
  }

  /** `<?target …?>` at `pos`: the XML declaration (first in the file only) or a processing instruction, skipped. */
  private pi(buf: Buffer, pos: number, end: number): number {
    let i = pos + 2;
    if (i >= end) return MORE;
    let c = buf[i] as number;
    if (!NAME_START[c])
      this.wellFormed(
        c === QUESTION || X.isSpace(c)
          ? "processing instruction without a target."
          : "disallowed character in processing instruction name.",
      );
    while (NAME_CHAR[c]) {
      if (++i >= end) return MORE;
      c = buf[i] as number;
    }
    const target = utf8(buf, pos + 2, i);
    if (!X.isXmlName(target) || (c !== QUESTION && !X.isSpace(c))) this.wellFormed("disallowed character in processing instruction name.");
    const bodyStart = i;
    if (target === "xml") {
      if (!this.atStart) this.wellFormed("an XML declaration must be at the start of the document.");
      const question = buf.indexOf(QUESTION, i);
      if (question < 0 || question + 1 >= end) return MORE;
      if (buf[question + 1] !== GT) this.wellFormed("The character ? is disallowed anywhere in XML declarations.");
      for (let k = i; k < question; k++) if ((buf[k] as number) < SP || buf[k] === EF) this.special(buf, k, end);
      const body = utf8(buf, bodyStart, question);
      const { problem, version } = X.xmlDeclaration(body);
      if (problem) this.wellFormed(problem);
      if (version !== "1.0") {
        this.line += (body.match(/\u2028|(?<!\r)\u0085/g) ?? []).length; // 1.1 line breaks
        // XML 1.1: the scan stops after the declaration; what follows is converted first (push)
        this.to10 = new X.Xml11To10();
        this.converted = false;
      }
      return question + 2;
    }
    for (; i + 1 < end; i++) {
      c = buf[i] as number;
      if (c === QUESTION && buf[i + 1] === GT) {
        if (target.toLowerCase() === "xml") this.wellFormed("the XML declaration must appear at the start of the document.");
        return i + 2;
      }
      if ((c < SP || c === EF) && this.special(buf, i, end) === MORE) break;
    }
    return MORE;
  }

  /**
   * A reference at `i` (`&`): checks it is well-formed and known; the offset after its `;`, or MORE.
   * Scans only name characters (and `#`): a reference cannot hold others.
   */
  private reference(buf: Buffer, i: number, end: number): number {
    let j = i + 1;
    if (j < end && buf[j] === HASH) j++;
    while (j < end && NAME_CHAR[buf[j] as number]) j++;
    if (j >= end) return MORE;
    const ref = utf8(buf, i + 1, j);
    if (buf[j] !== SEMI) this.wellFormed(`a reference without its ";": ${JSON.stringify("&" + ref)}.`);
    const problem = X.entityProblem(ref, this.to10 !== null);
    if (problem) this.wellFormed(problem);
    return j + 1;
  }

  // ------------------------------------------------------------------ text

  /**
   * Character data from `pos`: the offset of the `<` that ends it; or, the chunk ending first,
   * how far it was consumed (< end), or −1 when it must be read whole with what follows (carried).
   */
  private textRun(buf: Buffer, pos: number, end: number, final: boolean): number {
    const depth = this.stack.length;
    const line0 = this.line;
    const capture = this.text !== null;
    let i = pos;
    let plain = true; // only spaces, tabs and line breaks so far
    let firstLine = line0; // of the first other character
    let brackets = 0;
    let stop = -1; // where a construct cut by the chunk's end starts
    while (i < end) {
      const c = buf[i] as number;
      if (c === LT) break;
      if (c === SP || c === LF || c === TAB || c === CR) {
        brackets = 0;
        if (c === LF) this.line++;
        else if (c === CR) {
          if (i + 1 >= end && !final) {
            stop = i;
            break;
          }
          if (buf[i + 1] !== LF) this.line++;
        }
        i++;
        continue;
      }
      if (plain) {
        plain = false;
        firstLine = this.line;
      }
      if (depth === 0) this.outsideText(buf, pos, end);
      if (c === RBRACKET) {
        brackets++;
        i++;
      } else if (c === GT) {
        if (brackets >= 2) this.wellFormed('the string "]]>" is disallowed in char data.');
        brackets = 0;
        i++;
      } else if (c === AMP) {
        brackets = 0;
        const after = this.reference(buf, i, end);
        if (after === MORE) {
          stop = i;
          break;
        }
        i = after;
      } else if (c >= SP && c !== EF) {
        brackets = 0;
        i++;
      } else {
        brackets = 0;
        const next = this.special(buf, i, end);
        if (next === MORE) {
          stop = i;
          break;
        }
        i = next;
      }
    }
    if (i < end && buf[i] === LT) {
      // the run ends here
      if (depth === 1 && !plain) this.checkOuterText(X.decodeText(buf.subarray(pos, i)), firstLine);
      if (capture) this.endRun(buf.subarray(pos, i));
      return i;
    }
    // the chunk ends inside the run
    if (final) return stop >= 0 ? stop : end;
    if (depth === 1 && !plain) {
      // Read with what follows, up to its "<"; a long one is another format: say so now.
      if (end - pos > 1 << 16) this.checkOuterText(X.decodeText(buf.subarray(pos, end)), firstLine);
      this.line = line0;
      this.need = LT;
      return -1;
    }
    if (stop < 0) stop = end;
    while (stop > pos && buf[stop - 1] === RBRACKET) stop--; // "]]>" may be cut
    if (capture && stop > pos) this.runBytes.push(Buffer.from(buf.subarray(pos, stop)));
    this.need = -1;
    return stop;
  }

  /** The captured text run ends with `last`. */
  private endRun(last: Buffer): void {
    const run = this.runBytes.length ? Buffer.concat([...this.runBytes, last]) : last;
    this.runBytes = [];
    if (run.length > 0) (this.text as string[]).push(X.decodeText(run));
  }

  /** Text at depth 0 that is not whitespace (saxes: "text data outside of root node"). */
  private outsideText(buf: Buffer, pos: number, end: number): never {
    const lt = buf.indexOf(LT, pos);
    this.mixedFormats(utf8(buf, pos, lt < 0 || lt > end ? end : lt), this.line);
  }

  /** Text directly in <testResults> (or outside it) that is not blank: another format mixed in. */
  private checkOuterText(t: string, line: number): void {
    if (t.trim() !== "") this.mixedFormats(t, line);
  }

  private mixedFormats(t: string, line: number): never {
    this.fail("xml_text_outside_sample", { text: t.trim().slice(0, 40) }, line);
  }

  // ------------------------------------------------------------------ the JTL

  private open(name: string, id: number): void {
    const parentDepth = this.stack.length;
    const n = (this.counters[parentDepth] as SiblingCounts).next(name, id);
    const children = this.counters[parentDepth + 1];
    if (!children) this.counters.push(new SiblingCounts());
    else children.clear();
    this.stack.push(name);
    this.stackIds.push(id);
    this.indexes.push(n);
    this.sawRoot = true;
    const depth = this.stack.length;
    if (depth === 1) {
      if (name === "jmeterTestPlan") this.fail("xml_is_jmx", {});
      if (name !== "testResults") this.fail("xml_unexpected_root", { element: name });
      return;
    }
    if (depth === 2) {
      if (!SAMPLE_TAGS.has(name)) this.fail("xml_unexpected_sample", { element: name });
      this.startTop();
      return;
    }
    if (!this.inTop) return;
    if (SAMPLE_TAGS.has(name)) {
      this.topHasChildSample = true;
      return;
    }
    if (depth === 3 && name === "java.net.URL") this.capture("url");
    else if (depth === 3 && name === "method") this.capture("method");
    else if (depth === 4 && name === "failureMessage" && this.stack[2] === "assertionResult" && !this.sample.failureMessage)
      this.capture("failureMessage");
  }

  private capture(target: "url" | "method" | "failureMessage"): void {
    this.text = [];
    this.runBytes = [];
    this.textTarget = target;
  }

  private close(): void {
    const depth = this.stack.length;
    if (this.text && this.textTarget) {
      const value = this.text.join("");
      if (this.textTarget === "url") this.sample.url = value.trim();
      else if (this.textTarget === "method") this.method = value.trim();
      else this.sample.failureMessage = value;
      this.text = null;
      this.textTarget = null;
    }
    if (depth === 2 && this.inTop) {
      const s = this.sample;
      if (this.topHasChildSample && this.transactionMessage) s.isTransaction = true;
      this.inTop = false;
      s.method = this.method;
      if (this.series) this.series.add(this.labelId, this.threadId, s);
      else this.onSample(s);
    }
    this.stack.pop();
    this.stackIds.pop();
    this.indexes.pop();
    if (this.stack.length === 0) this.closedRoot = true;
  }

  /** A known attribute's value (decoded), or undefined when the tag has none. */
  private value(k: number, buf: Buffer, intern: Interner | null): string | undefined {
    if (!(this.seen & (1 << k))) return undefined;
    const s = this.vStart[k] as number;
    const e = this.vEnd[k] as number;
    if (this.vFlags[k]) return X.decodeAttribute(buf, s, e);
    return intern ? intern.get(buf, s, e) : utf8(buf, s, e);
  }

  /** Set by interned: the value's id, −1 when it has none. */
  private lastId = -1;

  /** A known attribute's value through `intern` ("" when absent); its id in lastId. */
  private interned(k: number, buf: Buffer, intern: Interner): string {
    this.lastId = -1;
    if (!(this.seen & (1 << k))) return "";
    const s = this.vStart[k] as number;
    const e = this.vEnd[k] as number;
    if (this.vFlags[k]) return X.decodeAttribute(buf, s, e);
    const id = intern.id(buf, s, e);
    this.lastId = id;
    return id >= 0 ? intern.text(id) : utf8(buf, s, e);
  }

  /** A whole-number attribute; `fallback` when absent or empty (as Number() would read it, digits fast). */
  private int(k: number, buf: Buffer, fallback: number): number {
    if (!(this.seen & (1 << k))) return fallback;
    const s = this.vStart[k] as number;
    const e = this.vEnd[k] as number;
    if (s === e) return fallback;
    if (!this.vFlags[k] && e - s <= 15) {
      let i = s;
      const neg = buf[i] === MINUS;
      if (neg) i++;
      let v = 0;
      for (; i < e; i++) {
        const d = (buf[i] as number) - 0x30;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (i === e && e > s + (neg ? 1 : 0)) return neg ? -v : v;
    }
    const text = this.value(k, buf, null) as string;
    if (text === "") return fallback;
    const n = Number(text);
    if (!Number.isInteger(n)) this.fail("xml_attribute_not_integer", { attribute: ATTR_NAMES[k] ?? "", value: text.slice(0, 40) });
    return n;
  }

  /** True/false of `s`; undefined for anything else. */
  private bool(buf: Buffer): boolean | undefined {
    if (!(this.seen & (1 << A_S))) return undefined;
    const s = this.vStart[A_S] as number;
    const e = this.vEnd[A_S] as number;
    if (!this.vFlags[A_S]) {
      if (e - s === 4 && buf[s] === 0x74 && buf[s + 1] === 0x72 && buf[s + 2] === 0x75 && buf[s + 3] === 0x65) return true;
      if (e - s === 5 && buf[s] === 0x66 && buf[s + 1] === 0x61 && buf[s + 2] === 0x6c && buf[s + 3] === 0x73 && buf[s + 4] === 0x65)
        return false;
      return undefined;
    }
    const v = X.decodeAttribute(buf, s, e);
    return v === "true" ? true : v === "false" ? false : undefined;
  }

  private startTop(): void {
    const buf = this.tagBuf;
    const s = this.sample;
    const t = this.int(A_T, buf, Number.NaN);
    const ts = this.int(A_TS, buf, Number.NaN);
    if (Number.isNaN(t) || Number.isNaN(ts)) this.fail("xml_sample_missing_time", {});
    s.elapsedMs = t;
    s.idleMs = this.int(A_IT, buf, 0);
    s.startMs = this.options.timestampIsEnd ? ts - t : ts;
    s.label = this.interned(A_LB, buf, this.labels);
    this.labelId = this.lastId;
    s.threadName = this.interned(A_TN, buf, this.threads);
    this.threadId = this.lastId;
    const ok = this.bool(buf);
    if (ok === undefined) this.fail("xml_success_not_boolean", { value: (this.value(A_S, buf, null) ?? "").slice(0, 20) });
    s.success = ok;
    s.failureMessage = "";
    s.bytes = this.int(A_BY, buf, 0);
    s.sentBytes = this.int(A_SBY, buf, 0);
    s.latencyMs = this.int(A_LT, buf, 0);
    s.connectMs = this.int(A_CT, buf, 0);
    s.sampleCount = this.int(A_SC, buf, 1);
    s.errorCount = this.seen & (1 << A_EC) ? this.int(A_EC, buf, 0) : s.success ? 0 : 1;
    // A sink reads the code and message of samples with errors only (kinds, examples), as from
    // the CSV reader: decoded for them only; onSample gets them always.
    if (!this.sink || s.errorCount > 0) {
      s.responseCode = this.value(A_RC, buf, this.codes) ?? "";
      s.responseMessage = this.value(A_RM, buf, this.messages) ?? "";
      this.transactionMessage = s.responseMessage.startsWith(TRANSACTION_MESSAGE_PREFIX);
    } else {
      s.responseCode = "";
      s.responseMessage = "";
      this.transactionMessage = this.startsWithTransactionMessage(buf);
    }
    s.url = "";
    s.isTransaction = this.transactionMessage && !this.dtSet(buf);
    this.method = "";
    this.inTop = true;
    this.topHasChildSample = false;
  }

  /** `rm` starts with the Transaction Controller's message. */
  private startsWithTransactionMessage(buf: Buffer): boolean {
    if (!(this.seen & (1 << A_RM))) return false;
    const s = this.vStart[A_RM] as number;
    const e = this.vEnd[A_RM] as number;
    if (this.vFlags[A_RM]) return X.decodeAttribute(buf, s, e).startsWith(TRANSACTION_MESSAGE_PREFIX);
    return startsWithTransactionMessage(buf, s, e);
  }

  /** `dt` present and not empty. */
  private dtSet(buf: Buffer): boolean {
    if (!(this.seen & (1 << A_DT))) return false;
    if (!this.vFlags[A_DT]) return this.vEnd[A_DT] !== this.vStart[A_DT];
    return X.decodeAttribute(buf, this.vStart[A_DT] as number, this.vEnd[A_DT] as number) !== "";
  }
}

/** How many children of each name an element has had so far (for the error path), by interned name id. */
class SiblingCounts {
  private readonly byId: number[] = [];
  private readonly ids: number[] = [];
  /** Names without an id (past the interner's limits). */
  private readonly byName = new Map<string, number>();

  next(name: string, id: number): number {
    if (id < 0) {
      const n = (this.byName.get(name) ?? 0) + 1;
      this.byName.set(name, n);
      return n;
    }
    const n = (this.byId[id] ?? 0) + 1;
    if (n === 1) this.ids.push(id);
    this.byId[id] = n;
    return n;
  }

  clear(): void {
    if (this.ids.length > 0) {
      for (const id of this.ids) this.byId[id] = 0;
      this.ids.length = 0;
    }
    if (this.byName.size > 0) this.byName.clear();
  }
}

function utf8(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("utf8");
}

function newlines(buf: Buffer): number {
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === LF || (buf[i] === CR && buf[i + 1] !== LF)) n++;
  return n;
}
