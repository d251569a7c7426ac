/**
 * A run in which no request succeeded ends `failed` with the reason, counted by kind; a run in which
 * some succeeded keeps `completed` (lib/run-metrics/run-health.ts). Real worker loop, real target.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTarget, type TTarget } from "../engine/testing/target";
import { enqueueRun } from "../runs/enqueue-run";
import { decodeRunError } from "../runs/run-error-codes";
import { prisma } from "../db/client";
import type { TRunSummary } from "../engine/metrics/types";
import { createScenario } from "../scenarios/create-scenario";
import { createTestModule, scenarioDoc } from "../../test/run-fixtures";
import { resetDatabase } from "../../test/reset-run-db";
import { runWorker } from "./run-worker";
import { freePort } from "../../test/free-port";

async function runToEnd(baseUrl: string, path: string) {
  const mod = await createTestModule();
  const { id: scenarioId } = await createScenario({
    moduleId: mod.id,
    definition: scenarioDoc({ baseUrl, load: { vus: 2, durationSeconds: 2 }, steps: [{ request: { method: "GET", path } }] } as never),
  });
  const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
  const controller = new AbortController();
  const done = runWorker({
    workerId: "no-success-test",
    databaseUrl: process.env.DATABASE_URL!,
    signal: controller.signal,
    pollMs: 200,
    engineWorkers: 0,
  });
  try {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const run = await prisma.run.findUniqueOrThrow({ where: { id }, select: { status: true, error: true, summary: true } });
      if (["completed", "failed", "cancelled", "interrupted"].includes(run.status))
        // Run.error holds the English and its codes (lib/runs/run-error-codes.ts).
        return { ...run, ...decodeRunError(run.error), summary: run.summary as unknown as TRunSummary | null };
      if (Date.now() > deadline) throw new Error(`run still ${run.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    controller.abort();
    await done;
  }
}

let target: TTarget;
beforeAll(async () => {
  target = await startTarget({ keepLog: false });
});
afterAll(async () => {
  await target.close();
});

describe("a run in which no request succeeded", () => {
  beforeEach(resetDatabase);

  it("against a target that is down ends failed: `no request succeeded: N connection_refused`", async () => {
    const run = await runToEnd(`http://127.0.0.1:${await freePort()}`, "/fast");
    expect(run.status).toBe("failed");
    const m = /^no request succeeded: ([\d,]+) connection_refused$/.exec(run.error ?? "");
    expect(m, run.error ?? "(no error)").not.toBeNull();
    expect(Number(m![1]!.replace(/,/g, ""))).toBe(run.summary!.total.samples);
    expect(run.errorParts).toEqual([{ code: "no_request_succeeded", params: { kinds: `${m![1]} connection_refused` } }]);
    expect(run.summary!.total.samples).toBeGreaterThan(0);
  });

  it("whose every answer is a 503 ends failed naming http_status", async () => {
    const run = await runToEnd(target.url, "/status/503");
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^no request succeeded: [\d,]+ http_status$/);
  });

  it("but half of whose requests succeeded stays completed, with no error", async () => {
    const run = await runToEnd(target.url, "/flaky");
    expect(run.status).toBe("completed");
    expect(run.error).toBeNull();
    expect(run.summary!.total.errors).toBeGreaterThan(0);
  });
});
