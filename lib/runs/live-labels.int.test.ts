import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { MetricRecorder } from "@/lib/engine/metrics/recorder";
import { summarize } from "@/lib/engine/metrics/summarize";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { MetricWriter } from "@/lib/worker/persist-metrics";
import { createTestModule, scenarioDoc, syntheticRun } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { enqueueRun } from "./enqueue-run";
import { getRunLive } from "./get-run-live";

/** The engine's summary of the raw samples ending in [from, to]. */
function rawSummary(samples: ReturnType<typeof syntheticRun>["samples"], from: number, to: number) {
  const rec = new MetricRecorder();
  for (const s of samples) {
    const second = Math.floor((s.startMs + s.elapsedMs) / 1000);
    if (second >= from && second <= to) rec.record(s);
  }
  return summarize(rec.flushAll());
}

async function liveRun(firstSecond: number, seconds: number, labels: number, overrides?: { durationSeconds?: number }) {
  const mod = await createTestModule();
  const a = await createScenario({
    moduleId: mod.id,
    definition: scenarioDoc({ name: "a", load: { vus: 2, durationSeconds: 60, rampDownSeconds: 5 } } as never),
  });
  const { id } = await enqueueRun({ scenarioIds: [a.id], ...(overrides ? { overrides } : {}) });
  await prisma.run.update({ where: { id }, data: { status: "running", startedAt: new Date(firstSecond * 1000), workerId: "t" } });
  const synthetic = syntheticRun(firstSecond, seconds, labels);
  const writer = new MetricWriter(id);
  for (const s of synthetic.seconds) writer.push(s);
  expect(await writer.drain(60_000)).toBe(true);
  writer.close();
  return { id, synthetic };
}

describe("live page: planned length, label table, per-label series", () => {
  beforeEach(resetDatabase);

  it("plans from the frozen scenario and overrides", async () => {
    const plain = await liveRun(1_800_000_000, 3, 1);
    expect((await getRunLive(plain.id)).plannedSeconds).toBe(65);
    const longer = await liveRun(1_800_000_000, 3, 1, { durationSeconds: 600 });
    expect((await getRunLive(longer.id)).plannedSeconds).toBe(605);
  });

  it("label rows equal the raw samples' figures since the start and over the last 10 s", async () => {
    const first = 1_800_000_000 - 37; // crosses a minute rollup: the total merges rollups and seconds
    const { id, synthetic } = await liveRun(first, 150, 3);
    const live = await getRunLive(id);
    const labelRows = live.labels!;
    const last = first + 149;
    const total = rawSummary(synthetic.samples, 0, 2e9);
    const recent = rawSummary(synthetic.samples, last - 9, last);
    expect(labelRows).toHaveLength(3);
    for (const row of labelRows) {
      const t = total.labels.find((l) => l.label === row.label)!;
      expect(row.total).toEqual({ samples: t.samples, ratePerSec: t.ratePerSec, avgMs: t.avgMs, p95Ms: t.p95Ms, errorPct: t.errorPct });
      const r = recent.labels.find((l) => l.label === row.label)!;
      expect(row.recent).toEqual({ samples: r.samples, ratePerSec: r.samples / 10, avgMs: r.avgMs, p95Ms: r.p95Ms, errorPct: r.errorPct });
    }
    // The slow label (label 0 of the fixture) is slower in the table too: the figures are per label.
    const slow = labelRows.find((l) => l.label.endsWith("/0"))!;
    expect(slow.total.avgMs).toBeGreaterThan(Math.max(...labelRows.filter((l) => l !== slow).map((l) => l.total.avgMs)));
    // A poll that leaves the table out (the page asks for it every few polls) still has the series.
    const lean = await getRunLive(id, { since: last - 2, withLabels: false });
    expect(lean.labels).toBeNull();
    expect(lean.points).toHaveLength(2);
  });

  it("answers the picked labels' response time per second after seriesSince", async () => {
    const first = 1_800_000_200;
    const { id, synthetic } = await liveRun(first, 40, 3);
    const labels = (await getRunLive(id)).labels!;
    const picked = labels.find((l) => l.label.endsWith("/1"))!;
    const live = await getRunLive(id, { since: first + 30, series: [picked.index], seriesSince: first + 35 });
    expect(live.labelSeries.map((p) => p.second)).toEqual([first + 36, first + 37, first + 38, first + 39]);
    expect(new Set(live.labelSeries.map((p) => p.index))).toEqual(new Set([picked.index]));
    for (const p of live.labelSeries) {
      const raw = rawSummary(synthetic.samples, p.second, p.second).labels.find((l) => l.label === picked.label)!;
      expect([p.samples, p.avgMs, p.p95Ms]).toEqual([raw.samples, raw.avgMs, raw.p95Ms]);
    }
    expect((await getRunLive(id, { since: first + 30 })).labelSeries).toEqual([]);
  });
});
