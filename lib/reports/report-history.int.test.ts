import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { changeProblemStatus } from "@/lib/problems/change-problem-status";
import { createProblem } from "@/lib/problems/create-problem";
import { updateProblem } from "@/lib/problems/update-problem";
import { createShareLink } from "@/lib/share/create-share-link";
import { resolveShareLink } from "@/lib/share/resolve-share-link";
import { backdateProblem, resetReportTables, seedRun } from "@/test/report-fixtures";
import { createReport } from "./create-report";
import { exportReportMarkdown } from "./export-markdown";
import { getReport } from "./get-report";
import { getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
import { dayInZone } from "./report-day";

/** What the share page renders: the report its token opens. */
async function sharedReport(token: string) {
  const link = await resolveShareLink(token);
  if (!link) throw new Error("share link did not resolve");
  return getReport(link.reportId);
}

async function snapshot(reportId: string, token: string) {
  return {
    zh: (await exportReportMarkdown(reportId, "zh-CN")).markdown,
    en: (await exportReportMarkdown(reportId, "en")).markdown,
    page: await getReport(reportId),
    shared: await sharedReport(token),
  };
}

describe("the daily record: a past report never changes", () => {
  beforeEach(resetReportTables);

  it("resolving and editing a problem after a report's day leaves that report byte for byte; the resolution day lists it resolved", async () => {
    const run = await seedRun({
      name: "vote",
      modules: [{ module: "Vote_Interface_Test", elapsedS: 60, labels: [{ label: "vote", samples: 10, avgMs: 40 }] }],
    });
    const past = await createReport({ name: "峰值脚本压测 11-20", date: "2026-11-20", runIds: [run] });
    const between = await createReport({ name: "峰值脚本压测 11-21", date: "2026-11-21", runIds: [] });

    // #1 came and went the day before: on no report. #2 and #3 keep their numbers on every report.
    const gone = await createProblem({ title: "old problem" });
    await changeProblemStatus(gone.id, "resolved");
    await backdateProblem(gone.id, new Date("2026-11-19T08:00:00Z"), new Date("2026-11-19T09:00:00Z"));
    const presence = await createProblem({ title: "presence服务有问题，未启动", reportId: past.id, note: "和开发约好明天一起看一下" });
    await backdateProblem(presence.id, new Date("2026-11-20T08:00:00Z"));
    const vote = await createProblem({ title: "会控的脚本并发上不去", severity: "critical", owner: "li" });
    await backdateProblem(vote.id, new Date("2026-11-20T09:00:00Z"));
    expect([gone.number, presence.number, vote.number]).toEqual([1, 2, 3]);

    const { token } = await createShareLink({ reportId: past.id });
    const before = await snapshot(past.id, token);
    expect(before.zh).toContain("### 当前存在的问题\n\n- #2 presence服务有问题，未启动（严重）\n- #3 会控的脚本并发上不去（致命）\n");
    expect(before.en).toContain("- #2 presence服务有问题，未启动 (major)\n- #3 会控的脚本并发上不去 (critical)\n");
    expect(before.page.problems.map((p) => [p.number, p.status, p.severity])).toEqual([
      [2, "open", "major"],
      [3, "open", "critical"],
    ]);
    const betweenBefore = (await exportReportMarkdown(between.id, "zh-CN")).markdown;

    // Today (after both reports' days): #2 resolved, #3 renamed, re-rated and handed over.
    await changeProblemStatus(presence.id, "resolved", "started the service");
    await updateProblem(vote.id, { title: "会控脚本并发上不去，接口平均2s+", severity: "minor", owner: "wang" });

    const after = await snapshot(past.id, token);
    expect(after.zh).toBe(before.zh);
    expect(after.en).toBe(before.en);
    expect(after.page).toEqual(before.page);
    expect(after.shared).toEqual(before.shared);
    expect((await exportReportMarkdown(between.id, "zh-CN")).markdown).toBe(betweenBefore);

    // The report of the resolution day lists it, resolved, under its own number; #3 as it is now.
    const { timeZone } = await getInstallationTimeZone();
    const today = await createReport({ name: "today", date: dayInZone(new Date(), timeZone), runIds: [] });
    const todays = await getReport(today.id);
    expect(todays.problems.map((p) => [p.number, p.status, p.severity, p.title])).toEqual([
      [2, "resolved", "major", "presence服务有问题，未启动"],
      [3, "open", "minor", "会控脚本并发上不去，接口平均2s+"],
    ]);
    expect(todays.problems[0]!.latestNote?.body).toBe("started the service");
    const md = (await exportReportMarkdown(today.id, "zh-CN")).markdown;
    expect(md).toContain("- #2 presence服务有问题，未启动（严重，已解决）\n- #3 会控脚本并发上不去，接口平均2s+（一般）\n");

    // The day after, the resolved one is gone; #3 is still #3.
    const next = new Date(Date.now() + 86_400_000);
    const tomorrow = await createReport({ name: "tomorrow", date: dayInZone(next, timeZone), runIds: [] });
    expect((await getReport(tomorrow.id)).problems.map((p) => p.number)).toEqual([3]);
  });

  it("every change writes one revision in the same transaction; a refused change writes none", async () => {
    const p = await createProblem({ title: "incoming脚本响应时间较长", severity: "minor" });
    await updateProblem(p.id, { status: "in_progress", note: "dev looking" });
    await updateProblem(p.id, { note: "still slow" });
    await updateProblem(p.id, { title: "incoming响应慢", owner: "li" });
    const revisions = await prisma.problemRevision.findMany({ where: { problemId: p.id }, orderBy: { id: "asc" } });
    expect(revisions.map((r) => [r.title, r.status, r.owner])).toEqual([
      ["incoming脚本响应时间较长", "open", null],
      ["incoming脚本响应时间较长", "in_progress", null],
      ["incoming脚本响应时间较长", "in_progress", null],
      ["incoming响应慢", "in_progress", "li"],
    ]);
    // The revision and the note of one change share its instant.
    const note = await prisma.problemNote.findFirstOrThrow({ where: { problemId: p.id, body: "dev looking" } });
    expect(revisions[1]!.at.getTime()).toBe(note.createdAt.getTime());

    await expect(updateProblem(p.id, { title: "should not stick", moduleIds: ["no-such-module"] })).rejects.toThrow(/Unknown id/);
    expect(await prisma.problemRevision.count({ where: { problemId: p.id } })).toBe(4);
    expect((await prisma.problem.findUniqueOrThrow({ where: { id: p.id } })).title).toBe("incoming响应慢");
  });
});
