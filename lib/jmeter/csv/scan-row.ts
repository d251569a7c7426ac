/**
 * The CSV reader's hot loop: one row split into fields, its whole numbers parsed on the way, in one
 * pass over its bytes.
 */
import { parseIntAscii } from "./bytes";
import type { TCsvRow } from "./tokenizer";

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** scanRow's answer for a row the general tokenizer must read (quoted line break, wrong field count, odd quoting). */
export const SLOW = -1;

/**
 * Splits the row at `pos` into `row` and parses its whole-number columns (isInt) into `vals`,
 * in one pass. A line feed must follow in `buf` (it ends every loop here). Returns the offset
 * after the row's line feed, or SLOW for a row the tokenizer must read (a quoted line break, a
 * field count other than the layout's, text after a closing quote).
 */
export function scanRow(buf: Buffer, pos: number, delim: number, n: number, row: TCsvRow, vals: Float64Array, isInt: Uint8Array): number {
  const { starts, ends, escaped } = row;
  let i = pos;
  let f = 0;
  for (;;) {
    if (f === n) return SLOW; // one field too many: the tokenizer counts them for the message
    let c = buf[i] as number;
    if (c === QUOTE) {
      const a = i + 1;
      let esc = 0;
      for (;;) {
        c = buf[++i] as number;
        if (c === QUOTE) {
          if (buf[i + 1] !== QUOTE) break;
          esc = 1;
          i++;
        } else if (c === LF) return SLOW;
      }
      starts[f] = a;
      ends[f] = i;
      escaped[f] = esc;
      if (isInt[f]) vals[f] = esc ? NaN : parseIntAscii(buf, a, i);
      c = buf[++i] as number;
      if (c === CR && buf[i + 1] === LF) c = buf[++i] as number;
      else if (c !== delim && c !== LF) return SLOW;
    } else if (isInt[f]) {
      const a = i;
      const neg = c === 0x2d;
      if (neg) c = buf[++i] as number;
      const digits = i;
      let v = 0;
      while (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        c = buf[++i] as number;
      }
      if (i === digits) v = NaN;
      let e = i;
      if (c === CR && buf[i + 1] === LF) c = buf[++i] as number;
      else if (c !== delim && c !== LF) {
        v = NaN; // not a plain number (a date, junk): map decides
        while (c !== delim && c !== LF) c = buf[++i] as number;
        e = c === LF && buf[i - 1] === CR ? i - 1 : i;
      }
      starts[f] = a;
      ends[f] = e;
      escaped[f] = 0;
      vals[f] = neg ? -v : v;
    } else {
      const a = i;
      while (c !== delim && c !== LF) c = buf[++i] as number;
      starts[f] = a;
      ends[f] = c === LF && i > a && buf[i - 1] === CR ? i - 1 : i;
      escaped[f] = 0;
    }
    f++;
    if (c === LF) break;
    i++; // past the delimiter
  }
  if (f !== n && !(f === 1 && starts[0] === ends[0])) return SLOW; // too few fields (not a blank line): the tokenizer's row fails in map
  row.count = f;
  return i + 1;
}
