import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createProblem } from "@/lib/problems/create-problem";
import { findProblems } from "@/lib/problems/find-problems";
import { getProblem } from "@/lib/problems/get-problem";
import { updateProblem } from "@/lib/problems/update-problem";
import { backdateProblem, resetReportTables, seedRun } from "@/test/report-fixtures";
import { addReportRuns } from "./add-report-runs";
import { compareReport } from "./compare-report";
import { createObservation } from "./create-observation";
import { createReport } from "./create-report";
import { deleteObservation } from "./delete-observation";
import { exportReportCsv } from "./export-csv";
import { exportReportMarkdown } from "./export-markdown";
import { findReports } from "./find-reports";
import { getReport } from "./get-report";
import { removeReportRun } from "./remove-report-run";
import { SUMMARY_LINE_RE } from "./report-sections";
import { updateObservation } from "./update-observation";
import { updateReportThreshold } from "./update-report-threshold";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

async function twoRuns() {
  const vote = await seedRun({
    name: "vote 2h",
    modules: [
      {
        module: "Vote_Interface_Test",
        elapsedS: 7168,
        labels: [
          { label: "vote", url: "http://10.44.14.173:8080/api/rest/v1/en/vote", method: "POST", samples: 1000, avgMs: 5680 },
          { label: "sign", url: "http://10.44.14.173:8080/api/rest/v1/en/vote/sign", method: "POST", samples: 1000, avgMs: 3017 },
          { label: "list", url: "http://10.44.14.173:8080/api/rest/v1/en/vote/list", samples: 5000, avgMs: 40 },
          { label: "tx", kind: "transaction", samples: 1000, avgMs: 9000 },
        ],
      },
    ],
  });
  const incoming = await seedRun({
    name: "incoming + callpermission",
    modules: [
      { module: "incoming", elapsedS: 11612, labels: [{ label: "in", url: "http://h/in", samples: 28776280, avgMs: 3643, errors: 0 }] },
      {
        module: "callpermission",
        elapsedS: 11052,
        labels: [{ label: "cp", url: "http://h/cp", samples: 466803, avgMs: 1424, errors: 1749 }],
      },
    ],
  });
  return { vote, incoming };
}

describe("reports", () => {
  beforeEach(resetReportTables);

  it("assembles the four sections from the round's runs, in run order", async () => {
    const { vote, incoming } = await twoRuns();
    const { id } = await createReport({ name: "峰值脚本压测 2026-11-21", date: "2026-11-21", runIds: [incoming, vote] });
    const report = await getReport(id);
    expect(report).toMatchObject({ name: "峰值脚本压测 2026-11-21", date: "2026-11-21", slowThresholdMs: 3000 });
    expect(report.runs.map((r) => r.id)).toEqual([incoming, vote]);
    // One row per run × module; modules by name within a run.
    expect(report.modules.map((m) => [m.module, m.runName])).toEqual([
      ["callpermission", "incoming + callpermission"],
      ["incoming", "incoming + callpermission"],
      ["Vote_Interface_Test", "vote 2h"],
    ]);
    for (const m of report.modules) expect(m.summaryLine).toMatch(SUMMARY_LINE_RE);
    expect(report.modules[1]!.summaryLine).toBe(
      "summary = 28776280 in 03:13:32 = 2478.2/s Avg:  3643 Min:     1 Max:   999 Err:     0 (0.00%)",
    );
    // Slow list: requests over 3000 ms, slowest first; the transaction and fast requests stay out.
    expect(report.slowInterfaces.map((s) => [s.url, s.avgMs])).toEqual([
      ["http://10.44.14.173:8080/api/rest/v1/en/vote", 5680],
      ["http://h/in", 3643],
      ["http://10.44.14.173:8080/api/rest/v1/en/vote/sign", 3017],
    ]);
    expect(report.observations).toEqual([]);
    expect(report.problems).toEqual([]);
  });

  it("keeps two runs of one module as two rows (the seed's duplicates), and merges the slow list per URL", async () => {
    const m = {
      module: "case4答题_linux",
      elapsedS: 2730,
      labels: [{ label: "answer", url: "http://h/answer", samples: 100, avgMs: 5000 }],
    };
    const a = await seedRun({ name: "a", modules: [m] });
    const b = await seedRun({ name: "b", modules: [{ ...m, labels: [{ ...m.labels[0]!, samples: 300, avgMs: 3000 }] }] });
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [a, b] });
    const report = await getReport(id);
    expect(report.modules.map((r) => r.module)).toEqual(["case4答题_linux", "case4答题_linux"]);
    expect(report.slowInterfaces).toMatchObject([{ url: "http://h/answer", samples: 400, avgMs: 3500 }]);
  });

  it("uses the round's threshold for the slow list and the Markdown heading", async () => {
    const { vote } = await twoRuns();
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [vote] });
    await updateReportThreshold(id, 5000);
    expect((await getReport(id)).slowInterfaces.map((s) => s.avgMs)).toEqual([5680]);
    const { markdown } = await exportReportMarkdown(id, "zh-CN");
    expect(markdown).toContain("### 接口平均响应时间大于5s的接口");
    expect(await rejection(updateReportThreshold(id, 0))).toBeInstanceOf(ZodError);
  });

  it("a run without module rows shows its total, named after the run", async () => {
    const run = await prisma.run.create({ data: { name: "summariser log", status: "completed", source: "jmeter_log", scenarios: [] } });
    await prisma.runSummaryRow.create({
      data: {
        runId: run.id,
        scope: "total",
        module: "",
        samples: 57553848n,
        errors: 0n,
        sumMs: 17 * 57553848,
        minMs: 1,
        maxMs: 50594,
        elapsedMs: 21319000n,
        ratePerSec: 2699.6,
        summaryLine: "summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)",
      },
    });
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [run.id] });
    const [row] = (await getReport(id)).modules;
    expect(row).toMatchObject({ module: "summariser log", isRunTotal: true });
    expect(row!.summaryLine).toBe("summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)");
  });

  it("validates input: unknown runs named, bad dates refused, unknown report 404", async () => {
    const { vote } = await twoRuns();
    const unknown = await rejection(createReport({ name: "r", date: "2026-11-21", runIds: [vote, "nope"] }));
    expect(unknown).toBeInstanceOf(AppError);
    expect((unknown as AppError).issues).toEqual([{ path: "runIds.1", message: "Run nope not found." }]);
    expect(await rejection(createReport({ name: "r", date: "2026-02-30", runIds: [] }))).toBeInstanceOf(ZodError);
    expect(await rejection(createReport({ name: " ", date: "2026-02-01" }))).toBeInstanceOf(ZodError);
    expect(((await rejection(getReport("missing"))) as AppError).status).toBe(404);
  });

  it("adds and removes runs, keeping order", async () => {
    const { vote, incoming } = await twoRuns();
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [vote] });
    expect(await addReportRuns(id, { runIds: [vote, incoming] })).toEqual({ added: [incoming] });
    expect((await getReport(id)).runs.map((r) => r.id)).toEqual([vote, incoming]);
    await removeReportRun(id, vote);
    expect((await getReport(id)).runs.map((r) => r.id)).toEqual([incoming]);
    expect(((await rejection(removeReportRun(id, vote))) as AppError).code).toBe("NOT_FOUND");
    expect((await findReports())[0]).toMatchObject({ id, runCount: 1 });
  });

  it("observations: ranges, numbers and 正常; inline edit; delete; rendered in the Markdown", async () => {
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [] });
    const a = await createObservation(id, { feature: "contact加载（客户端）", seconds: "2-5" });
    await createObservation(id, {
      feature: "我的会议加载（客户端）",
      seconds: [7, 8],
      note: "cold start",
      observedAt: "2026-11-21T09:30:00+08:00",
    });
    const c = await createObservation(id, { feature: "预约会议，会控基本功能", status: "正常" });
    await createObservation(id, { feature: "recording", seconds: 3 });
    expect(a).toMatchObject({ secondsMin: 2, secondsMax: 5, status: null, position: 0 });
    expect(c).toMatchObject({ secondsMin: null, secondsMax: null, status: "正常", position: 2 });
    await updateObservation(id, a.id, { value: "3-6" });
    await updateObservation(id, c.id, { value: "卡顿", note: "video froze" });
    const { markdown } = await exportReportMarkdown(id, "zh-CN");
    expect(markdown).toContain(
      "| contact加载（客户端） | 3-6 |\n| 我的会议加载（客户端） | 7-8 |\n| 预约会议，会控基本功能 | 卡顿 |\n| recording | 3 |",
    );
    await deleteObservation(id, a.id);
    expect((await getReport(id)).observations.map((o) => o.feature)).toEqual([
      "我的会议加载（客户端）",
      "预约会议，会控基本功能",
      "recording",
    ]);
    expect(await rejection(createObservation(id, { feature: "x" }))).toBeInstanceOf(ZodError);
    expect(await rejection(createObservation(id, { feature: "x", seconds: "2-5", status: "正常" }))).toBeInstanceOf(ZodError);
    expect(((await rejection(createObservation(id, { feature: "x", seconds: "fast" }))) as AppError).issues[0]!.path).toBe("seconds");
    expect(((await rejection(updateObservation("other", c.id, { value: "1" }))) as AppError).code).toBe("NOT_FOUND");
  });

  it("each report lists problems as they stood at the end of its day: open ones carry over, closed ones show on the day they closed", async () => {
    const day1 = await createReport({ name: "day 1", date: "2026-11-20", runIds: [] });
    const day2 = await createReport({ name: "day 2", date: "2026-11-21", runIds: [] });
    const day3 = await createReport({ name: "day 3", date: "2026-11-22", runIds: [] });
    const presence = await createProblem({ title: "presence服务有问题，未启动", reportId: day1.id });
    await backdateProblem(presence.id, new Date("2026-11-20T08:00:00Z"));
    const live = await createProblem({ title: "直播模块脚本报错，具体问题未知", reportId: day2.id, note: "和开发约好明天一起看一下" });
    await backdateProblem(live.id, new Date("2026-11-21T08:00:00Z"));
    const loose = await createProblem({ title: "no round, created on day 2" });
    await backdateProblem(loose.id, new Date("2026-11-21T10:00:00Z"));

    const numbers = async (id: string) => (await getReport(id)).problems.map((p) => p.number);
    expect(await numbers(day1.id)).toEqual([presence.number]);
    expect(await numbers(day2.id)).toEqual([presence.number, live.number, loose.number]);
    expect(await numbers(day3.id)).toEqual([presence.number, live.number, loose.number]);

    // Resolved on day 3: open on days 1 and 2 (as it was then), listed as resolved on day 3, gone after.
    await updateProblem(presence.id, { status: "resolved", note: "started" });
    await backdateProblem(presence.id, new Date("2026-11-20T08:00:00Z"), new Date("2026-11-22T12:00:00Z"));
    expect((await getReport(day1.id)).problems).toMatchObject([{ number: presence.number, status: "open", resolvedAt: null }]);
    expect((await getReport(day2.id)).problems.find((p) => p.id === presence.id)).toMatchObject({
      status: "open",
      isNew: false,
      firstReportedIn: { name: "day 1" },
    });
    expect((await getReport(day3.id)).problems.find((p) => p.id === presence.id)).toMatchObject({
      status: "resolved",
      resolvedAt: "2026-11-22T12:00:00.000Z",
      latestNote: { body: "started" },
    });
    expect(await numbers(day3.id)).toEqual([presence.number, live.number, loose.number]);
    const day4 = await createReport({ name: "day 4", date: "2026-11-23", runIds: [] });
    expect(await numbers(day4.id)).toEqual([live.number, loose.number]);

    // Won't fix on day 3: its own round still shows it open, with the note of that day.
    await updateProblem(live.id, { status: "wont_fix" });
    await backdateProblem(live.id, new Date("2026-11-21T08:00:00Z"), new Date("2026-11-22T12:00:00Z"));
    expect((await getReport(day2.id)).problems.find((p) => p.id === live.id)).toMatchObject({
      isNew: true,
      status: "open",
      latestNote: { body: "和开发约好明天一起看一下" },
    });
    expect(await numbers(day4.id)).toEqual([loose.number]);

    const { markdown } = await exportReportMarkdown(day1.id, "zh-CN");
    expect(markdown).toMatch(new RegExp(`### 当前存在的问题\\n\\n- #${presence.number} presence服务有问题，未启动（严重）\\n$`));
  });

  it("problems: status changes are recorded with notes; reopening clears resolvedAt; filters and sorts", async () => {
    const { vote } = await twoRuns();
    const mod = await prisma.module.create({ data: { name: "Vote_Interface_Test" } });
    const p = await createProblem({
      title: "会控的脚本并发上不去",
      severity: "critical",
      moduleIds: [mod.id],
      runIds: [vote],
      owner: "li",
    });
    const q = await createProblem({ title: "incoming脚本响应时间较长", severity: "minor" });
    await updateProblem(p.id, { status: "in_progress", note: "dev looking" });
    await updateProblem(p.id, { status: "resolved" });
    let detail = await getProblem(p.id);
    expect(detail.resolvedAt).not.toBeNull();
    expect(detail.notes.map((n) => [n.status, n.body])).toEqual([
      ["resolved", ""],
      ["in_progress", "dev looking"],
    ]);
    await updateProblem(p.id, { status: "open", note: "came back" });
    detail = await getProblem(String(p.number));
    expect(detail).toMatchObject({ status: "open", resolvedAt: null, modules: [{ name: "Vote_Interface_Test" }], runs: [{ id: vote }] });
    await updateProblem(p.id, { note: "just a note" });
    expect((await getProblem(p.id)).notes[0]).toMatchObject({ status: null, body: "just a note" });

    expect((await findProblems({ severity: "critical" })).map((r) => r.id)).toEqual([p.id]);
    expect((await findProblems({ moduleId: mod.id })).map((r) => r.id)).toEqual([p.id]);
    expect((await findProblems({ q: "INCOMING" })).map((r) => r.id)).toEqual([q.id]);
    expect((await findProblems({ sort: "number" })).map((r) => r.id)).toEqual([p.id, q.id]);
    expect((await findProblems({ sort: "severity" })).map((r) => r.severity)).toEqual(["critical", "minor"]);
    await updateProblem(q.id, { status: "wont_fix" });
    expect((await findProblems({ isOpen: true })).map((r) => r.id)).toEqual([p.id]);

    const bad = await rejection(createProblem({ title: "x", moduleIds: ["nope"], reportId: "gone" }));
    expect((bad as AppError).issues.map((i) => i.path)).toEqual(["moduleIds.0", "reportId"]);
    expect(await rejection(updateProblem(p.id, { status: "closed" }))).toBeInstanceOf(ZodError);
    expect(((await rejection(updateProblem("nope", { title: "x" }))) as AppError).status).toBe(404);
  });

  it("exports the per-label table as CSV", async () => {
    const { vote } = await twoRuns();
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [vote] });
    const { csv } = await exportReportCsv(id);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "run,run_id,module,label,kind,method,url,samples,errors,error_pct,avg_ms,min_ms,max_ms,p50_ms,p90_ms,p95_ms,p99_ms,rate_per_s,elapsed_s,summary_line",
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(
      /^vote 2h,\w+,Vote_Interface_Test,list,request,GET,http:\/\/10\.44\.14\.173:8080\/api\/rest\/v1\/en\/vote\/list,5000,0,0\.00,40,/,
    );
  });

  it("compares a round with a baseline round, flagging beyond noise", async () => {
    const base = await seedRun({
      name: "base",
      modules: [
        {
          module: "incoming",
          elapsedS: 100,
          labels: [
            { label: "in", samples: 10_000, avgMs: 100 },
            { label: "out", samples: 10_000, avgMs: 50 },
          ],
        },
      ],
      perSecond: [100, 100, 100, 100],
    });
    const cur = await seedRun({
      name: "cur",
      modules: [
        {
          module: "incoming",
          elapsedS: 100,
          labels: [
            { label: "in", samples: 10_000, avgMs: 150 },
            { label: "out", samples: 10_000, avgMs: 52 },
          ],
        },
      ],
      perSecond: [100, 104, 96, 100],
    });
    const baseline = await createReport({ name: "base", date: "2026-11-20", runIds: [base] });
    const current = await createReport({ name: "cur", date: "2026-11-21", runIds: [cur] });
    const cmp = await compareReport({ reportId: current.id }, { reportId: baseline.id });
    expect(cmp.bands).toEqual({ ratePct: 10, latencyPct: 10, errPp: 1 });
    expect(cmp.current.noise.hasSeconds).toBe(true);
    expect(cmp.current.noise.rateCv).toBeCloseTo(Math.sqrt(8) / 100, 6);
    expect(cmp.modules).toHaveLength(1);
    expect(cmp.modules[0]!.avg).toMatchObject({ baseline: 75, current: 101, isFlagged: true, isWorse: true });
    expect(cmp.labels.map((l) => [l.label, l.isFlagged])).toEqual([
      ["in", true],
      ["out", false],
    ]);
    const byRun = await compareReport({ runId: cur }, { runId: base });
    expect(byRun.labels).toHaveLength(2);
    expect(((await rejection(compareReport({ reportId: current.id }, { runId: "nope" }))) as AppError).status).toBe(404);
  });
});
