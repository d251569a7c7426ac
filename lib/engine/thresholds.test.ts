import { describe, expect, it } from "vitest";
import { summarize } from "./metrics/summarize";
import type { TRunSummary, TSummaryRow } from "./metrics/types";
import { ZThreshold, type TThreshold } from "./scenario";
import { evaluateThresholds, formatThresholdResult, thresholdsPassed } from "./thresholds";

const METRICS = ZThreshold.shape.metric.options;

function row(samples: number, figure: number): TSummaryRow {
  return {
    samples,
    errors: 0,
    errorPct: figure,
    avgMs: figure,
    minMs: 0,
    maxMs: figure,
    p50Ms: figure,
    p90Ms: figure,
    p95Ms: figure,
    p99Ms: figure,
    ratePerSec: figure,
    summaryLine: "",
  };
}

function summaryOf(total: TSummaryRow, labels: TRunSummary["labels"] = []): TRunSummary {
  return { elapsedSeconds: 1, labels, modules: [{ ...total, module: "m" }], total, rendezvous: [], errors: [] };
}

describe("thresholds: the one rule for CLI, worker and web", () => {
  it("fails every metric, with max or min, when nothing was measured (zero samples or no target)", () => {
    const empty = summarize([]);
    expect(empty.total.samples).toBe(0);
    for (const metric of METRICS)
      for (const bound of [{ max: 1_000_000 }, { min: 0 }, { min: 0, max: 1_000_000 }]) {
        const [onTotal, onGhost] = evaluateThresholds(
          [
            { metric, ...bound },
            { label: "ghost", metric, ...bound },
          ],
          empty,
        );
        expect(onTotal).toMatchObject({ actual: null, ok: false, scope: "total" });
        expect(onGhost).toMatchObject({ actual: null, ok: false, target: "ghost" });
      }
  });

  it("passes and fails on the measured figure, bounds inclusive; a label wins over a module of the same name", () => {
    const s = summaryOf(row(10, 50), [{ ...row(5, 900), label: "m", module: "m", kind: "request" }]);
    const t: TThreshold[] = [
      { metric: "p95Ms", max: 50 },
      { metric: "p95Ms", max: 49.9 },
      { metric: "ratePerSec", min: 50 },
      { label: "m", metric: "avgMs", max: 1000 },
      { label: "m", metric: "avgMs", max: 899 },
    ];
    const r = evaluateThresholds(t, s);
    expect(r.map((x) => x.ok)).toEqual([true, false, true, true, false]);
    expect(r[3]).toMatchObject({ scope: "label", actual: 900, expression: "avgMs <= 1000 (m)" });
    expect(formatThresholdResult(r[1]!)).toBe("p95Ms <= 49.9 (total) = 50: FAILED");
    expect(formatThresholdResult(evaluateThresholds([{ metric: "avgMs", max: 1 }], summarize([]))[0]!)).toBe(
      "avgMs <= 1 (total) = nothing measured: FAILED",
    );
  });

  it("thresholdsPassed: null without thresholds, else whether every one passed", () => {
    expect(thresholdsPassed(null)).toBeNull();
    expect(thresholdsPassed(undefined)).toBeNull();
    expect(thresholdsPassed([])).toBeNull();
    expect(thresholdsPassed([{ ok: true }, { ok: true }])).toBe(true);
    expect(thresholdsPassed([{ ok: true }, { ok: false }])).toBe(false);
  });

  it("offers every percentile of the one declaration as a metric", () => {
    expect(METRICS).toEqual(expect.arrayContaining(["p50Ms", "p90Ms", "p95Ms", "p99Ms"]));
    expect(Object.keys(summarize([]).total)).toEqual(expect.arrayContaining(METRICS.filter((m) => m !== "errorPct")));
  });
});
