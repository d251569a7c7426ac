import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { MetricRecorder } from "@/lib/engine/metrics/recorder";
import { summarize } from "@/lib/engine/metrics/summarize";
import { AppError } from "@/lib/errors";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { updateScenario } from "@/lib/scenarios/update-scenario";
import { MetricWriter } from "@/lib/worker/persist-metrics";
import { createTestModule, scenarioDoc, syntheticRun } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { cancelRun } from "./cancel-run";
import { enqueueRun, RUN_QUEUE_CHANNEL } from "./enqueue-run";
import { finalizeRun } from "./finalize-run";
import { findRuns } from "./find-runs";
import { getRunById } from "./get-run-by-id";
import { getRunLive } from "./get-run-live";
import { getRunResults } from "./get-run-results";
import { getRunSummary } from "./get-run-summary";

async function twoScenarios() {
  const mod = await createTestModule("vote");
  const a = await createScenario({ moduleId: mod.id, definition: scenarioDoc({ name: "a", thresholds: [{ metric: "p95Ms", max: 500 }] }) });
  const b = await createScenario({ moduleId: mod.id, definition: scenarioDoc({ name: "b" }) });
  return { mod, a, b };
}

/** A run as the worker would have it: running, seconds written by the MetricWriter. */
async function runWithSeconds(firstSecond: number, seconds: number, labels: number) {
  const { a } = await twoScenarios();
  const { id } = await enqueueRun({ scenarioIds: [a.id], thresholds: [{ metric: "errorPct", max: 50 }] });
  await prisma.run.update({ where: { id }, data: { status: "running", startedAt: new Date(firstSecond * 1000), workerId: "t" } });
  const synthetic = syntheticRun(firstSecond, seconds, labels);
  const writer = new MetricWriter(id);
  for (const s of synthetic.seconds) writer.push(s);
  expect(await writer.drain(60_000)).toBe(true);
  writer.close();
  return { id, synthetic };
}

/** The engine's summary of the raw samples ending in [from, to]. */
function rawSummary(samples: ReturnType<typeof syntheticRun>["samples"], from: number, to: number) {
  const rec = new MetricRecorder();
  for (const s of samples) {
    const second = Math.floor((s.startMs + s.elapsedMs) / 1000);
    if (second >= from && second <= to) rec.record(s);
  }
  return summarize(rec.flushAll());
}

describe("runs", () => {
  beforeEach(resetDatabase);

  it("enqueues a frozen copy of several scenarios, merges thresholds, and NOTIFYs the workers", async () => {
    const { a, b } = await twoScenarios();
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    await listener.query(`LISTEN ${RUN_QUEUE_CHANNEL}`);
    const notified = new Promise<string>((resolve) => listener.on("notification", (n) => resolve(n.payload ?? "")));
    const { id, status } = await enqueueRun({
      scenarioIds: [a.id, b.id],
      overrides: { vus: 3, rendezvousEnabled: false },
      thresholds: [{ metric: "errorPct", max: 1 }],
    });
    expect(status).toBe("queued");
    expect(await notified).toBe(id);
    await listener.end();
    await updateScenario(a.id, { definition: scenarioDoc({ name: "a", module: "vote", load: { vus: 50, durationSeconds: 9 } } as never) });
    const run = await getRunById(id);
    expect(run.name).toBe("a + b");
    expect(run.scenarios.map((s) => [s.name, s.version, s.module])).toEqual([
      ["a", 1, "vote"],
      ["b", 1, "vote"],
    ]);
    expect(run.overrides).toEqual({ vus: 3, rendezvousEnabled: false });
    const stored = await prisma.run.findUniqueOrThrow({ where: { id } });
    expect((stored.scenarios as { definition: { load: { vus: number } } }[])[0]!.definition.load.vus).toBe(2);
    expect(stored.thresholds).toEqual([
      { metric: "p95Ms", max: 500 },
      { metric: "errorPct", max: 1 },
    ]);
    expect((await findRuns({ scenarioId: b.id })).map((r) => r.id)).toEqual([id]);
  });

  it("rejects bad run input with field issues", async () => {
    const { a } = await twoScenarios();
    const empty = await enqueueRun({ scenarioIds: [] }).catch((e: AppError) => e);
    expect((empty as AppError).issues[0]?.path).toBe("scenarioIds");
    const unknown = await enqueueRun({ scenarioIds: [a.id, "nope"] }).catch((e: AppError) => e);
    expect((unknown as AppError).issues).toEqual([{ path: "scenarioIds.1", message: "no scenario with this id" }]);
    const badOverride = await enqueueRun({ scenarioIds: [a.id], overrides: { vus: 0 } }).catch((e: AppError) => e);
    expect((badOverride as AppError).issues[0]?.path).toBe("overrides.vus");
    expect(await prisma.run.count()).toBe(0);
  });

  it("cancels a queued run at once; a finished run stays as it is; unknown → NOT_FOUND", async () => {
    const { a } = await twoScenarios();
    const { id } = await enqueueRun({ scenarioIds: [a.id] });
    const c = await cancelRun(id);
    expect(c.status).toBe("cancelled");
    expect((await cancelRun(id)).status).toBe("cancelled");
    expect(((await cancelRun("nope").catch((e) => e)) as AppError).code).toBe("NOT_FOUND");
  });

  it("windowed results equal the merge of the raw samples (rollups + edge seconds), and the final summary is stored", async () => {
    const first = 1_800_000_000 - 37; // not aligned: edges in seconds, minutes and 10-minute rollups
    const { id, synthetic } = await runWithSeconds(first, 1300, 2);
    const rollups = await prisma.runRollup.groupBy({ by: ["resolution"], where: { runId: id }, _count: true });
    expect(rollups.find((r) => r.resolution === 600)?._count).toBe(3); // a partial first period, two full ones; the last is still open
    for (const [from, to] of [
      [first, first + 1299],
      [first + 7, first + 1250],
      [first + 37 + 600, first + 37 + 1199],
      [first + 100, first + 100],
    ] as const) {
      const res = await getRunResults(id, { from, to, slowThresholdMs: 3000 });
      const raw = rawSummary(synthetic.samples, from, to);
      expect(res.summary.total).toEqual(raw.total);
      expect(res.summary.modules).toEqual(raw.modules);
      expect(res.summary.labels.map((l) => [l.label, l.samples, l.errors, l.p95Ms, l.maxMs, l.summaryLine])).toEqual(
        raw.labels.map((l) => [l.label, l.samples, l.errors, l.p95Ms, l.maxMs, l.summaryLine]),
      );
      expect(res.slowInterfaces.map((s) => s.label)).toEqual(["GET /api/v1/item/0"]);
    }
    const { summary, thresholds } = await finalizeRun(id, {
      status: "completed",
      errorExamples: [{ label: "GET /api/v1/item/1", kind: "timeout", examples: ["HTTP 500"] }],
    });
    expect(summary.total).toEqual(rawSummary(synthetic.samples, 0, 2e9).total);
    expect(summary.rendezvous[0]).toMatchObject({ name: "submit" });
    expect(summary.rendezvous[0]!.releases).toHaveLength(130);
    expect(thresholds.map((t) => [t.expression, t.ok])).toEqual([
      ["p95Ms <= 500 (total)", false],
      ["errorPct <= 50 (total)", true],
    ]);
    const run = await getRunById(id);
    expect(run.status).toBe("completed");
    expect(run.thresholdsPassed).toBe(false);
    expect(await prisma.runSummaryRow.count({ where: { runId: id } })).toBe(2 + 2 + 1);
    expect((await prisma.runError.findMany({ where: { runId: id } })).length).toBeGreaterThan(0);
    expect(await getRunSummary(id)).toEqual(summary);
    const whole = await getRunResults(id);
    expect(whole.summary).toEqual(summary);
    expect(whole.timeline.length).toBeGreaterThan(600);
    expect(whole.summary.errors.find((e) => e.label === "GET /api/v1/item/1" && e.kind === "timeout")?.examples).toEqual(["HTTP 500"]);
  }, 240_000);

  it("live: series since a second, releases, summary + / summary = lines", async () => {
    const first = 1_800_000_100;
    const { id, synthetic } = await runWithSeconds(first, 90, 3);
    const all = await getRunLive(id, { since: 0 });
    expect(all.points).toHaveLength(90);
    expect(all.lastSecond).toBe(first + 89);
    const raw = rawSummary(synthetic.samples, 0, 2e9);
    expect(all.summaryTotal).toBe(raw.total.summaryLine);
    expect(all.summaryInterval).toBe(
      rawSummary(synthetic.samples, first + 60, first + 89).total.summaryLine.replace("summary =", "summary +"),
    );
    expect(all.releases).toHaveLength(9);
    const tail = await getRunLive(id, { since: first + 85 });
    expect(tail.points.map((p) => p.second)).toEqual([first + 86, first + 87, first + 88, first + 89]);
    expect(tail.points[0]!.requestsPerSec).toBeGreaterThan(0);
    expect(tail.points.map((p) => p.saturated)).toEqual([false, false, false, false]);
    // Seconds where the generator itself was saturated carry the flag (the charts shade them).
    await prisma.runSecond.updateMany({ where: { runId: id, second: { in: [first + 87, first + 88] } }, data: { saturated: true } });
    expect((await getRunLive(id, { since: first + 85 })).points.map((p) => p.saturated)).toEqual([false, true, true, false]);
    expect(tail.status).toBe("running");
    // A release written late (its skew became known after the client had its second) still reaches
    // a client polling from after that second.
    await prisma.rendezvousRelease.create({
      data: { runId: id, name: "late_rv", at: BigInt((first + 84) * 1000 + 500), released: 5, reason: "policy", skewMs: 1.5 },
    });
    expect((await getRunLive(id, { since: first + 88 })).releases).toContainEqual({
      name: "late_rv",
      at: (first + 84) * 1000 + 500,
      released: 5,
      reason: "policy",
      skewMs: 1.5,
    });
    expect(tail.isFinal).toBe(false);
  });
});
