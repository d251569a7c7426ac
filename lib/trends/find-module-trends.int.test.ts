import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetReportTables, seedRun } from "@/test/report-fixtures";
import { findModuleTrends } from "./find-module-trends";

const at = (day: string) => new Date(`${day}T08:00:00Z`);
const mod = (module: string, samples: number, avgMs: number, errors = 0) => ({
  module,
  elapsedS: 100,
  labels: [{ label: `GET /${module}`, samples, avgMs, errors }],
});

describe("findModuleTrends", () => {
  beforeEach(resetReportTables);

  it("gives each module's completed runs per day over 30 days and flags regressions by the comparison's noise rule", async () => {
    await seedRun({
      name: "d1",
      startedAt: at("2026-11-19"),
      modules: [mod("vote", 1000, 100), mod("pay", 1000, 50)],
      perSecond: [10, 10, 10, 10],
    });
    // vote: avg +30 % on a steady run → flagged. pay: rate −25 %, but this run's per-second rate
    // swings (CV 0.5 → band 100 %) → within noise, not flagged.
    await seedRun({
      name: "d2",
      startedAt: at("2026-11-20"),
      modules: [mod("vote", 1000, 130), mod("pay", 750, 50)],
      perSecond: [5, 15, 5, 15],
    });
    await seedRun({ name: "d3a", startedAt: at("2026-11-21"), modules: [mod("vote", 1000, 120)] });
    await seedRun({ name: "d3b", startedAt: new Date("2026-11-21T20:00:00Z"), modules: [mod("vote", 3000, 120, 30)] });
    // Not in the trend: older than 30 days, after the end day, and a failed run.
    await seedRun({ name: "old", startedAt: at("2026-10-20"), modules: [mod("vote", 1000, 10)] });
    await seedRun({ name: "later", startedAt: at("2026-11-22"), modules: [mod("vote", 1000, 10)] });
    const failed = await seedRun({ name: "failed", startedAt: at("2026-11-21"), modules: [mod("vote", 1000, 999)] });
    await prisma.run.update({ where: { id: failed }, data: { status: "failed" } });

    const trends = await findModuleTrends(["vote", "pay", "none"], { endDay: "2026-11-21", zone: "UTC" });
    expect(trends).toMatchObject({ endDay: "2026-11-21", days: 30 });
    const [vote, pay, none] = trends.modules;
    expect(vote!.days.map((d) => [d.day, d.runs, d.samples, Math.round(d.avgMs)])).toEqual([
      ["2026-11-19", 1, 1000, 100],
      ["2026-11-20", 1, 1000, 130],
      ["2026-11-21", 2, 4000, 120],
    ]);
    expect(vote!.days[2]!.errorPct).toBeCloseTo(0.75, 6);
    expect(vote!.days.map((d) => d.regression)).toEqual([null, { rate: false, avg: true, p95: false, errPct: false }, null]); // the seeded module rows carry no p95
    expect(pay!.days.map((d) => [d.day, d.ratePerSec, d.regression])).toEqual([
      ["2026-11-19", 10, null],
      ["2026-11-20", 7.5, null],
    ]);
    expect(none!.days).toEqual([]);
  });

  it("puts a run on its day in the installation's zone", async () => {
    // 2026-11-20 17:30 UTC is 2026-11-21 01:30 in Shanghai.
    await seedRun({ name: "late", startedAt: new Date("2026-11-20T17:30:00Z"), modules: [mod("vote", 100, 10)] });
    const shanghai = await findModuleTrends(["vote"], { endDay: "2026-11-21", zone: "Asia/Shanghai" });
    expect(shanghai.modules[0]!.days.map((d) => d.day)).toEqual(["2026-11-21"]);
    const utc = await findModuleTrends(["vote"], { endDay: "2026-11-21", zone: "UTC" });
    expect(utc.modules[0]!.days.map((d) => d.day)).toEqual(["2026-11-20"]);
  });
});
