import { describe, expect, it } from "vitest";
import { cronProblem, fireTimesBetween, MAX_ENUMERATED_FIRES, nextFireTime, nextFireTimes } from "./cron";

describe("schedule cron", () => {
  it("refuses what croner cannot read, what never fires and what fires too often", () => {
    expect(cronProblem("0 9 * * 1-5", "Asia/Shanghai")).toBeNull();
    expect(cronProblem("*/20 * * * * *", "UTC")).toBeNull();
    expect(cronProblem("61 * * * *", "UTC")).toMatch(/minute/);
    expect(cronProblem("* * *", "UTC")).toMatch(/5 fields/);
    expect(cronProblem("0 0 30 2 *", "UTC")).toMatch(/never fires/);
    expect(cronProblem("*/5 * * * * *", "UTC")).toMatch(/more often than every 10 s/);
  });

  it("reads the expression in its time zone, across a daylight-saving change", () => {
    // 09:00 in Shanghai is 01:00 UTC.
    expect(nextFireTime("0 9 * * *", "Asia/Shanghai", new Date("2026-03-01T02:00:00Z"))!.toISOString()).toBe("2026-03-02T01:00:00.000Z");
    // New York moves to UTC−4 on 2026-03-08: 09:00 local is 14:00 UTC before, 13:00 UTC after.
    const fires = nextFireTimes("0 9 * * *", "America/New_York", new Date("2026-03-06T20:00:00Z"), 3).map((d) => d.toISOString());
    expect(fires).toEqual(["2026-03-07T14:00:00.000Z", "2026-03-08T13:00:00.000Z", "2026-03-09T13:00:00.000Z"]);
  });

  it("lists the fire times in a window (start included), keeping the newest when there are too many", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    expect(fireTimesBetween("* * * * *", "UTC", from, new Date("2026-01-01T00:02:30Z")).map((d) => d.toISOString())).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-01T00:01:00.000Z",
      "2026-01-01T00:02:00.000Z",
    ]);
    const many = fireTimesBetween("* * * * *", "UTC", from, new Date("2026-01-03T00:00:00Z"));
    expect(many).toHaveLength(MAX_ENUMERATED_FIRES);
    expect(many.at(-1)!.toISOString()).toBe("2026-01-03T00:00:00.000Z");
  });
});
