/**
 * The response-time cell of an observation, as testers write it: a range of seconds ("2-5",
 * "7-8", "2.5~4", "2–5s", "7-8秒"), one number ("3"), or a status word ("正常", "卡顿", "normal").
 * A status word is the tester's own and stays exactly as written in every view and export, in
 * every language: an English export of a Chinese report still says 正常.
 * Pure: shared by the lib (parse on write), the exports and the UI (format on read).
 */

export type TObservationValue = { kind: "seconds"; secondsMin: number; secondsMax: number } | { kind: "status"; status: string };

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
/** Hyphen, en/em dash, tilde, full-width tilde / hyphen, "to", "至", "到". */
const RANGE_RE = new RegExp(String.raw`^${NUMBER}\s*(?:-|–|—|~|～|－|to|至|到)\s*${NUMBER}\s*(?:s|sec|secs|seconds|秒)?$`, "i");
const SINGLE_RE = new RegExp(String.raw`^${NUMBER}\s*(?:s|sec|secs|seconds|秒)?$`, "i");

/** Parses the free-text cell. Empty text is not a value (undefined). */
export function parseObservationValue(text: string): TObservationValue | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const range = RANGE_RE.exec(t);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    return { kind: "seconds", secondsMin: Math.min(a, b), secondsMax: Math.max(a, b) };
  }
  const single = SINGLE_RE.exec(t);
  if (single) {
    const n = Number(single[1]);
    return { kind: "seconds", secondsMin: n, secondsMax: n };
  }
  return { kind: "status", status: normaliseStatus(t) };
}

/** A status word as stored: the tester's text, trimmed. */
export function normaliseStatus(status: string): string {
  return status.trim();
}

/** "2-5", "3", "2.5-4"; a status word as the tester wrote it (any locale). */
export function formatObservationValue(
  o: { secondsMin: number | null; secondsMax: number | null; status: string | null },
  _locale?: string,
): string {
  if (o.status) return o.status;
  if (o.secondsMin === null && o.secondsMax === null) return "";
  const min = o.secondsMin ?? o.secondsMax!;
  const max = o.secondsMax ?? o.secondsMin!;
  return min === max ? formatSeconds(min) : `${formatSeconds(min)}-${formatSeconds(max)}`;
}

function formatSeconds(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
