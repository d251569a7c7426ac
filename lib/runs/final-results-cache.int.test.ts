/**
 * A finished run's whole-run results come from memory the second time (lib/runs/final-results-cache.ts),
 * and a run finalised again (a new finish time) or another slow threshold is read afresh.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "@/test/reset-run-db";
import { SLOW_THRESHOLD_SETTING } from "@/lib/settings/get-slow-threshold";
import { getRunById } from "./get-run-by-id";
import { getRunResults, getRunResultsBody } from "./get-run-results";

const summaryOf = (samples: number) => ({
  elapsedSeconds: 10,
  labels: [],
  modules: [],
  total: {
    label: "TOTAL",
    module: "",
    kind: "request",
    samples,
    errors: 0,
    errorPct: 0,
    avgMs: 5000,
    minMs: 1,
    maxMs: 9,
    p50Ms: 5,
    p90Ms: 8,
    p95Ms: 9,
    p99Ms: 9,
    ratePerSec: 1,
    summaryLine: "",
  },
  rendezvous: [],
  errors: [],
});

describe("finished runs' results cache", () => {
  beforeEach(resetDatabase);

  it("serves the stored summary from memory until the run is finalised again", async () => {
    const finishedAt = new Date("2026-12-06T10:00:00Z");
    const run = await prisma.run.create({
      data: {
        name: "cached",
        status: "completed",
        scenarios: [],
        startedAt: new Date(finishedAt.getTime() - 10_000),
        finishedAt,
        summary: summaryOf(100),
      },
    });
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

  it("a hit reads the run record and the slow threshold setting fresh: a change shows on the next request", async () => {
    const summary = summaryOf(100);
    summary.labels = [{ ...summary.total, label: "GET /slow", module: "m", avgMs: 2000 }] as never;
    const run = await prisma.run.create({
      data: {
        name: "hit",
        status: "completed",
        startedAt: new Date("2026-12-06T09:59:50Z"),
        finishedAt: new Date("2026-12-06T10:00:00Z"),
        summary,
        scenarios: [
          {
            scenarioId: "s1",
            version: 3,
            moduleId: "m1",
            definition: { name: "vote", module: "Voting", steps: [{ url: "http://127.0.0.1/" }] },
          },
        ],
        overrides: { vus: 2, variables: { host: "127.0.0.1", password: "hunter2" } },
        thresholdResults: [{ expression: "p95Ms < 500", ok: true }],
      },
    });
    await getRunResults(run.id); // fills the cache
    const hit = await getRunResults(run.id);
    // The hit's record is the run record everyone else shows (secret-looking launch values masked).
    expect(JSON.stringify(hit.run)).toBe(JSON.stringify(await getRunById(run.id)));
    expect(hit.run.overrides?.variables?.password).not.toBe("hunter2");
    expect(hit.slowInterfaces).toEqual([]); // 2 s average, default threshold 3 s
    // An admin lowers the slow threshold: the next request is computed with it.
    await prisma.setting.create({ data: { key: SLOW_THRESHOLD_SETTING, value: 1500 } });
    const lowered = await getRunResults(run.id);
    expect(lowered.slowThresholdMs).toBe(1500);
    expect(lowered.slowInterfaces.map((s) => s.label)).toEqual(["GET /slow"]);
    await prisma.run.update({
      where: { id: run.id },
      data: { name: "renamed", thresholdResults: [{ expression: "p95Ms < 500", ok: false }] },
    });
    const renamed = await getRunResults(run.id);
    expect([renamed.run.name, renamed.run.thresholdsPassed]).toEqual(["renamed", false]);
    await prisma.run.delete({ where: { id: run.id } });
    await expect(getRunResults(run.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the API's body is getRunResults' answer, on a miss and on a hit, with the fresh run record", async () => {
    const summary = summaryOf(100);
    summary.labels = [{ ...summary.total, label: "GET /投票 (vote)", module: "投票", avgMs: 4000 }] as never;
    const run = await prisma.run.create({
      data: {
        name: "json",
        status: "completed",
        startedAt: new Date("2026-12-06T09:59:50Z"),
        finishedAt: new Date("2026-12-06T10:00:00Z"),
        summary,
        scenarios: [],
        thresholdResults: [{ expression: "p95Ms < 500", ok: true }],
      },
    });
    const withoutMs = (body: Buffer) => {
      const parsed = JSON.parse(body.toString("utf8")) as { data: Record<string, unknown> };
      delete parsed.data.computeMs;
      return parsed;
    };
    const expected = async () => {
      const { computeMs: _ms, ...data } = await getRunResults(run.id);
      return JSON.parse(JSON.stringify({ data })) as unknown; // what ok() would have sent
    };
    const miss = withoutMs(await getRunResultsBody(run.id));
    expect(miss).toEqual(await expected());
    const hit = withoutMs(await getRunResultsBody(run.id)); // from the cache: the kept part as stored UTF-8 JSON
    expect(hit).toEqual(miss);
    expect(Object.keys(hit.data).sort()).toEqual(
      Object.keys(await getRunResults(run.id))
        .filter((k) => k !== "computeMs")
        .sort(),
    );
    await prisma.run.update({
      where: { id: run.id },
      data: { name: "renamed", thresholdResults: [{ expression: "p95Ms < 500", ok: false }] },
    });
    const renamed = withoutMs(await getRunResultsBody(run.id));
    expect(renamed).toEqual(await expected());
    expect((renamed.data.run as { name: string }).name).toBe("renamed");
    expect(renamed.data.thresholds).toEqual([{ expression: "p95Ms < 500", ok: false }]);
    expect(typeof JSON.parse((await getRunResultsBody(run.id)).toString("utf8")).data.computeMs).toBe("number");
  });
});
