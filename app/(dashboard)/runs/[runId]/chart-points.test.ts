import { describe, expect, it } from "vitest";
import { chartPointsFrom, downsampleSeries, releaseBins, toTimelineColumns } from "./chart-points";

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

describe("releaseBins", () => {
  it("counts releases and released VUs per second, zeros included, outside the domain left out", () => {
    const releases = [
      { t: 0.2, name: "a", released: 10 },
      { t: 0.9, name: "b", released: 5 },
      { t: 3.5, name: "a", released: 10 },
      { t: 12, name: "a", released: 10 },
    ];
    const { binSeconds, bins } = releaseBins(releases, [0, 9]);
    expect(binSeconds).toBe(1);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ t: 0, releases: 2, released: 15 });
    expect(bins[3]).toEqual({ t: 3, releases: 1, released: 10 });
    expect(bins.reduce((n, b) => n + b.releases, 0)).toBe(3);
  });

  it("widens the bins to a round size so a long run keeps at most maxBins bars, and loses no release", () => {
    // One release every 2 s for 6 hours: 10 800 releases.
    const releases = Array.from({ length: 10_800 }, (_, i) => ({ t: i * 2, name: "r", released: 3 }));
    const { binSeconds, bins } = releaseBins(releases, [0, 6 * 3600 - 1], 150);
    expect(binSeconds).toBe(300);
    expect(bins.length).toBeLessThanOrEqual(150);
    expect(bins.reduce((n, b) => n + b.releases, 0)).toBe(10_800);
    expect(bins.every((b) => b.releases === 150 && b.released === 450)).toBe(true);
  });
});

describe("downsampleSeries", () => {
  it("keeps short series, merges long ones with a sample-weighted avg and the highest p95", () => {
    const short = [{ t: 0, avgMs: 10, p95Ms: 20, samples: 5 }];
    expect(downsampleSeries(short, 10)).toBe(short);
    const long = [
      { t: 0, avgMs: 10, p95Ms: 20, samples: 1 },
      { t: 1, avgMs: 40, p95Ms: 90, samples: 3 },
      { t: 2, avgMs: 5, p95Ms: 6, samples: 2 },
    ];
    expect(downsampleSeries(long, 2)).toEqual([
      { t: 0, avgMs: 32.5, p95Ms: 90, samples: 4 },
      { t: 2, avgMs: 5, p95Ms: 6, samples: 2 },
    ]);
  });
});
