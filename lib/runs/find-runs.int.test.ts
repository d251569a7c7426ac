/**
 * The run list (lib/runs/find-runs.ts) reads one SQL statement on the plain pool: every column it
 * shows must equal what the stored rows say — names of the frozen scenarios and their modules, the
 * `total` summary row's figures, thresholds, timestamps (the right instant whatever the process's
 * time zone) — with the filters and paging of GET /api/runs, and a change shows on the next call.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { createTestModule, scenarioDoc } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { findRuns } from "./find-runs";

const frozen = (scenarioId: string, moduleId: string, definition: { name: string; module?: string }) => ({
  scenarioId,
  version: 1,
  moduleId,
  definition,
});
const totalRow = (runId: string, samples: number, errors: number, elapsedMs: number) => ({
  runId,
  scope: "total" as const,
  module: "",
  samples,
  errors,
  sumMs: samples * 10,
  minMs: 1,
  maxMs: 99,
  elapsedMs,
  ratePerSec: 1,
  summaryLine: "",
});

describe("findRuns", () => {
  const tz = process.env.TZ;
  beforeEach(resetDatabase);
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it("shows each run as stored: scenarios and modules, totals, thresholds, exact timestamps, newest first", async () => {
    // Not UTC: a timestamp read as local time would be off by 8 hours.
    process.env.TZ = "Asia/Shanghai";
    const createdAt = new Date("2026-12-06T01:02:03.456Z");
    const startedAt = new Date("2026-12-06T01:02:05.000Z");
    const finishedAt = new Date("2026-12-06T01:12:05.789Z");
    const done = await prisma.run.create({
      data: {
        name: "nightly",
        status: "completed",
        createdAt,
        startedAt,
        finishedAt,
        startedByName: "张伟",
        scenarios: [
          frozen("s1", "m1", { name: "vote", module: "Voting" }),
          frozen("s2", "m2", { name: "login" }), // no module: the scenario's name stands for it
          frozen("s3", "m1", { name: "tally", module: "Voting" }),
        ],
        thresholdResults: [
          { expression: "p95Ms < 500", ok: true },
          { expression: "errorPct < 1", ok: false },
        ],
      },
    });
    await prisma.runSummaryRow.create({ data: totalRow(done.id, 2000, 7, 600_789) });
    // Another scope's row must not be taken for the total.
    await prisma.runSummaryRow.create({ data: { ...totalRow(done.id, 1, 1, 1), scope: "module", module: "Voting" } });
    const running = await prisma.run.create({
      data: {
        name: "soak",
        status: "running",
        createdAt: new Date(createdAt.getTime() + 60_000),
        startedAt: new Date(Date.now() - 42_000),
        scenarios: [],
        thresholdResults: [{ ok: true }],
      },
    });
    const queued = await prisma.run.create({
      data: { name: "later", status: "queued", createdAt: new Date(createdAt.getTime() + 120_000), scenarios: [], thresholdResults: [] },
    });

    const rows = await findRuns();
    expect(rows.map((r) => r.id)).toEqual([queued.id, running.id, done.id]);
    const d = rows[2]!;
    expect(d).toMatchObject({ name: "nightly", status: "completed", source: "engine", startedByName: "张伟" });
    expect(d.scenarios).toEqual(["vote", "login", "tally"]);
    expect(d.modules).toEqual([
      { id: "m1", name: "Voting" },
      { id: "m2", name: "login" },
    ]);
    expect([d.createdAt.toISOString(), d.startedAt?.toISOString(), d.finishedAt?.toISOString()]).toEqual([
      createdAt.toISOString(),
      startedAt.toISOString(),
      finishedAt.toISOString(),
    ]);
    expect(d.samples).toBe(2000);
    expect(d.errorPct).toBe(0.35); // 7 of 2000
    expect(d.durationSeconds).toBe(601); // the sample span, 600.789 s, rounded as JMeter does
    expect(d.thresholdsPassed).toBe(false);

    const r = rows[1]!;
    expect([r.samples, r.errorPct, r.finishedAt]).toEqual([null, null, null]);
    expect(r.durationSeconds).toBeGreaterThanOrEqual(42); // wall time while running
    expect(r.thresholdsPassed).toBe(true);
    expect(rows[0]!.thresholdsPassed).toBeNull(); // no thresholds
    expect(rows[0]!.durationSeconds).toBeNull(); // not started

    // Read fresh each call: the run finishing shows at once.
    await prisma.run.update({ where: { id: running.id }, data: { status: "failed", thresholdResults: [{ ok: false }] } });
    await prisma.runSummaryRow.create({ data: totalRow(running.id, 10, 10, 5_000) });
    const after = (await findRuns()).find((x) => x.id === running.id)!;
    expect([after.status, after.samples, after.errorPct, after.thresholdsPassed]).toEqual(["failed", 10, 100, false]);
  });

  it("filters by status and scenario and pages with take / skip", async () => {
    const mod = await createTestModule("paging");
    const a = await createScenario({ moduleId: mod.id, definition: scenarioDoc({ name: "a" }) });
    const base = Date.parse("2026-12-01T00:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await prisma.run.create({
        data: { name: `r${i}`, status: i % 2 ? "failed" : "completed", createdAt: new Date(base + i * 1000), scenarios: [] },
      });
      if (i >= 3) await prisma.runScenario.create({ data: { runId: run.id, scenarioId: a.id, position: 0, version: 1 } });
      ids.push(run.id);
    }
    const newestFirst = [...ids].reverse();
    expect((await findRuns({ take: 2, skip: 1 })).map((r) => r.id)).toEqual(newestFirst.slice(1, 3));
    expect((await findRuns({ status: "failed" })).map((r) => r.name)).toEqual(["r3", "r1"]);
    expect((await findRuns({ scenarioId: a.id })).map((r) => r.name)).toEqual(["r4", "r3"]);
    expect((await findRuns({ scenarioId: a.id, status: "completed" })).map((r) => r.name)).toEqual(["r4"]);
    await expect(findRuns({ take: 0 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
