/**
 * A paced run through the worker: iteration start lag is stored as its own label (kind
 * iteration_lag, label = the scenario) and shown with its on-time share, while the run's totals,
 * module rows, per-second request counts and summary rows hold the requests only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db/client";
import { startTarget, type TTarget } from "../engine/testing/target";
import { enqueueRun } from "../runs/enqueue-run";
import { getRunLive } from "../runs/get-run-live";
import { getRunResults } from "../runs/get-run-results";
import { createScenario } from "../scenarios/create-scenario";
import { createTestModule, scenarioDoc } from "../../test/run-fixtures";
import { resetDatabase } from "../../test/reset-run-db";
import { claimNextRun } from "./claim-next-run";
import { executeRun } from "./execute-run";

let target: TTarget;
beforeAll(async () => {
  target = await startTarget({ keepLog: false });
});
afterAll(async () => {
  await target.close();
});

describe("iteration start lag through the worker", () => {
  beforeEach(resetDatabase);

  it("is stored and summarised apart from the requests", async () => {
    const mod = await createTestModule("paced");
    const { id: scenarioId } = await createScenario({
      moduleId: mod.id,
      definition: scenarioDoc({
        name: "paced",
        baseUrl: target.url,
        // Every 0.3 s, but the second request takes 0.45 s: every iteration after the first is late.
        pacing: { everySeconds: 0.3 },
        load: { vus: 2, iterations: 5 },
        steps: [{ request: { name: "fast", path: "/fast" } }, { request: { name: "slow", path: "/delay/450" } }],
        thresholds: [{ label: "paced", metric: "maxMs", max: 100_000 }],
      } as never),
    });
    const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
    const claimed = await claimNextRun("lag-test");
    const running = executeRun(claimed!, { workerId: "lag-test", engineWorkers: 0 });
    // The live page has the lag while the run goes on.
    let liveLag: number | null = null;
    for (let i = 0; i < 60 && liveLag === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const live = await getRunLive(id);
      if (live.status === "running" && live.iterationLag.length) liveLag = live.iterationLag[0]!.samples;
    }
    expect(liveLag).toBeGreaterThan(0);
    expect(await running).toBe("completed");

    const labels = await prisma.runLabel.findMany({ where: { runId: id }, select: { label: true, kind: true } });
    expect(labels.map((l) => `${l.kind}:${l.label}`).sort()).toEqual(["iteration_lag:paced", "request:fast", "request:slow"]);
    const results = await getRunResults(id);
    const { summary } = results;
    const lag = summary.labels.find((l) => l.kind === "iteration_lag")!;
    expect(lag).toMatchObject({ label: "paced", module: "paced", samples: 10, errors: 0 });
    // The first iteration of each VU is on time; the other 8 start ≈ 150 ms late.
    expect(lag.onTimePct).toBeGreaterThanOrEqual(15);
    expect(lag.onTimePct).toBeLessThanOrEqual(25);
    expect(lag.maxMs).toBeGreaterThan(100);
    expect(summary.total.samples).toBe(20);
    expect(summary.modules).toEqual([expect.objectContaining({ module: "paced", samples: 20 })]);
    const perSecond = await prisma.runSecond.aggregate({ where: { runId: id }, _sum: { samples: true } });
    expect(perSecond._sum.samples).toBe(20);
    const totalRow = await prisma.runSummaryRow.findFirstOrThrow({ where: { runId: id, scope: "total" } });
    expect(Number(totalRow.samples)).toBe(20);
    // The threshold named "paced" is the module's (max of the requests), not the lag row's.
    expect(results.thresholds).toEqual([expect.objectContaining({ scope: "module", target: "paced", ok: true })]);
    expect(results.thresholds[0]!.actual).toBe(summary.modules[0]!.maxMs);
    // A window recomputed from stored seconds has the lag row too.
    const windowed = await getRunResults(id, { from: results.range!.firstSecond, to: results.range!.lastSecond });
    expect(windowed.summary.labels.find((l) => l.kind === "iteration_lag")).toMatchObject({ samples: 10, onTimePct: lag.onTimePct });
    expect(windowed.summary.total.samples).toBe(20);
    // The live view's figures for the whole run are the results' own.
    const { summaryLine: _line, ...lagRow } = lag;
    expect((await getRunLive(id)).iterationLag).toEqual([lagRow]);
  });
});
