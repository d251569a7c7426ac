import { describe, expect, it } from "vitest";
import { MetricRecorder } from "../engine/metrics/recorder";
import { summarize } from "../engine/metrics/summarize";
import type { TMetricBucket } from "../engine/metrics/types";
import { decodePacked, encodePacked, mergePackedInto } from "./bucket-codec";
import { highestValueOfIndex, indexOfValue, lowestValueOfIndex } from "./histogram-index";
import { emptyMerged, mergeInto, type TMergedFigures } from "./merge-figures";
import { bucketToPacked } from "./pack-second";
import { slowInterfaces } from "./slow-interfaces";
import { summarizeRun, summaryRowOf, type TLabelMeta } from "./summarize-run";
import { evaluateThresholds } from "../engine/thresholds";

/** Deterministic pseudo-random numbers. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function syntheticBuckets(seconds: number, labels: number, seed = 1): TMetricBucket[] {
  const r = rng(seed);
  const rec = new MetricRecorder();
  const t0 = 1_800_000_000_000;
  for (let s = 0; s < seconds; s++)
    for (let l = 0; l < labels; l++)
      for (let k = 0; k < 1 + Math.floor(r() * 30); k++) {
        const elapsed = Math.round((l === 0 ? 3500 : 5) + r() ** 3 * 2000); // whole ms, long tail
        const start = t0 + s * 1000 + Math.floor(r() * 1000) - elapsed;
        rec.record({
          label: `GET /api/${l}`,
          module: l % 3 === 0 ? "vote" : "auth",
          kind: l === labels - 1 ? "transaction" : "request",
          startMs: start,
          elapsedMs: elapsed,
          latencyMs: elapsed / 2,
          bytesReceived: 100,
          bytesSent: 50,
          url: `http://127.0.0.1/api/${l}`,
          method: "GET",
          ...(r() < 0.05 ? { error: { kind: r() < 0.5 ? "timeout" : "http_status", message: "boom" } } : {}),
        } as never);
      }
  return rec.flushAll();
}

describe("histogram index (HDR layout)", () => {
  it("maps values to buckets whose bounds contain them", () => {
    for (const v of [1, 2, 1023, 2047, 2048, 2049, 4095, 4096, 123_456, 3_600_000_000]) {
      const i = indexOfValue(v);
      expect(lowestValueOfIndex(i)).toBeLessThanOrEqual(v);
      expect(highestValueOfIndex(i)).toBeGreaterThanOrEqual(v);
    }
  });
});

describe("packed buckets", () => {
  const buckets = syntheticBuckets(20, 6);
  const metas: TLabelMeta[] = [];
  const indexOf = new Map<string, number>();
  const idx = (b: TMetricBucket) => {
    const key = `${b.kind}|${b.module}|${b.label}`;
    if (!indexOf.has(key)) {
      indexOf.set(key, indexOf.size);
      metas.push({ index: indexOf.size - 1, label: b.label, module: b.module, kind: b.kind, url: b.url ?? null, method: b.method ?? null });
    }
    return indexOf.get(key)!;
  };

  it("round-trips and merges to the same summary as the engine's HDR merge of the raw buckets", () => {
    const bySecond = new Map<number, TMetricBucket[]>();
    for (const b of buckets) bySecond.set(b.second, [...(bySecond.get(b.second) ?? []), b]);
    const merged = new Map<number, TMergedFigures>();
    for (const [second, list] of bySecond) {
      const bytes = encodePacked(
        second,
        list.map((b) => bucketToPacked(b, idx(b))),
      );
      for (const l of decodePacked(second, bytes)) {
        if (!merged.has(l.labelIndex)) merged.set(l.labelIndex, emptyMerged());
        mergeInto(merged.get(l.labelIndex)!, l);
      }
    }
    const ours = summarizeRun({ labels: metas, merged });
    const engine = summarize(buckets);
    expect(ours.labels.map((l) => l.label)).toEqual(engine.labels.map((l) => l.label));
    for (const [i, l] of ours.labels.entries()) {
      const e = engine.labels[i]!;
      expect({ ...l, avgMs: Math.round(l.avgMs) }).toEqual({ ...e, avgMs: Math.round(e.avgMs) });
    }
    expect(ours.total).toEqual(engine.total);
    expect(ours.modules).toEqual(engine.modules);
    expect(ours.errors.map((e) => [e.label, e.kind, e.count])).toEqual(engine.errors.map((e) => [e.label, e.kind, e.count]));
  });

  it("mergePackedInto (one pass) equals decode + merge", () => {
    const bySecond = new Map<number, TMetricBucket[]>();
    for (const b of buckets) bySecond.set(b.second, [...(bySecond.get(b.second) ?? []), b]);
    const slow = new Map<number, TMergedFigures>();
    const fast = new Map<number, TMergedFigures>();
    for (const [second, list] of bySecond) {
      const bytes = encodePacked(
        second,
        list.map((b) => bucketToPacked(b, idx(b))),
      );
      for (const l of decodePacked(second, bytes)) {
        if (!slow.has(l.labelIndex)) slow.set(l.labelIndex, emptyMerged());
        mergeInto(slow.get(l.labelIndex)!, l);
      }
      mergePackedInto(second, bytes, fast);
    }
    expect(summarizeRun({ labels: metas, merged: fast })).toEqual(summarizeRun({ labels: metas, merged: slow }));
  });

  it("skips unwanted labels", () => {
    const second = buckets[0]!.second;
    const list = buckets.filter((b) => b.second === second);
    const bytes = encodePacked(
      second,
      list.map((b) => bucketToPacked(b, idx(b))),
    );
    expect(decodePacked(second, bytes, (i) => i === 0).map((l) => l.labelIndex)).toEqual([0]);
  });
});

describe("summary rows, slow list, thresholds", () => {
  it("uses JMeter's arithmetic for the summary line", () => {
    const m = emptyMerged();
    const t0 = 1_800_000_000_000;
    for (const [start, ms, err] of [
      [0, 100, 0],
      [500, 200, 1],
      [1699, 301, 0],
    ] as const)
      mergeInto(m, {
        count: 1,
        errors: err,
        errorsByKind: err ? { http_status: 1 } : {},
        sumMs: ms,
        minMs: ms,
        maxMs: ms,
        latencySumMs: 0,
        connectSumMs: 0,
        bytesReceived: 0,
        bytesSent: 0,
        firstStartMs: t0 + start,
        lastEndMs: t0 + start + ms,
        pairs: [indexOfValue(ms * 1000), 1],
      });
    const row = summaryRowOf(m);
    expect(row.summaryLine).toBe("summary =      3 in 00:00:02 =    1.5/s Avg:   200 Min:   100 Max:   301 Err:     1 (33.33%)");
    expect(row.p50Ms).toBeCloseTo(200, 0);
    expect(row.errorPct).toBe(33.3333);
  });

  it("lists slow request labels over the threshold and evaluates thresholds", () => {
    const s = summarize(syntheticBuckets(5, 4, 7));
    const slow = slowInterfaces(s.labels, 3000);
    expect(slow.map((x) => x.label)).toEqual(["GET /api/0"]);
    expect(slow[0]!.url).toBe("http://127.0.0.1/api/0");
    const results = evaluateThresholds(
      [
        { metric: "p95Ms", max: 1 },
        { metric: "errorPct", max: 100 },
        { label: "vote", metric: "avgMs", max: 10 },
        { label: "nope", metric: "avgMs", max: 1 },
      ],
      s,
    );
    expect(results.map((r) => [r.scope, r.ok])).toEqual([
      ["total", false],
      ["total", true],
      ["module", false],
      ["module", false],
    ]);
    expect(results[3]!.actual).toBeNull();
  });
});
