import { describe, expect, it } from "vitest";
import { MetricRecorder, type TSample } from "./recorder";
import { mergeBucketRows, mergeBuckets, summarize, summarizeRow } from "./summarize";
import { decodeHistogram } from "./histogram";

const T0 = 1_700_000_000_000; // a whole second

function sample(over: Partial<TSample>): TSample {
  return { label: "a", module: "m", kind: "request", startMs: T0, elapsedMs: 10, ...over };
}

describe("MetricRecorder", () => {
  it("buckets samples per label per second of their end and closes only past seconds", () => {
    const r = new MetricRecorder();
    r.record(sample({ startMs: T0 + 100, elapsedMs: 20 }));
    r.record(sample({ startMs: T0 + 990, elapsedMs: 20 })); // ends in the next second
    r.record(sample({ label: "b", startMs: T0 + 5, elapsedMs: 7, error: { kind: "http_status", message: "500 Internal" } }));
    const first = r.flush(T0 / 1000 + 1);
    expect(first.map((b) => [b.label, b.count])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
    expect(first.find((b) => b.label === "b")?.errorsByKind).toEqual({ http_status: 1 });
    const rest = r.flushAll();
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({ second: T0 / 1000 + 1, count: 1, sumMs: 20 });
    expect(r.flushAll()).toEqual([]);
    expect(r.errorExamples()).toEqual([{ label: "b", kind: "http_status", examples: ["500 Internal"] }]);
  });
});

describe("merge and summarize", () => {
  function bucketsOf(samples: TSample[]) {
    const r = new MetricRecorder();
    for (const s of samples) r.record(s);
    return { buckets: r.flushAll(), examples: r.errorExamples() };
  }

  it("merges histograms exactly: percentiles of the union, never averages of percentiles", () => {
    // second 1: 99 fast samples; second 2: 1 slow sample → p99 of all is fast, p100 slow.
    const fast = Array.from({ length: 99 }, (_, i) => sample({ startMs: T0 + i, elapsedMs: 10 }));
    const slow = [sample({ startMs: T0 + 1500, elapsedMs: 1000 })];
    const { buckets } = bucketsOf([...fast, ...slow]);
    expect(buckets).toHaveLength(2);
    const merged = mergeBuckets(buckets)!;
    const h = decodeHistogram(merged.histogram);
    expect(h.totalCount).toBe(100);
    expect(h.getValueAtPercentile(99) / 1000).toBeCloseTo(10, 1);
    expect(h.maxValue / 1000).toBeCloseTo(1000, 0);
    expect(merged).toMatchObject({ count: 100, sumMs: 99 * 10 + 1000, minMs: 10, maxMs: 1000 });
    const rows = mergeBucketRows(buckets);
    expect(rows).toHaveLength(1);
    expect(mergeBucketRows(buckets, { perSecond: true })).toHaveLength(2);
  });

  it("computes JMeter's arithmetic for labels, modules and the total", () => {
    const { buckets, examples } = bucketsOf([
      sample({ label: "login", startMs: T0, elapsedMs: 10 }),
      sample({ label: "login", startMs: T0 + 1000, elapsedMs: 15 }),
      sample({ label: "vote", startMs: T0 + 1990, elapsedMs: 10, error: { kind: "timeout", message: "headers timeout" } }),
      sample({ label: "other", module: "n", startMs: T0, elapsedMs: 3 }),
      sample({ label: "txn", kind: "transaction", startMs: T0, elapsedMs: 2000 }),
      sample({ label: "rv", kind: "rendezvous_wait", startMs: T0, elapsedMs: 500 }),
    ]);
    const s = summarize(buckets, { errorExamples: examples });
    // total = requests only: 4 samples, sum 38 → Avg 9 (truncated), elapsed 2000 ms → 2.0/s
    expect(s.total).toMatchObject({ samples: 4, errors: 1, errorPct: 25, avgMs: 9.5, minMs: 3, maxMs: 15, ratePerSec: 2 });
    expect(s.total.summaryLine).toBe("summary =      4 in 00:00:02 =    2.0/s Avg:     9 Min:     3 Max:    15 Err:     1 (25.00%)");
    expect(s.modules.map((m) => [m.module, m.samples])).toEqual([
      ["m", 3],
      ["n", 1],
    ]);
    const m = s.modules[0]!;
    expect(m.summaryLine).toBe("summary =      3 in 00:00:02 =    1.5/s Avg:    11 Min:    10 Max:    15 Err:     1 (33.33%)");
    expect(s.labels.map((l) => `${l.module}/${l.kind}:${l.label}`)).toEqual([
      "m/transaction:txn",
      "m/request:login",
      "m/request:vote",
      "m/rendezvous_wait:rv",
      "n/request:other",
    ]);
    expect(s.errors).toEqual([{ label: "vote", kind: "timeout", count: 1, examples: ["headers timeout"] }]);
    expect(s.elapsedSeconds).toBe(2);
  });

  it("an interval row (summary +) covers only its buckets", () => {
    const { buckets } = bucketsOf([sample({ startMs: T0, elapsedMs: 1 }), sample({ startMs: T0 + 5000, elapsedMs: 4 })]);
    const last = buckets.filter((b) => b.second >= T0 / 1000 + 5);
    expect(summarizeRow(last)).toMatchObject({ samples: 1, minMs: 4, maxMs: 4 });
    expect(summarizeRow([])).toMatchObject({ samples: 0, ratePerSec: 0 });
  });
});
