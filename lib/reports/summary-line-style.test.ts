import { describe, expect, it } from "vitest";
import { parseSummariserLog } from "@/lib/jmeter";
import { summaryLineOf, type TSummaryRecord } from "./report-sections";

/** A module row as the summariser-log import stores it (lib/imports/import-summariser-log.ts). */
function pasted(line: string): TSummaryRecord {
  const r = parseSummariserLog(line).rows[0]!;
  return {
    runId: "r",
    scope: "module",
    module: r.module,
    label: "",
    kind: null,
    method: null,
    url: null,
    samples: r.samples,
    errors: r.errors,
    sumMs: r.avgMs * r.samples,
    minMs: r.minMs,
    maxMs: r.maxMs,
    elapsedMs: Math.round(r.elapsedSeconds * 1000),
    p50Ms: null,
    p90Ms: null,
    p95Ms: null,
    p99Ms: null,
    ratePerSec: r.ratePerSec,
    summaryLine: r.summaryLine,
  };
}

describe("summary lines in one style", () => {
  it("re-renders a pasted (whitespace-normalised) line in JMeter's padding, keeping every printed figure", () => {
    const record = pasted("| pivotor_iauth_api | summary = 57553848 in 05:55:19 = 2699.6/s Avg: 17 Min: 1 Max: 50594 Err: 0 (0.00%) |");
    expect(record.summaryLine).toBe("summary = 57553848 in 05:55:19 = 2699.6/s Avg: 17 Min: 1 Max: 50594 Err: 0 (0.00%)");
    // The rate stays the printed 2699.6 although 57553848 ÷ 21319 s is 2699.65.
    expect(summaryLineOf(record)).toBe("summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)");
    expect(summaryLineOf(pasted("summary = 466803 in 03:04:12 = 42.2/s Avg: 1424 Min: 2 Max: 301003 Err: 1749 (0.37%)"))).toBe(
      "summary = 466803 in 03:04:12 =   42.2/s Avg:  1424 Min:     2 Max: 301003 Err:  1749 (0.37%)",
    );
  });

  it("leaves an engine run's padded line as it was", () => {
    const engine = pasted("summary =    559 in 00:00:06 =   93.2/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)");
    expect(summaryLineOf(engine)).toBe("summary =    559 in 00:00:06 =   93.2/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)");
  });

  it("a JMeter 2.x line (elapsed in seconds) is shown in the same hh:mm:ss style as the rest of the table", () => {
    const old = pasted("summary =    559 in   6.3s =   89.0/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)");
    expect(summaryLineOf(old)).toBe("summary =    559 in 00:00:06 =   89.0/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)");
  });
});
