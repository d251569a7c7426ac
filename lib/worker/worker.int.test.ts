import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db/client";
import { startTarget, type TTarget } from "../engine/testing/target";
import { cancelRun } from "../runs/cancel-run";
import { enqueueRun } from "../runs/enqueue-run";
import { getRunById } from "../runs/get-run-by-id";
import { getRunLive } from "../runs/get-run-live";
import { getRunResults } from "../runs/get-run-results";
import { createScenario } from "../scenarios/create-scenario";
import { createTestModule, scenarioDoc, syntheticRun } from "../../test/run-fixtures";
import { resetDatabase } from "../../test/reset-run-db";
import { claimNextRun } from "./claim-next-run";
import { MetricWriter } from "./persist-metrics";
import { recoverOrphans } from "./recover-orphans";
import { runWorker } from "./run-worker";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(stepMs);
  }
}

/** The worker loop in this process (VUs in this thread). Returns stop(). */
function startWorker(logs: { at: number; m: string }[] = []) {
  const controller = new AbortController();
  const done = runWorker({
    workerId: `test-${Math.random().toString(36).slice(2, 7)}`,
    databaseUrl: process.env.DATABASE_URL!,
    signal: controller.signal,
    pollMs: 200,
    engineWorkers: 0,
    log: (m) => logs.push({ at: Date.now(), m }),
  });
  return {
    logs,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

let target: TTarget;
beforeAll(async () => {
  target = await startTarget({ keepLog: false });
});
afterAll(async () => {
  await target.close();
});

describe("worker", () => {
  beforeEach(resetDatabase);

  it("claims each queued run exactly once under concurrent claimers", async () => {
    const mod = await createTestModule();
    const { id: scenarioId } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++) ids.add((await enqueueRun({ scenarioIds: [scenarioId] })).id);
    const claims = await Promise.all(Array.from({ length: 24 }, (_, i) => claimNextRun(`w${i % 3}`)));
    const claimed = claims.filter((c) => c !== null).map((c) => c!.id);
    expect(claimed.sort()).toEqual([...ids].sort());
    expect(await prisma.run.count({ where: { status: "running" } })).toBe(10);
    expect(await claimNextRun("late")).toBeNull();
  });

  it("recovers a run orphaned by a crash as interrupted, keeping its seconds; live runs are left alone", async () => {
    const mod = await createTestModule();
    const { id: scenarioId } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const orphan = (await enqueueRun({ scenarioIds: [scenarioId] })).id;
    const alive = (await enqueueRun({ scenarioIds: [scenarioId] })).id;
    await prisma.run.update({
      where: { id: orphan },
      data: { status: "running", workerId: "dead", startedAt: new Date(), heartbeatAt: new Date(Date.now() - 60_000) },
    });
    await prisma.run.update({
      where: { id: alive },
      data: { status: "running", workerId: "alive", startedAt: new Date(), heartbeatAt: new Date() },
    });
    const synthetic = syntheticRun(1_800_000_000, 75, 3);
    const writer = new MetricWriter(orphan);
    for (const s of synthetic.seconds) writer.push(s);
    await writer.drain();
    writer.close();
    expect(await recoverOrphans()).toEqual([orphan]);
    const run = await getRunById(orphan);
    expect(run.status).toBe("interrupted");
    expect(run.error).toMatch(/worker/);
    expect(await prisma.runSecond.count({ where: { runId: orphan } })).toBe(75);
    const results = await getRunResults(orphan);
    expect(results.summary.total.samples).toBe(synthetic.samples.length);
    expect((await getRunById(alive)).status).toBe("running");
  });

  it("end to end: runs a short scenario against a local target, writes seconds, summary rows, slow list, releases; live stays fresh", async () => {
    await prisma.setting.create({ data: { key: "slowThresholdMs", value: 1000 } });
    const mod = await createTestModule("vote");
    const { id: scenarioId } = await createScenario({
      moduleId: mod.id,
      definition: scenarioDoc({
        baseUrl: target.url,
        load: { vus: 4, durationSeconds: 3, gracefulStopSeconds: 2 },
        steps: [
          { request: { name: "fast", path: "/fast" } },
          { rendezvous: { name: "submit", policy: { count: 4 }, timeoutSeconds: 2 } },
          {
            transaction: {
              name: "vote tx",
              steps: [{ request: { name: "slow vote", method: "POST", path: "/delay/1200", json: { v: 1 } } }],
            },
          },
        ],
      } as never),
    });
    const worker = startWorker();
    try {
      const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
      const lags: number[] = [];
      let since: number | undefined;
      await waitFor(
        async () => {
          const live = await getRunLive(id, since !== undefined ? { since } : {});
          if (live.lastSecond !== null && live.status === "running") lags.push(live.serverTimeMs - (live.lastSecond + 1) * 1000);
          since = live.lastSecond ?? since;
          return live.isFinal ? live : null;
        },
        30_000,
        250,
      );
      const run = await getRunById(id);
      expect(run.status).toBe("completed");
      expect(await prisma.runSecond.count({ where: { runId: id } })).toBeGreaterThanOrEqual(3);
      const rows = await prisma.runSummaryRow.findMany({ where: { runId: id } });
      expect(rows.map((r) => `${r.scope}:${r.label}`).sort()).toEqual(
        expect.arrayContaining(["label:fast", "label:slow vote", "label:vote tx", "module:", "total:"]),
      );
      const results = await getRunResults(id);
      expect(results.slowThresholdMs).toBe(1000);
      expect(results.slowInterfaces.map((s) => s.label)).toEqual(["slow vote"]);
      expect(results.slowInterfaces[0]!.url).toContain("/delay/1200");
      expect(results.summary.total.samples).toBeGreaterThan(10);
      expect(results.summary.total.summaryLine).toMatch(/^summary = +\d+ in 00:00:0\d = /);
      expect(results.summary.rendezvous[0]?.name).toBe("submit");
      expect(results.summary.rendezvous[0]!.releases.length).toBeGreaterThan(0);
      const live = await getRunLive(id, { since: 0 });
      expect(live.points.length).toBeGreaterThanOrEqual(3);
      expect(live.releases.length).toBeGreaterThan(0);
      const maxLag = lags.length ? Math.max(...lags) : 0;
      console.log(`live freshness: max ${maxLag} ms behind over ${lags.length} polls (the newest complete second)`);
      expect(maxLag).toBeLessThanOrEqual(2000);
    } finally {
      await worker.stop();
    }
  });

  it("cancels a running run: the worker sees it within 2 s and finalises it as cancelled with its data", async () => {
    const mod = await createTestModule();
    const { id: scenarioId } = await createScenario({
      moduleId: mod.id,
      // Default graceful stop (10 s) and an 8-second request in flight: a cancel must wait for neither.
      definition: scenarioDoc({
        baseUrl: target.url,
        load: { vus: 3, durationSeconds: 60 },
        steps: [{ request: { path: "/delay/20" } }, { request: { path: "/delay/8000" } }],
      } as never),
    });
    const worker = startWorker();
    try {
      const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
      await waitFor(async () => (await prisma.runSecond.count({ where: { runId: id } })) >= 2, 15_000);
      const cancelledAt = Date.now();
      expect((await cancelRun(id)).cancelRequestedAt).not.toBeNull();
      const final = await waitFor(
        async () => {
          const r = await getRunById(id);
          return r.status !== "running" ? r : null;
        },
        10_000,
        50,
      );
      const finalAt = Date.now();
      const seen = worker.logs.find((l) => l.m.endsWith("cancel requested"));
      expect(seen).toBeDefined();
      console.log(`cancel: seen by the worker after ${seen!.at - cancelledAt} ms, run final after ${finalAt - cancelledAt} ms`);
      expect(seen!.at - cancelledAt).toBeLessThanOrEqual(2000);
      // Once seen, the engine stops within its half-second cancel grace and the run is finalised.
      expect(finalAt - seen!.at).toBeLessThanOrEqual(2000);
      expect(final.status).toBe("cancelled");
      expect((await getRunResults(id)).summary.total.samples).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  });

  it("on shutdown (SIGTERM) stops the current run gracefully and marks it interrupted with its data", async () => {
    const mod = await createTestModule();
    const { id: scenarioId } = await createScenario({
      moduleId: mod.id,
      definition: scenarioDoc({
        baseUrl: target.url,
        load: { vus: 2, durationSeconds: 60, gracefulStopSeconds: 1 },
        steps: [{ request: { path: "/fast" } }, { think: { seconds: 0.05 } }],
      } as never),
    });
    const worker = startWorker();
    const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
    await waitFor(async () => (await prisma.runSecond.count({ where: { runId: id } })) >= 1, 15_000);
    await worker.stop();
    const run = await getRunById(id);
    expect(run.status).toBe("interrupted");
    expect(run.error).toMatch(/SIGTERM/);
    expect((await getRunResults(id)).summary.total.samples).toBeGreaterThan(0);
  });
});
