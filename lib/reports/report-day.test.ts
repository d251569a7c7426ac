import { describe, expect, it } from "vitest";
import { dayInZone, reportDayBounds } from "./report-day";

describe("reportDayBounds", () => {
  it("Beijing: the day starts at 16:00 UTC the day before", () => {
    const { start, end } = reportDayBounds("2026-12-06", "Asia/Shanghai");
    expect(start.toISOString()).toBe("2026-12-05T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-12-06T16:00:00.000Z");
  });
  it("UTC: midnight to midnight", () => {
    const { start, end } = reportDayBounds("2026-02-28", "UTC");
    expect(start.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
  it("a DST day in New York is 23 hours long", () => {
    const { start, end } = reportDayBounds("2026-03-08", "America/New_York");
    expect(start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });
  it("dayInZone is the inverse at both edges", () => {
    const { start, end } = reportDayBounds("2026-12-06", "Asia/Shanghai");
    expect(dayInZone(start, "Asia/Shanghai")).toBe("2026-12-06");
    expect(dayInZone(new Date(end.getTime() - 1), "Asia/Shanghai")).toBe("2026-12-06");
    expect(dayInZone(end, "Asia/Shanghai")).toBe("2026-12-07");
  });
});
