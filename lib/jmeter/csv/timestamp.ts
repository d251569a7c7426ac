/**
 * JTL timestamps: epoch milliseconds (JMeter's default) or dates formatted with
 * `jmeter.save.saveservice.timestamp_format` (a java.text.SimpleDateFormat pattern such as
 * `yyyy/MM/dd HH:mm:ss.SSS`). JMeter writes formatted dates in its JVM's time zone, which the file
 * does not record: the caller gives it as `utcOffsetMinutes` (default: this process's zone).
 */
import { JmeterImportError } from "../errors";

/** Parses bytes [s, e) as a formatted date; NaN when they do not match. */
export type TDateParser = (buf: Buffer, s: number, e: number) => number;

const TOKENS = ["yyyy", "MM", "dd", "HH", "mm", "ss", "SSS"] as const;
type Token = (typeof TOKENS)[number];

/** Formats we try when the user gave none and the timestamp is not a number. */
export const COMMON_DATE_FORMATS = [
  "yyyy/MM/dd HH:mm:ss.SSS",
  "yyyy-MM-dd HH:mm:ss.SSS",
  "yyyy/MM/dd HH:mm:ss",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm:ss.SSS",
  "MM/dd/yyyy HH:mm:ss",
];

/**
 * Compiles a fixed-width SimpleDateFormat pattern (y M d H m s S and literals, quotes for literal
 * text) into a parser that reads digits at fixed offsets. Throws for patterns we cannot read.
 */
export function compileDateFormat(pattern: string, utcOffsetMinutes?: number): TDateParser {
  const parts: { token: Token; at: number }[] = [];
  const literals: { at: number; code: number }[] = [];
  let at = 0;
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) throw new JmeterImportError("date_format_unclosed_quote", { format: pattern });
      const text = close === i + 1 ? "'" : pattern.slice(i + 1, close);
      for (const ch of text) literals.push({ at: at++, code: ch.charCodeAt(0) });
      i = close + 1;
      continue;
    }
    const token = TOKENS.find((t) => pattern.startsWith(t, i));
    if (token) {
      parts.push({ token, at });
      at += token.length;
      i += token.length;
      continue;
    }
    if (/[a-zA-Z]/.test(pattern[i] ?? ""))
      throw new JmeterImportError("date_format_unsupported_letter", { format: pattern, letter: pattern[i] ?? "" });
    literals.push({ at: at++, code: pattern.charCodeAt(i) });
    i++;
  }
  const width = at;
  const pos = (t: Token) => parts.find((p) => p.token === t)?.at ?? -1;
  const [py, pM, pd, pH, pm, ps, pS] = TOKENS.map(pos) as [number, number, number, number, number, number, number];
  if (py < 0 || pM < 0 || pd < 0) throw new JmeterImportError("date_format_incomplete", { format: pattern });
  // Cache the epoch of the current hour: consecutive rows share it.
  let lastKey = -1;
  let lastBase = 0;
  return (buf, s, e) => {
    if (e - s !== width) return NaN;
    for (const l of literals) if (buf[s + l.at] !== l.code) return NaN;
    const num = (p: number, n: number) => {
      if (p < 0) return 0;
      let v = 0;
      for (let i = 0; i < n; i++) {
        const d = (buf[s + p + i] ?? 0) - 48;
        if (d < 0 || d > 9) return NaN;
        v = v * 10 + d;
      }
      return v;
    };
    const y = num(py, 4),
      M = num(pM, 2),
      d = num(pd, 2),
      H = num(pH, 2);
    const key = ((y * 100 + M) * 100 + d) * 100 + H;
    if (Number.isNaN(key) || M < 1 || M > 12 || d < 1 || d > 31 || H > 23) return NaN;
    if (key !== lastKey) {
      lastBase = utcOffsetMinutes === undefined ? new Date(y, M - 1, d, H).getTime() : Date.UTC(y, M - 1, d, H) - utcOffsetMinutes * 60_000;
      lastKey = key;
    }
    const m = num(pm, 2),
      sec = num(ps, 2),
      ms = num(pS, 3);
    if (Number.isNaN(m + sec + ms) || m > 59 || sec > 60) return NaN;
    return lastBase + m * 60_000 + sec * 1000 + ms;
  };
}

/** The first of COMMON_DATE_FORMATS that parses `text`, or undefined. */
export function guessDateFormat(text: string): string | undefined {
  const buf = Buffer.from(text);
  return COMMON_DATE_FORMATS.find((f) => !Number.isNaN(compileDateFormat(f, 0)(buf, 0, buf.length)));
}
