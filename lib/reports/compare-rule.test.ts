import { describe, expect, it } from "vitest";
import { compareRecords, noiseBands, rollUp, type TSideNoise } from "./compare-rule";
import type { TSummaryRecord } from "./report-sections";

const QUIET: TSideNoise = { rateCv: 0, avgCv: 0, errStdPp: 0, hasSeconds: false };

function rec(over: Partial<TSummaryRecord>): TSummaryRecord {
  return {
    runId: "r1",
    scope: "module",
    module: "incoming",
    label: "",
    kind: null,
    method: null,
    url: null,
    samples: 1000,
    errors: 0,
    sumMs: 100_000,
    minMs: 1,
    maxMs: 500,
    elapsedMs: 10_000,
    p50Ms: 90,
    p90Ms: 150,
    p95Ms: 200,
    p99Ms: 400,
    ratePerSec: 100,
    summaryLine: "",
    ...over,
  };
}

describe("noise bands", () => {
  it("are at least 10 % (and 1 pp for errors)", () => {
    expect(noiseBands(QUIET, QUIET)).toEqual({ ratePct: 10, latencyPct: 10, errPp: 1 });
  });

  it("widen to 2 × the per-second CV of the jumpier side", () => {
    const jumpy: TSideNoise = { rateCv: 0.15, avgCv: 0.08, errStdPp: 2, hasSeconds: true };
    expect(noiseBands(QUIET, jumpy)).toEqual({ ratePct: 30, latencyPct: 16, errPp: 4 });
    expect(noiseBands(jumpy, QUIET).ratePct).toBe(30);
  });
});

describe("compare", () => {
  const bands = noiseBands(QUIET, QUIET);

  it("does not flag changes within noise", () => {
    const [row] = compareRecords([rec({})], [rec({ samples: 1090, sumMs: 1090 * 108, p95Ms: 215 })], "module", bands);
    expect(row!.rate.deltaPct).toBeCloseTo(9, 5);
    expect(row!.avg.delta).toBe(8);
    expect(row!.isFlagged).toBe(false);
  });

  it("flags beyond 10 % and says which way is worse", () => {
    const [row] = compareRecords([rec({})], [rec({ samples: 800, sumMs: 800 * 150, p95Ms: 260 })], "module", bands);
    expect(row!.rate).toMatchObject({ deltaPct: -20, isFlagged: true, isWorse: true });
    expect(row!.avg).toMatchObject({ baseline: 100, current: 150, deltaPct: 50, isFlagged: true, isWorse: true });
    expect(row!.p95).toMatchObject({ deltaPct: 30, isFlagged: true, isWorse: true });
    const [better] = compareRecords([rec({})], [rec({ sumMs: 50_000 })], "module", bands);
    expect(better!.avg).toMatchObject({ isFlagged: true, isWorse: false });
  });

  it("the same change is noise in a jumpy run", () => {
    const wide = noiseBands(QUIET, { rateCv: 0.2, avgCv: 0.3, errStdPp: 0, hasSeconds: true });
    const [row] = compareRecords([rec({})], [rec({ samples: 800, sumMs: 800 * 150 })], "module", wide);
    expect(row!.rate.isFlagged).toBe(false); // 20 % ≤ 40 %
    expect(row!.avg.isFlagged).toBe(false); // 50 % ≤ 60 %
  });

  it("compares err % in points, and flags a new failure mode", () => {
    const [small] = compareRecords([rec({ errors: 10 })], [rec({ errors: 15 })], "module", bands);
    expect(small!.errPct.delta).toBeCloseTo(0.5, 10);
    expect(small!.errPct.isFlagged).toBe(false);
    const [big] = compareRecords([rec({})], [rec({ errors: 200 })], "module", bands);
    expect(big!.errPct).toMatchObject({ isFlagged: true, isWorse: true });
    const [fresh] = compareRecords(
      [rec({ samples: 100_000, sumMs: 1e7 })],
      [rec({ samples: 100_000, sumMs: 1e7, errors: 150 })],
      "module",
      bands,
    );
    expect(fresh!.errPct.delta).toBeCloseTo(0.15, 10);
    expect(fresh!.errPct.isFlagged).toBe(true);
  });

  it("keeps rows only on one side, unflagged", () => {
    const rows = compareRecords([rec({ module: "a" })], [rec({ module: "b" })], "module", bands);
    expect(rows.map((r) => [r.module, r.baseline === null, r.current === null, r.isFlagged])).toEqual([
      ["a", false, true, false],
      ["b", true, false, false],
    ]);
  });

  it("rolls several runs of a module up: sums, time-weighted rate, highest p95", () => {
    const up = rollUp([rec({}), rec({ runId: "r2", samples: 3000, sumMs: 3000 * 200, elapsedMs: 10_000, p95Ms: 500 })], "module");
    expect(up.get("incoming")!.figures).toEqual({
      samples: 4000,
      errors: 0,
      errorPct: 0,
      avgMs: 175,
      p95Ms: 500,
      ratePerSec: 200,
      runs: 2,
    });
  });

  it("keys labels by module, label and kind", () => {
    const rows = compareRecords(
      [rec({ scope: "label", label: "login", kind: "request" }), rec({ scope: "label", label: "login", kind: "transaction" })],
      [rec({ scope: "label", label: "login", kind: "request", sumMs: 200_000 })],
      "label",
      bands,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ label: "login", kind: "request", isFlagged: true });
  });
});
