import { zoneOffsetMinutes } from "@/lib/time/format-time";

/**
 * The instants a report's calendar day covers in the installation's display time zone
 * (lib/settings/get-display-time-zone.ts), so "as it stood at the end of the report's date" means
 * the end of that day where the testers are, not in UTC — and the same for every reader.
 */

function zoneOffsetMs(instant: number, zone: string): number {
  return zoneOffsetMinutes(zone, instant) * 60_000;
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
export function reportDayBounds(day: string, zone: string): { start: Date; end: Date } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: new Date(localMidnight(day, zone)), end: new Date(localMidnight(next, zone)) };
}

/** YYYY-MM-DD of `instant` in `zone` (the day a problem was created or resolved, as testers see it). */
export function dayInZone(instant: Date, zone: string): string {
  return new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), zone)).toISOString().slice(0, 10);
}
