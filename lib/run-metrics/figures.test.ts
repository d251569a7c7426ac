import { describe, expect, it } from "vitest";
import {
  averageMs,
  displayAverageMs,
  durationSeconds,
  errorPercent,
  isReleaseInSeconds,
  releaseCount,
  runDurationSeconds,
  summaryDurationSeconds,
} from "./figures";
import { slowInterfaces } from "./slow-interfaces";

describe("figures: one definition each", () => {
  it("average: stored to 3 decimals, shown truncated like JMeter's Avg (one decimal below 100 ms)", () => {
    expect(averageMs(9607, 3)).toBe(3202.333);
    expect(displayAverageMs(3202.667)).toBe(3202);
    expect(displayAverageMs(3000.4)).toBe(3000);
    expect(displayAverageMs(2999.9)).toBe(2999);
    expect(displayAverageMs(21.7525)).toBe(21.7);
    expect(displayAverageMs(0.29)).toBe(0.2);
    expect(averageMs(5, 0)).toBe(0);
  });

  it("error %: two decimals half-even from the counts, as JMeter's summariser", () => {
    expect(errorPercent(1, 800)).toBe(0.12); // 0.125: a real tie, to even
    expect(errorPercent(3, 800)).toBe(0.38); // 0.375
    expect(errorPercent(1, 3)).toBe(33.33);
    expect(errorPercent(0, 0)).toBe(0);
    expect(errorPercent(7, 7)).toBe(100);
  });

  it("duration: the sample span rounded as JMeter's `in hh:mm:ss`; wall time only without samples", () => {
    expect(durationSeconds(29_499)).toBe(29);
    expect(durationSeconds(29_500)).toBe(30);
    expect(summaryDurationSeconds({ elapsedSeconds: 30.499 })).toBe(30);
    expect(summaryDurationSeconds({ elapsedSeconds: 30.5 })).toBe(31);
    const startedAt = new Date(1_000_000);
    const finishedAt = new Date(1_034_000);
    expect(runDurationSeconds({ samples: 10, sampleSpanMs: 30_120, startedAt, finishedAt })).toBe(30);
    expect(runDurationSeconds({ samples: 0, sampleSpanMs: 0, startedAt, finishedAt })).toBe(34);
    expect(runDurationSeconds({ samples: null, sampleSpanMs: null, startedAt, finishedAt: null, nowMs: 1_010_400 })).toBe(10);
    expect(runDurationSeconds({ samples: null, sampleSpanMs: null, startedAt: null, finishedAt: null })).toBeNull();
  });

  it("releases: counted by the second they happened in", () => {
    const rendezvous = [{ releases: [{ at: 29_999 }, { at: 30_400 }, { at: 31_000 }] }, { releases: [{ at: 30_999 }] }];
    expect(releaseCount(rendezvous)).toBe(4);
    expect(releaseCount(rendezvous, { fromSecond: 30, toSecond: 30 })).toBe(2);
    expect(isReleaseInSeconds(31_000, 30, 30)).toBe(false);
  });
});

describe("slow list: one rule", () => {
  const row = (over: Partial<Parameters<typeof slowInterfaces>[0][number]> & { avgMs: number }) => ({
    label: "l",
    module: "m",
    kind: "request",
    samples: 10,
    ...over,
  });

  it("compares the shown (truncated) average, strictly over the threshold", () => {
    expect(slowInterfaces([row({ avgMs: 3000.4, url: "http://h/a", method: "GET" })], 3000)).toEqual([]);
    expect(slowInterfaces([row({ avgMs: 3001, url: "http://h/a", method: "GET" })], 3000)).toMatchObject([
      { url: "http://h/a", method: "GET", avgMs: 3001 },
    ]);
  });

  it("merges one method + URL across labels and runs (Σ time ÷ Σ samples, highest p95); label when no URL; requests only", () => {
    const rows = [
      row({ label: "vote run 1", url: "http://h/vote", method: "POST", samples: 100, avgMs: 3500, p95Ms: 4000 }),
      {
        label: "vote run 2",
        module: "m",
        kind: "request",
        url: "http://h/vote",
        method: "POST",
        samples: 300,
        sumMs: 300 * 3100,
        p95Ms: 5000,
      },
      row({ label: "GET /x", samples: 5, avgMs: 3100 }),
      row({ label: "tx", kind: "transaction", avgMs: 9000 }),
      row({ label: "wait", kind: "rendezvous_wait", avgMs: 9000 }),
      { label: "old import", module: "m", kind: null, samples: 2, sumMs: 7000 },
    ];
    expect(slowInterfaces(rows, 3000)).toEqual([
      { url: "old import", method: null, label: "old import", module: "m", samples: 2, avgMs: 3500, p95Ms: null },
      { url: "http://h/vote", method: "POST", label: "vote run 1", module: "m", samples: 400, avgMs: 3200, p95Ms: 5000 },
      { url: "GET /x", method: null, label: "GET /x", module: "m", samples: 5, avgMs: 3100, p95Ms: null },
    ]);
  });
});
