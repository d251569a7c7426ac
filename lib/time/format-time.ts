/**
 * The one display format for instants, used by every page, export and the share page: times in the
 * reader's display zone (lib/settings/get-display-time-zone.ts), 24-hour, ISO-ordered in every
 * language ("2026-12-06 14:41"), and the zone said next to them ("UTC+08:00"). Pure and
 * synchronous, so server components, client components (through the zone next-intl passes them,
 * hence no hydration mismatch) and exports give the same text.
 */

export type TTimeFormat =
  /** 2026-12-06 14:41 */
  | "dateTime"
  /** 2026-12-06 14:41:07 */
  | "dateTimeSeconds"
  /** 14:41:07 */
  | "timeSeconds"
  /** 2026-12-06 (the day in the zone) */
  | "date";

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Date, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** True when `name` is an IANA zone this runtime knows ("Asia/Shanghai", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `at`, in minutes (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(timeZone: string, at: Date | string | number = Date.now()): number {
  const d = toDate(at);
  const p = parts(d, timeZone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

/** "UTC+08:00", "UTC-03:30", "UTC" — the zone's offset at `at` (DST-aware). */
export function zoneLabel(timeZone: string, at: Date | string | number = Date.now()): string {
  const minutes = zoneOffsetMinutes(timeZone, at);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * `value` in `timeZone` in the one display format. `zone: true` appends the zone ("2026-12-06 14:41
 * (UTC+08:00)"): on every instant that stands alone; a column of times may say it once instead.
 */
export function formatTime(
  value: Date | string | number,
  timeZone: string,
  format: TTimeFormat = "dateTime",
  o: { zone?: boolean } = {},
): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return "—";
  const p = parts(d, timeZone);
  const date = `${p.year}-${p.month}-${p.day}`;
  const text =
    format === "date"
      ? date
      : format === "timeSeconds"
        ? `${p.hour}:${p.minute}:${p.second}`
        : format === "dateTimeSeconds"
          ? `${date} ${p.hour}:${p.minute}:${p.second}`
          : `${date} ${p.hour}:${p.minute}`;
  return o.zone ? `${text} (${zoneLabel(timeZone, d)})` : text;
}

/**
 * A calendar date stored as midnight UTC (a report's date, `@db.Date`): the same day in every
 * zone, never shifted ("2026-12-06").
 */
export function formatCalendarDate(value: Date | string): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? "—" : d.toISOString().slice(0, 10);
}

/** Every IANA zone this runtime knows, UTC first (for a picker). */
export function knownTimeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}
