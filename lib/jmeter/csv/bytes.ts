/** Byte-level helpers of the CSV reader: numbers and JMeter conventions read without decoding. */
import { TRANSACTION_MESSAGE_PREFIX } from "../sample";

/** Digits (optional leading minus) to a number; NaN for anything else or an empty range. */
export function parseIntAscii(buf: Uint8Array, s: number, e: number): number {
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

/** End of the thread-group part of a JMeter thread name: before a trailing " <digits>-<digits>". */
export function threadGroupEnd(buf: Uint8Array, s: number, e: number): number {
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

const TRANSACTION_PREFIX = Buffer.from(TRANSACTION_MESSAGE_PREFIX);

/** True when bytes [s, e) start with the Transaction Controller's message (a JS loop: cheaper than a native compare call for 32 bytes). */
export function startsWithTransactionMessage(buf: Uint8Array, s: number, e: number): boolean {
  const n = TRANSACTION_PREFIX.length;
  if (e - s < n || buf[s] !== TRANSACTION_PREFIX[0]) return false;
  for (let i = 1; i < n; i++) if (buf[s + i] !== TRANSACTION_PREFIX[i]) return false;
  return true;
}
