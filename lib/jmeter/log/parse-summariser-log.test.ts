import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSummariserLog } from "./parse-summariser-log";
import { JmeterImportError } from "../errors";

describe("parseSummariserLog", () => {
  it("reads the seed report's table: pipes, rows broken across lines, a duplicated row", () => {
    const text = readFileSync(new URL("../fixtures/daily-stress-report.md", import.meta.url), "utf8");
    const { rows, warnings } = parseSummariserLog(text);
    expect(rows).toHaveLength(17);
    expect(rows[0]).toMatchObject({
      module: "pivotor_iauth_api",
      name: "summary",
      samples: 57553848,
      elapsedSeconds: 21319,
      ratePerSec: 2699.6,
      avgMs: 17,
      minMs: 1,
      maxMs: 50594,
      errors: 0,
      errorPct: 0,
      elapsedFormat: "hms",
    });
    expect(rows.find((r) => r.module === "liveAutoTest")).toMatchObject({ errors: 3401896, errorPct: 16.73 });
    expect(rows.find((r) => r.module === "pre_buffet_3_interfaces")?.maxMs).toBe(301007);
    expect(rows.find((r) => r.module === "dating压测")?.samples).toBe(13937378);
    expect(rows.filter((r) => r.module === "case4答题_linux")).toHaveLength(1);
    expect(warnings).toEqual(["line 32: duplicate of line 30 (module case4答题_linux), ignored"]);
  });

  it("reads JMeter 2.13 console output: the last `=` line per summariser wins", () => {
    // generate.sh keeps JMeter's console lines; an interim `summary =` appears at the 5 s boundary.
    const text = readFileSync(new URL("../fixtures/csv-header.summary.txt", import.meta.url), "utf8");
    const last = text
      .split("\n")
      .filter((l) => l.startsWith("summary ="))
      .at(-1) as string;
    const m = /= +(\d+) in +([\d.]+)s = +([\d.]+)\/s Avg: +(\d+) Min: +(\d+) Max: +(\d+) Err: +(\d+) \(([\d.]+)%\)/.exec(last);
    expect(m).not.toBeNull();
    const [, n, el, rate, avg, min, max, err, pct] = (m as RegExpExecArray).map(Number) as number[];
    const { rows } = parseSummariserLog(text);
    expect(rows.find((r) => r.name === "summary")).toMatchObject({
      samples: n,
      elapsedSeconds: el,
      ratePerSec: rate,
      avgMs: avg,
      minMs: min,
      maxMs: max,
      errors: err,
      errorPct: pct,
      elapsedFormat: "seconds",
    });
    expect(rows.find((r) => r.name === "Vote_Interface_Test")?.module).toBe("Vote_Interface_Test");
    expect(rows.find((r) => r.name === "label:GET /slow")?.module).toBe("label:GET /slow");
  });

  it("strips jmeter.log prefixes, names the module, and sums `+` lines when the total is missing", () => {
    const text = [
      "2026/11/22 02:52:00 INFO  - jmeter.reporters.Summariser: summary +    100 in    30s =    3.3/s Avg:    10 Min:     1 Max:    20 Err:     1 (1.00%) Active: 5 Started: 5 Finished: 0",
      "2026-11-22 02:52:30,001 INFO o.a.j.r.Summariser: summary +    200 in 00:00:30 =    6.7/s Avg:    13 Min:     2 Max:    40 Err:     0 (0.00%) Active: 5 Started: 5 Finished: 0",
    ].join("\n");
    const { rows, warnings } = parseSummariserLog(text, { module: "vote" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ module: "vote", samples: 300, errors: 1, minMs: 1, maxMs: 40, avgMs: 12, elapsedSeconds: 60 });
    expect(warnings[0]).toMatch(/no "=" \(total\) line/);
  });

  it("warns about figures that contradict each other and fails on text without summary lines", () => {
    const { warnings } = parseSummariserLog("| m | summary = 100 in 00:00:10 = 10.0/s Avg: 5 Min: 1 Max: 9 Err: 50 (5.00%) |");
    expect(warnings[0]).toMatch(/Err 50 of 100 is 50.00%, the line says 5%/);
    expect(() => parseSummariserLog("hello")).toThrow(JmeterImportError);
  });
});
