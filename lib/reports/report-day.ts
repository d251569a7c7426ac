/**
 * The instants a report's calendar day covers in the installation's time zone, so "as it stood at
 * the end of the report's date" means the end of that day where the testers are, not in UTC.
 *
 * The zone is the installation's display zone; until that is a setting, it is the server's own
 * (`TZ`, which Node's Intl honours).
 */
export function installationTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Offset of `zone` from UTC at `instant`, in ms (Beijing: +8 h). */
function zoneOffsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of local midnight starting `day` (YYYY-MM-DD) in `zone`. */
function localMidnight(day: string, zone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two passes settle a DST change between the guess and the answer.
  let instant = wall - zoneOffsetMs(wall, zone);
  instant = wall - zoneOffsetMs(instant, zone);
  return instant;
}

/** [start, end) of `day` in `zone`; `end` is the next day's local midnight. */
export function reportDayBounds(day: string, zone: string = installationTimeZone()): { start: Date; end: Date } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: new Date(localMidnight(day, zone)), end: new Date(localMidnight(next, zone)) };
}

/** YYYY-MM-DD of `instant` in `zone` (the day a problem was created or resolved, as testers see it). */
export function dayInZone(instant: Date, zone: string = installationTimeZone()): string {
  return new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), zone)).toISOString().slice(0, 10);
}
