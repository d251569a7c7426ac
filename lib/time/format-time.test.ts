import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatTime, isTimeZone, zoneLabel } from "./format-time";

describe("formatTime", () => {
  const at = new Date("2026-12-06T06:41:07Z");

  it("renders 06:41 UTC as 14:41 in Asia/Shanghai, with the zone", () => {
    expect(formatTime(at, "Asia/Shanghai")).toBe("2026-12-06 14:41");
    expect(formatTime(at, "Asia/Shanghai", "dateTime", { zone: true })).toBe("2026-12-06 14:41 (UTC+08:00)");
    expect(formatTime(at.toISOString(), "Asia/Shanghai", "timeSeconds")).toBe("14:41:07");
    expect(formatTime(at.getTime(), "UTC", "dateTimeSeconds", { zone: true })).toBe("2026-12-06 06:41:07 (UTC)");
  });

  it("moves the date with the zone and follows daylight saving", () => {
    expect(formatTime("2026-12-06T20:00:00Z", "Asia/Shanghai", "date")).toBe("2026-12-07");
    expect(formatTime("2026-07-01T12:00:00Z", "America/New_York", "dateTime", { zone: true })).toBe("2026-07-01 08:00 (UTC-04:00)");
    expect(formatTime("2026-01-01T12:00:00Z", "America/New_York", "dateTime", { zone: true })).toBe("2026-01-01 07:00 (UTC-05:00)");
    expect(zoneLabel("Asia/Kolkata", at)).toBe("UTC+05:30");
  });

  it("renders midnight as 00, not 24", () => {
    expect(formatTime("2026-12-05T16:00:00Z", "Asia/Shanghai")).toBe("2026-12-06 00:00");
  });

  it("keeps calendar dates as stored, whatever the zone", () => {
    expect(formatCalendarDate(new Date("2026-12-06T00:00:00Z"))).toBe("2026-12-06");
  });

  it("knows zone names", () => {
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(formatTime("not a date", "UTC")).toBe("—");
  });
});
