/**
 * getReport keeps each report in memory keyed by a fingerprint of the rows it is built from
 * (lib/reports/get-report.ts): a repeated request is a hit, and any change to those rows — through
 * the app's own functions or behind its back in SQL — shows on the very next request.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { addProblemNote } from "@/lib/problems/add-problem-note";
import { createProblem } from "@/lib/problems/create-problem";
import { updateProblem } from "@/lib/problems/update-problem";
import { DISPLAY_TIME_ZONE_SETTING, serverTimeZone } from "@/lib/settings/get-display-time-zone";
import { resetReportTables, seedRun } from "@/test/report-fixtures";
import { createObservation } from "./create-observation";
import { createReport } from "./create-report";
import { deleteObservation } from "./delete-observation";
import { getReport, reportCacheStats } from "./get-report";
import { updateReportThreshold } from "./update-report-threshold";

describe("report cache", () => {
  beforeEach(resetReportTables);

  it("serves a report from memory until one of its rows changes, then afresh at once", async () => {
    const run = await seedRun({
      name: "vote",
      modules: [{ module: "Vote", elapsedS: 60, labels: [{ label: "vote", url: "http://h/vote", samples: 100, avgMs: 4000 }] }],
    });
    // Today: problems are shown as they stand at the end of the report's day, so today's edits count.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: serverTimeZone() }).format(new Date());
    const { id } = await createReport({ name: "daily", date: today, runIds: [run] });

    const first = await getReport(id);
    const hits = reportCacheStats.hits;
    expect(await getReport(id)).toEqual(first);
    expect(reportCacheStats.hits).toBe(hits + 1);

    /** The next getReport is built afresh (a miss) and returned. */
    const fresh = async () => {
      const misses = reportCacheStats.misses;
      const report = await getReport(id);
      expect(reportCacheStats.misses).toBe(misses + 1);
      return report;
    };
    const problem = await createProblem({ title: "login slow", reportId: id });
    expect((await fresh()).problems.map((p) => p.title)).toEqual(["login slow"]);
    await updateProblem(problem.id, { title: "login very slow" });
    expect((await fresh()).problems.map((p) => p.title)).toEqual(["login very slow"]);
    await addProblemNote(problem.id, { body: "seen again at 9:00" });
    expect((await fresh()).problems[0]?.latestNote?.body).toBe("seen again at 9:00");
    // Behind the app's back (no updatedAt bumped): still seen.
    // A report shows each problem's last revision of the day: that row alone changed.
    await prisma.$executeRaw`UPDATE "ProblemRevision" SET "severity" = 'critical' WHERE "problemId" = ${problem.id}`;
    expect((await fresh()).problems[0]?.severity).toBe("critical");
    await prisma.$executeRaw`UPDATE "Problem" SET "severity" = 'critical' WHERE id = ${problem.id}`;
    await fresh();

    const observation = await createObservation(id, { feature: "contact list", seconds: "2-5" });
    expect((await fresh()).observations.map((o) => o.feature)).toEqual(["contact list"]);
    await deleteObservation(id, observation.id);
    expect((await fresh()).observations).toEqual([]);

    await prisma.$executeRaw`UPDATE "Run" SET name = 'vote, renamed' WHERE id = ${run}`;
    expect((await fresh()).runs.map((r) => r.name)).toEqual(["vote, renamed"]);
    // The run finalised again: its summary rows rewritten (new ids) with other figures.
    await prisma.$executeRaw`UPDATE "RunSummaryRow" SET id = id + 1000, samples = samples * 2 WHERE "runId" = ${run}`;
    expect((await fresh()).modules[0]?.samples).toBe(2 * first.modules[0]!.samples);

    await updateReportThreshold(id, 5000);
    expect((await fresh()).slowThresholdMs).toBe(5000);
    await prisma.setting.create({
      data: { key: DISPLAY_TIME_ZONE_SETTING, value: serverTimeZone() === "Pacific/Kiritimati" ? "UTC" : "Pacific/Kiritimati" },
    });
    await fresh();

    // What a caller does to its copy stays with it.
    const copy = await getReport(id);
    copy.runs.length = 0;
    expect((await getReport(id)).runs).toHaveLength(1);

    await prisma.report.delete({ where: { id } });
    await expect(getReport(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
