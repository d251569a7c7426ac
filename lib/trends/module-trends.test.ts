import { describe, expect, it } from "vitest";
import type { TSummaryRecord } from "@/lib/reports/report-sections";
import { computeModuleTrends } from "./module-trends";

/** A module row of one run: `samples` over `elapsedS` seconds, avg `avgMs`, `errors` errors. */
function row(runId: string, module: string, samples: number, avgMs: number, p95Ms: number, errors = 0, elapsedS = 100): TSummaryRecord {
  return {
    runId,
    scope: "module",
    module,
    label: "",
    kind: null,
    method: null,
    url: null,
    samples,
    errors,
    sumMs: samples * avgMs,
    minMs: 1,
    maxMs: p95Ms * 2,
    elapsedMs: elapsedS * 1000,
    p50Ms: avgMs,
    p90Ms: p95Ms,
    p95Ms,
    p99Ms: p95Ms,
    ratePerSec: samples / elapsedS,
    summaryLine: "",
  };
}

describe("computeModuleTrends", () => {
  const dayOf = new Map([
    ["r1", "2026-12-01"],
    ["r2", "2026-12-02"],
    ["r3", "2026-12-02"],
    ["r4", "2026-12-04"],
  ]);

  it("rolls a day's runs up per module (samples add, avg exact, p95 the highest) in day order", () => {
    const [vote] = computeModuleTrends(
      [row("r2", "vote", 1000, 100, 200), row("r3", "vote", 3000, 200, 500), row("r1", "vote", 2000, 150, 300)],
      dayOf,
      ["vote"],
    );
    expect(vote!.days.map((d) => d.day)).toEqual(["2026-12-01", "2026-12-02"]);
    expect(vote!.days[1]).toMatchObject({ runs: 2, samples: 4000, avgMs: 175, p95Ms: 500, ratePerSec: 20, baselineDay: "2026-12-01" });
  });

  it("flags a day that got worse than the previous day with runs beyond the noise floor, not a small wobble or an improvement", () => {
    const records = [
      row("r1", "vote", 1000, 100, 200),
      row("r2", "vote", 1000, 105, 205), // +5 %: within the 10 % floor
      row("r4", "vote", 1000, 150, 210, 50), // avg +43 %, err 0 → 5 %
      row("r1", "pay", 1000, 100, 200),
      row("r4", "pay", 1000, 50, 100), // faster: a change, not a regression
    ];
    const [vote, pay] = computeModuleTrends(records, dayOf, ["vote", "pay"]);
    expect(vote!.days.map((d) => d.regression)).toEqual([null, null, { rate: false, avg: true, p95: false, errPct: true }]);
    expect(vote!.days[2]!.baselineDay).toBe("2026-12-02");
    expect(pay!.days.map((d) => [d.day, d.baselineDay, d.regression])).toEqual([
      ["2026-12-01", null, null],
      ["2026-12-04", "2026-12-01", null],
    ]);
  });

  it("widens the band with the days' per-second noise as the report comparison does", () => {
    const records = [row("r1", "vote", 1000, 100, 200), row("r4", "vote", 1000, 125, 200)];
    expect(computeModuleTrends(records, dayOf, ["vote"])[0]!.days[1]!.regression?.avg).toBe(true);
    const noisy = new Map([["2026-12-04", { rateCv: 0, avgCv: 0.15, errStdPp: 0, hasSeconds: true }]]);
    expect(computeModuleTrends(records, dayOf, ["vote"], noisy)[0]!.days[1]!.regression).toBeNull();
  });
});
