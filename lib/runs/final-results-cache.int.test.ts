/**
 * A finished run's whole-run results come from memory the second time (lib/runs/final-results-cache.ts),
 * and a run finalised again (a new finish time) or another slow threshold is read afresh.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../db/client";
import { resetDatabase } from "../../test/reset-run-db";
import { getRunResults } from "./get-run-results";

const summaryOf = (samples: number) => ({
  elapsedSeconds: 10,
  labels: [],
  modules: [],
  total: { label: "TOTAL", module: "", kind: "request", samples, errors: 0, errorPct: 0, avgMs: 5000, minMs: 1, maxMs: 9, p50Ms: 5, p90Ms: 8, p95Ms: 9, p99Ms: 9, ratePerSec: 1, summaryLine: "" },
  rendezvous: [],
  errors: [],
});

describe("finished runs' results cache", () => {
  beforeEach(resetDatabase);

  it("serves the stored summary from memory until the run is finalised again", async () => {
    const finishedAt = new Date("2026-12-06T10:00:00Z");
    const run = await prisma.run.create({ data: { name: "cached", status: "completed", scenarios: [], startedAt: new Date(finishedAt.getTime() - 10_000), finishedAt, summary: summaryOf(100) } });
    expect((await getRunResults(run.id)).summary.total.samples).toBe(100);
    // Changed behind its back with the same finish time: still the cached figures (a finished run's do not change).
    await prisma.run.update({ where: { id: run.id }, data: { summary: summaryOf(200), name: "renamed" } });
    const again = await getRunResults(run.id);
    expect(again.summary.total.samples).toBe(100);
    expect(again.run.name).toBe("renamed"); // the run record is always read fresh
    // Another slow threshold is another entry.
    expect((await getRunResults(run.id, { slowThresholdMs: 1234 })).summary.total.samples).toBe(200);
    // Finalised again (recovery): a new finish time, read afresh.
    await prisma.run.update({ where: { id: run.id }, data: { finishedAt: new Date(finishedAt.getTime() + 1000) } });
    expect((await getRunResults(run.id)).summary.total.samples).toBe(200);
    // A window is never cached.
    expect((await getRunResults(run.id, { from: 0, to: 1 })).window).toEqual({ from: 0, to: 1 });
  });
});
