/**
 * XML 1.0 rules the byte-level JTL reader needs: byte classes, name characters, entity references,
 * the XML declaration, and decoding of the (rare) values that hold entities or line breaks.
 * Structure characters are ASCII, and UTF-8 never uses an ASCII byte inside a multi-byte
 * character, so structure is found on bytes; only names with non-ASCII bytes are decoded to check
 * them (an invalid byte decodes to U+FFFD, as a StringDecoder would give it).
 */

export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;
export const DQUOTE = 0x22;
export const HASH = 0x23;
export const AMP = 0x26;
export const SQUOTE = 0x27;
export const MINUS = 0x2d;
export const SLASH = 0x2f;
export const SEMI = 0x3b;
export const LT = 0x3c;
export const EQ = 0x3d;
export const GT = 0x3e;
export const QUESTION = 0x3f;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const BANG = 0x21;
/** First byte of U+FFFE / U+FFFF (EF BF BE / EF BF BF), characters XML forbids. */
export const EF = 0xef;

/** 1 for bytes that may start a name (ASCII letters, `_`, `:`, and any non-ASCII byte: checked by isXmlName). */
export const NAME_START = new Uint8Array(256);
/** 1 for bytes that may continue a name. */
export const NAME_CHAR = new Uint8Array(256);
/** 1 for bytes an attribute value holds as they are (not a quote, `&`, `<`, a control character or EF). */
export const ATTR_PLAIN = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  NAME_START[c] = letter || c === 0x5f || c === 0x3a || c >= 0x80 ? 1 : 0;
  NAME_CHAR[c] = NAME_START[c] || (c >= 0x30 && c <= 0x39) || c === MINUS || c === 0x2e ? 1 : 0;
  ATTR_PLAIN[c] = c >= SP && c !== DQUOTE && c !== SQUOTE && c !== AMP && c !== LT && c !== EF ? 1 : 0;
}

export function isSpace(c: number): boolean {
  return c === SP || c === LF || c === TAB || c === CR;
}

// XML 1.0 (fifth edition) NameStartChar / NameChar.
const START =
  ":A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}";
const NAME_RE = new RegExp(`^[${START}][${START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}]*$`, "u");

/** True when `name` (decoded) is an XML name; for names with non-ASCII bytes (ASCII ones are checked on bytes). */
export function isXmlName(name: string): boolean {
  return NAME_RE.test(name);
}

/** XML's Char production for a character reference's code point (1.1 also allows C0 controls but NUL). */
function isXmlChar(n: number, xml11: boolean): boolean {
  return (
    (xml11 ? n >= 0x1 && n <= 0xd7ff : n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff)) ||
    (n >= 0xe000 && n <= 0xfffd) ||
    (n >= 0x10000 && n <= 0x10ffff)
  );
}

/** Why an entity reference is not well-formed; "" when it is. `ref` is what stands between `&` and `;`. */
export function entityProblem(ref: string, xml11 = false): string {
  if (ref === "") return "empty entity name.";
  if (ref[0] !== "#") {
    if (ref === "amp" || ref === "lt" || ref === "gt" || ref === "quot" || ref === "apos") return "";
    return isXmlName(ref) ? `undefined entity: &${ref};` : `disallowed character in entity name: &${ref};`;
  }
  const n = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
  return isXmlChar(n, xml11) ? "" : `malformed character entity: &${ref};`;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function entityText(ref: string): string {
  if (ref[0] !== "#") return NAMED[ref] as string;
  return String.fromCodePoint(ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
}

const ATTR_DECODE = /&([^;]*);|\r\n|[\t\n\r]/g;
const TEXT_DECODE = /&([^;]*);|\r\n?/g;

/** An attribute value's bytes (well-formed, checked while scanning) → its value: references replaced, each tab / line break a space. */
export function decodeAttribute(buf: Uint8Array, s: number, e: number): string {
  const raw = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("utf8");
  return raw.replace(ATTR_DECODE, (_m, ref: string | undefined) => (ref !== undefined ? entityText(ref) : " "));
}

/** Character data's bytes (well-formed) → text: references replaced, CR LF and CR as LF. */
export function decodeText(bytes: Buffer): string {
  return bytes.toString("utf8").replace(TEXT_DECODE, (_m, ref: string | undefined) => (ref !== undefined ? entityText(ref) : "\n"));
}

const S = "[ \\t\\r\\n]";
const PAIR = (name: string) => `(?:${S}+${name}${S}*=${S}*(?:"([^"]*)"|'([^']*)'))`;
const VERSION = new RegExp(`^${PAIR("version")}`);
const XML_DECL = new RegExp(`^${PAIR("version")}${PAIR("encoding")}?${PAIR("standalone")}?${S}*$`);

/**
 * Why the XML declaration's body (what follows `<?xml` up to `?>`) is not acceptable ("" when it
 * is), and its version.
 */
export function xmlDeclaration(body: string): { problem: string; version: string } {
  // After a version other than 1.0, saxes read the rest of the declaration as XML 1.1: NEL and LS are whitespace.
  const v = VERSION.exec(body);
  if (v && (v[1] ?? v[2]) !== "1.0" && /^1\.[0-9]+$/.test(v[1] ?? v[2] ?? ""))
    body = v[0] + body.slice(v[0].length).replace(/\u0085|\u2028/g, " ");
  const m = XML_DECL.exec(body);
  if (!m) return { problem: "a malformed XML declaration (expected version, then optional encoding and standalone, quoted).", version: "" };
  const version = m[1] ?? m[2] ?? "";
  const encoding = m[3] ?? m[4];
  const standalone = m[5] ?? m[6];
  let problem = "";
  if (!/^1\.[0-9]+$/.test(version)) problem = "version number must match /^1\\.[0-9]+$/.";
  else if (encoding !== undefined && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(encoding))
    problem = "encoding value must match /^[A-Za-z][A-Za-z0-9._-]*$/.";
  else if (standalone !== undefined && standalone !== "yes" && standalone !== "no") problem = 'standalone value must match "yes" or "no".';
  return { problem, version };
}

/**
 * XML 1.1 input (any version but 1.0, as saxes read it) as XML 1.0 bytes the scanner reads the
 * same way: every line break — CR LF, CR NEL, CR, NEL (U+0085), LS (U+2028), LF — becomes one LF,
 * and U+007F–U+009F, which 1.1 forbids, become 0x01 (which the scanner rejects in place).
 * A sequence cut by the chunk's end is kept in `tail` for the next chunk.
 */
export class Xml11To10 {
  private tail: Buffer = Buffer.alloc(0);

  convert(chunk: Buffer): Buffer {
    const buf = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = Buffer.alloc(0);
    if (!buf.includes(CR) && !buf.includes(0xc2) && !buf.includes(0xe2) && !buf.includes(0x7f)) return buf;
    const out = Buffer.allocUnsafe(buf.length);
    const n = buf.length;
    let o = 0;
    for (let i = 0; i < n; i++) {
      const c = buf[i] as number;
      if (c === CR) {
        if (i + 1 >= n || (buf[i + 1] === 0xc2 && i + 2 >= n)) {
          this.tail = Buffer.from(buf.subarray(i));
          break;
        }
        if (buf[i + 1] === LF) i++;
        else if (buf[i + 1] === 0xc2 && buf[i + 2] === 0x85) i += 2;
        out[o++] = LF;
      } else if (c === 0x7f) out[o++] = 0x01;
      else if (c === 0xc2 && (i + 1 >= n || ((buf[i + 1] as number) >= 0x80 && (buf[i + 1] as number) <= 0x9f))) {
        if (i + 1 >= n) {
          this.tail = Buffer.from(buf.subarray(i));
          break;
        }
        out[o++] = buf[i + 1] === 0x85 ? LF : 0x01;
        i++;
      } else if (c === 0xe2 && (i + 1 >= n || buf[i + 1] === 0x80) && (i + 2 >= n || buf[i + 2] === 0xa8)) {
        if (i + 2 >= n) {
          this.tail = Buffer.from(buf.subarray(i));
          break;
        }
        out[o++] = LF;
        i += 2;
      } else out[o++] = c;
    }
    return out.subarray(0, o);
  }

  /** What a cut sequence at the input's end left (passed on as it is). */
  flush(): Buffer {
    const t = this.tail;
    this.tail = Buffer.alloc(0);
    return t;
  }
}
