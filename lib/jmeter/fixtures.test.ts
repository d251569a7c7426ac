/**
 * Our figures against real JMeter 2.13's own, for the same files (fixtures/generate.sh ran JMeter
 * against a local target and kept its summariser output and Aggregate Report figures).
 */
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importJtl, type TImportJtlResult } from "./import-jtl";
import { parseSummariserLog, type TSummariserRow } from "./log/parse-summariser-log";
import type { JmeterFigures } from "./aggregate/figures";

const dir = path.join(import.meta.dirname, "fixtures");
const FIXTURES = ["csv-header", "csv-noheader", "xml", "csv-semicolon-datefmt"] as const;

/** JMeter's final `name = …` line per summariser name. */
function jmeterLines(name: string): Map<string, TSummariserRow> {
  const { rows } = parseSummariserLog(readFileSync(path.join(dir, `${name}.summary.txt`), "utf8"));
  return new Map(rows.map((r) => [r.name, r]));
}

function expectSameFigures(ours: JmeterFigures, jm: TSummariserRow): void {
  const f = ours.summaryFigures();
  expect({
    samples: f.samples,
    avg: Math.trunc(f.sumMs / f.samples),
    min: f.minMs,
    max: f.maxMs,
    errors: f.errors,
    errPct: ((f.errors / f.samples) * 100).toFixed(2),
  }).toEqual({ samples: jm.samples, avg: jm.avgMs, min: jm.minMs, max: jm.maxMs, errors: jm.errors, errPct: jm.errorPct.toFixed(2) });
  // JMeter 2.13 times its summariser by the wall clock, from test start to test end, which a JTL
  // does not record: ours (first sample start → last sample end) can only be shorter, by the
  // test's start-up and shut-down time.
  expect(f.elapsedMs / 1000).toBeLessThanOrEqual(jm.elapsedSeconds + 0.05);
}

async function load(name: string, modules: "threadGroup" | "fixed" = "threadGroup"): Promise<TImportJtlResult> {
  return importJtl(createReadStream(path.join(dir, `${name}.jtl`), { highWaterMark: 4096 }), {
    modules: modules === "fixed" ? { by: "fixed", module: "plan" } : { by: "threadGroup" },
    utcOffsetMinutes: 0, // generate.sh ran JMeter in UTC
  });
}

describe.each(FIXTURES)("JMeter 2.13 fixture %s", (name) => {
  it("total and per-module (thread group) figures equal JMeter's summariser lines", async () => {
    const r = await load(name);
    const jm = jmeterLines(name);
    expectSameFigures(r.figures.total, jm.get("summary") as TSummariserRow);
    for (const group of ["Vote_Interface_Test", "incoming"]) {
      expect(r.figures.modules.has(group)).toBe(true);
      expectSameFigures(r.figures.modules.get(group) as JmeterFigures, jm.get(group) as TSummariserRow);
    }
    // The summary row carries the same figures (its average to 3 decimals; JMeter prints it truncated).
    const total = r.summary.total;
    expect([total.samples, Math.trunc(total.avgMs), total.minMs, total.maxMs, total.errors]).toEqual([
      jm.get("summary")?.samples,
      jm.get("summary")?.avgMs,
      jm.get("summary")?.minMs,
      jm.get("summary")?.maxMs,
      jm.get("summary")?.errors,
    ]);
  });

  it("per-label figures equal JMeter's per-sampler summarisers", async () => {
    const r = await load(name, "fixed");
    const jm = jmeterLines(name);
    // Summarisers under a sampler outside a transaction see only that sampler's samples.
    for (const label of ["GET /slow", "GET /flaky"]) {
      const ours = r.figures.labels.find((l) => l.label === label);
      expectSameFigures(ours?.figures as JmeterFigures, jm.get(`label:${label}`) as TSummariserRow);
    }
  });

  it("marks Transaction Controller samples as transactions", async () => {
    const r = await load(name);
    const kinds = Object.fromEntries(r.summary.labels.map((l) => [`${l.module}/${l.label}`, l.kind]));
    expect(kinds["Vote_Interface_Test/Vote flow"]).toBe("transaction");
    expect(kinds["incoming/incoming flow"]).toBe("transaction");
    expect(kinds["incoming/GET /slow"]).toBe("request");
  });

  it("buckets add up to the totals", async () => {
    const r = await load(name);
    const count = r.buckets.reduce((a, b) => a + b.count, 0);
    const errors = r.buckets.reduce((a, b) => a + b.errors, 0);
    const sum = r.buckets.reduce((a, b) => a + b.sumMs, 0);
    expect([count, errors, sum]).toEqual([r.figures.total.samples, r.figures.total.errors, r.figures.total.sumMs]);
    for (const b of r.buckets) {
      expect(b.histogram.length).toBeGreaterThan(0);
      expect(Math.floor(b.lastEndMs / 1000)).toBe(b.second);
    }
  });
});

describe.each(["csv-header", "csv-noheader"] as const)("Aggregate Report of %s", (name) => {
  it("matches JMeter's SamplingStatCalculator per label, per thread group and in total, to the ms", async () => {
    const ref = JSON.parse(readFileSync(path.join(dir, `${name}.aggregate.json`), "utf8")) as {
      labels: Record<string, Record<string, number>>;
      threadGroups: Record<string, Record<string, number>>;
      total: Record<string, number>;
    };
    const pick = (x: Record<string, number>) => ({
      samples: x.count,
      average: x.average,
      median: x.median,
      pct1: x.p90,
      pct2: x.p95,
      pct3: x.p99,
      min: x.min,
      max: x.max,
      errorPct: ((x.errorPercentage as number) * 100).toFixed(6),
    });
    const ours = (f: JmeterFigures) => {
      const a = f.aggregateReport();
      return { ...a, errorPct: a.errorPct.toFixed(6) };
    };
    const byLabel = await load(name, "fixed");
    for (const [label, row] of Object.entries(ref.labels)) {
      const f = byLabel.figures.labels.find((l) => l.label === label)?.figures as JmeterFigures;
      expect(ours(f), label).toEqual(pick(row));
    }
    expect(ours(byLabel.figures.total)).toEqual(pick(ref.total));
    const byGroup = await load(name);
    for (const [group, row] of Object.entries(ref.threadGroups))
      expect(ours(byGroup.figures.modules.get(group) as JmeterFigures), group).toEqual(pick(row));
    // The run summary's p50/p90/p95/p99 are these exact figures.
    expect(byLabel.summary.total.p90Ms).toBe(ref.total.p90);
    expect(byLabel.summary.total.p99Ms).toBe(ref.total.p99);
  });

  it("elapsed of each label equals JMeter's first start → last end", async () => {
    const ref = JSON.parse(readFileSync(path.join(dir, `${name}.aggregate.json`), "utf8")) as {
      labels: Record<string, Record<string, number>>;
    };
    const r = await load(name, "fixed");
    for (const [label, row] of Object.entries(ref.labels)) {
      const f = r.figures.labels.find((l) => l.label === label)?.figures as JmeterFigures;
      expect([f.firstStartMs, f.lastEndMs], label).toEqual([row.firstStart, row.lastEnd]);
    }
  });
});

describe("the same run in two CSV layouts", () => {
  it("reads the formatted-date, semicolon file and detects its layout", async () => {
    const r = await load("csv-semicolon-datefmt");
    expect(r.csv?.delimiter).toBe(";");
    expect(r.csv?.timestampFormat).toBe("yyyy/MM/dd HH:mm:ss.SSS");
    expect(r.csv?.hasHeader).toBe(true);
  });
  it("recognises 2.13's header-less default layout", async () => {
    const r = await load("csv-noheader");
    expect(r.csv?.hasHeader).toBe(false);
    expect(r.csv?.layout).toBe("JMeter 2.x default");
    expect(r.warnings.join()).toMatch(/no header row/);
  });
});

describe("chunk boundaries", () => {
  it.each(["csv-header", "csv-noheader", "xml"])("%s gives the same result whatever the chunk size", async (name) => {
    const bytes = readFileSync(path.join(dir, `${name}.jtl`));
    const run = async (size: number) => {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const r = await importJtl(chunks());
      return { summary: r.summary, buckets: r.buckets.map((b) => [b.second, b.label, b.count, b.sumMs, b.histogram]) };
    };
    const whole = await run(bytes.length);
    for (const size of [1, 13, 100, 4093]) expect(await run(size), `chunk ${size}`).toEqual(whole);
  });
});
