/**
 * Iteration start lag (kind `iteration_lag`) rides along like a rendezvous wait: its own label row
 * with an on-time share, never in request totals, module rows, error %, throughput, per-second
 * request totals, thresholds or the slow list.
 */
import { describe, expect, it } from "vitest";
import { MetricRecorder, type TSample } from "../engine/metrics/recorder";
import { ON_TIME_LAG_MS, shareAtOrBelow, summarize } from "../engine/metrics/summarize";
import type { TMetricBucket, TRunSummary } from "../engine/metrics/types";
import type { TThreshold } from "../engine/scenario";
import { emptyMerged, mergeInto, type TMergedFigures } from "./merge-figures";
import { bucketToPacked, secondTotals } from "./pack-second";
import { slowInterfaces } from "./slow-interfaces";
import { summarizeRun, type TLabelMeta } from "./summarize-run";
import { evaluateThresholds } from "../engine/thresholds";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const T0 = 1_800_000_000_000;
/** Scenario "shop" in module "shop" (the default module is the scenario's name). */
const SCENARIO = "shop";

function loadSamples(seed: number): TSample[] {
  const r = rng(seed);
  const out: TSample[] = [];
  for (let s = 0; s < 30; s++)
    for (let k = 0; k < 40; k++) {
      const elapsed = 5 + r() ** 4 * 4000;
      const start = T0 + s * 1000 + r() * 1000;
      out.push({
        label: k % 2 ? "me" : "buy",
        module: SCENARIO,
        kind: "request",
        startMs: start,
        elapsedMs: elapsed,
        url: "http://127.0.0.1/x",
        method: "GET",
        ...(r() < 0.1 ? { error: { kind: "http_status" as const, message: "500" } } : {}),
      });
      if (k % 10 === 0) out.push({ label: "checkout", module: SCENARIO, kind: "transaction", startMs: start, elapsedMs: elapsed * 2 });
    }
  return out;
}

/** 300 paced iterations: 240 on time (0–3 ms late), 60 late by 50–2,000 ms. */
function lagSamples(seed: number): TSample[] {
  const r = rng(seed);
  return Array.from({ length: 300 }, (_, i) => ({
    label: SCENARIO,
    module: SCENARIO,
    kind: "iteration_lag" as const,
    startMs: T0 + i * 100,
    elapsedMs: i % 5 === 4 ? 50 + r() * 1950 : r() * 3,
  }));
}

function record(samples: TSample[]): TMetricBucket[] {
  const rec = new MetricRecorder();
  for (const s of samples) rec.record(s);
  return rec.flushAll();
}

/** The stored path: buckets packed per label index, merged per label (what getRunResults does). */
function storedSummary(buckets: TMetricBucket[]): { summary: TRunSummary; seconds: Map<number, ReturnType<typeof secondTotals>> } {
  const metas: TLabelMeta[] = [];
  const index = new Map<string, number>();
  const merged = new Map<number, TMergedFigures>();
  const bySecond = new Map<number, ReturnType<typeof bucketToPacked>[]>();
  for (const b of buckets) {
    const key = `${b.kind}|${b.module}|${b.label}`;
    if (!index.has(key)) {
      index.set(key, metas.length);
      metas.push({ index: metas.length, label: b.label, module: b.module, kind: b.kind, method: b.method ?? null, url: b.url ?? null });
    }
    const packed = bucketToPacked(b, index.get(key)!);
    const m = merged.get(packed.labelIndex) ?? emptyMerged();
    mergeInto(m, packed);
    merged.set(packed.labelIndex, m);
    bySecond.set(b.second, [...(bySecond.get(b.second) ?? []), packed]);
  }
  const seconds = new Map([...bySecond].map(([second, labels]) => [second, secondTotals(labels, (i) => metas[i]!.kind === "request")]));
  return { summary: summarizeRun({ labels: metas, merged }), seconds };
}

const withoutLag = record(loadSamples(7));
const withLag = record([...loadSamples(7), ...lagSamples(3)]);
const thresholds: TThreshold[] = [
  { metric: "p95Ms", max: 100_000 },
  { metric: "errorPct", max: 50 },
  { label: SCENARIO, metric: "avgMs", max: 100_000 }, // the module "shop", not the lag row "shop"
  { label: SCENARIO, metric: "ratePerSec", min: 1 },
  { label: "me", metric: "maxMs", max: 100_000 },
];

describe("iteration start lag", () => {
  for (const [name, summaryOf] of [
    ["engine summary", (b: TMetricBucket[]) => summarize(b)],
    ["stored summary", (b: TMetricBucket[]) => storedSummary(b).summary],
  ] as const) {
    it(`${name}: totals, modules, errors, thresholds and the slow list are the same with and without lag samples`, () => {
      const a = summaryOf(withoutLag);
      const b = summaryOf(withLag);
      expect(b.total).toEqual(a.total);
      expect(b.modules).toEqual(a.modules);
      expect(b.errors).toEqual(a.errors);
      expect(b.labels.filter((l) => l.kind !== "iteration_lag")).toEqual(a.labels);
      expect(evaluateThresholds(thresholds, b)).toEqual(evaluateThresholds(thresholds, a));
      expect(evaluateThresholds(thresholds, b).find((t) => t.target === SCENARIO && t.metric === "avgMs")?.scope).toBe("module");
      expect(slowInterfaces(b.labels, 100)).toEqual(slowInterfaces(a.labels, 100));
      expect(slowInterfaces(b.labels, 100).length).toBeGreaterThan(0);
      // The lag is there, as its own row.
      const lag = b.labels.find((l) => l.kind === "iteration_lag")!;
      expect(lag).toMatchObject({ label: SCENARIO, module: SCENARIO, samples: 300, errors: 0 });
      expect(lag.onTimePct).toBeCloseTo(80, 0);
      expect(lag.maxMs).toBeGreaterThan(50);
      expect(lag.p95Ms).toBeGreaterThan(50);
      expect(a.labels.some((l) => "onTimePct" in l)).toBe(false);
    });
  }

  it("per-second request totals ignore lag samples", () => {
    const a = storedSummary(withoutLag).seconds;
    const b = storedSummary(withLag).seconds;
    for (const [second, totals] of b)
      expect(totals).toEqual(
        a.get(second) ?? { samples: 0, errors: 0, sumMs: 0, minMs: 0, maxMs: 0, p95Ms: 0, firstStartMs: 0, lastEndMs: 0 },
      );
  });

  it("on-time share: exact at the edges, and matches a count within histogram precision", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i / 10); // 0 … 99.9 ms
    const sorted = [...values].sort((x, y) => x - y);
    const percentile = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
    expect(shareAtOrBelow(percentile, 1_000)).toBe(100);
    expect(shareAtOrBelow(percentile, -1)).toBe(0);
    const expected = (values.filter((v) => v <= ON_TIME_LAG_MS).length / values.length) * 100;
    expect(Math.abs(shareAtOrBelow(percentile, ON_TIME_LAG_MS) - expected)).toBeLessThan(0.2);
  });
});
