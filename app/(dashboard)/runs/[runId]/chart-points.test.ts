import { describe, expect, it } from "vitest";
import { chartPointsFrom, toTimelineColumns } from "./chart-points";

describe("timeline columns", () => {
  it("carry every point, rounded to a tenth, and come back as chart points relative to the base", () => {
    const timeline = [
      { second: 1000, seconds: 30, requestsPerSec: 2574.967, errorsPerSec: 52.767, avgMs: 222.019, p95Ms: 787.455, activeVus: 500 },
      { second: 1030, seconds: 30, requestsPerSec: 10, errorsPerSec: 0, avgMs: 0.04, p95Ms: 1, activeVus: 7 },
    ];
    const columns = toTimelineColumns(timeline);
    expect(columns.step).toBe(30);
    expect(columns.requestsPerSec).toEqual([2575, 10]);
    expect(chartPointsFrom(columns, 990)).toEqual([
      { t: 10, requestsPerSec: 2575, errorsPerSec: 52.8, avgMs: 222, p95Ms: 787.5, activeVus: 500 },
      { t: 40, requestsPerSec: 10, errorsPerSec: 0, avgMs: 0, p95Ms: 1, activeVus: 7 },
    ]);
    expect(toTimelineColumns([]).second).toEqual([]);
  });
});
