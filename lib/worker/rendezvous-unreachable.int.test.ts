/**
 * A rendezvous policy that can never be met, through the worker: count 50 with 20 VUs and a 1 s
 * timeout. The releases are stored as `timeout`, at least 1 s apart, and the run carries the
 * warning as a RunEvent the run page lists ("count 50 can never be met: 20 VUs use vote_rv").
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db/client";
import { startTarget, type TTarget } from "../engine/testing/target";
import { enqueueRun } from "../runs/enqueue-run";
import { findRunEvents } from "../runs/find-run-events";
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

async function runPoint(rendezvous: { policy: { count: number }; timeoutSeconds: number }, load: object) {
  const mod = await createTestModule("vote");
  const { id: scenarioId } = await createScenario({
    moduleId: mod.id,
    definition: scenarioDoc({
      name: "vote",
      baseUrl: target.url,
      load,
      steps: [{ request: { name: "vote", path: "/fast" } }, { rendezvous: { name: "vote_rv", ...rendezvous } }],
    } as never),
  });
  const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
  const claimed = await claimNextRun("rv-test");
  expect(await executeRun(claimed!, { workerId: "rv-test", engineWorkers: 0 })).toBe("completed");
  const releases = await prisma.rendezvousRelease.findMany({ where: { runId: id }, orderBy: { at: "asc" } });
  return { id, releases: releases.map((r) => ({ at: Number(r.at), released: r.released, reason: r.reason })) };
}

describe("a rendezvous policy that can never be met, through the worker", () => {
  beforeEach(resetDatabase);

  it("20 VUs, count 50, timeout 1 s: releases ≥ 1 s apart as timeout, and a stored warning", async () => {
    const { id, releases } = await runPoint({ policy: { count: 50 }, timeoutSeconds: 1 }, { vus: 20, durationSeconds: 3.5 });
    const timeouts = releases.filter((r) => r.reason === "timeout");
    expect(timeouts.length).toBeGreaterThanOrEqual(2);
    expect(timeouts.every((r) => r.released === 20)).toBe(true);
    for (let i = 1; i < timeouts.length; i++) expect(timeouts[i]!.at - timeouts[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(releases.some((r) => r.reason === "policy" || r.reason === "unreachable")).toBe(false);
    const events = await findRunEvents(id);
    expect(events).toEqual([
      expect.objectContaining({
        level: "warning",
        code: "rendezvous_unreachable",
        details: { point: "vote_rv", policy: "count 50", count: 50, vus: 20, timeoutSeconds: 1 },
      }),
    ]);
    expect(events[0]!.message).toMatch(/^count 50 can never be met: 20 VUs use vote_rv; every release waits for the 1 s timeout$/);
  });

  it("without a timeout: released at once as unreachable", async () => {
    const { id, releases } = await runPoint({ policy: { count: 50 }, timeoutSeconds: 0 }, { vus: 5, iterations: 1 });
    expect(releases).toEqual([expect.objectContaining({ released: 5, reason: "unreachable" })]);
    expect((await findRunEvents(id)).map((e) => e.code)).toEqual(["rendezvous_unreachable"]);
  });
});
