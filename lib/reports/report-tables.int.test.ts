import { beforeEach, describe, expect, it } from "vitest";
import { DELETE as deleteRowRoute, PATCH as patchRowRoute } from "@/app/api/reports/[reportId]/slow-rows/[rowId]/route";
import { POST as postRowRoute } from "@/app/api/reports/[reportId]/slow-rows/route";
import { PATCH as patchReportRoute } from "@/app/api/reports/[reportId]/route";
import { prisma } from "@/lib/db/client";
import { resetReportTables, seedRun } from "@/test/report-fixtures";
import { createReport } from "./create-report";
import { exportReportMarkdown } from "./export-markdown";
import { getReport } from "./get-report";

const json = (body: unknown, method: string) =>
  new Request("http://localhost:3000/api/x", { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

async function threeModules() {
  return seedRun({
    name: "peak",
    modules: ["incoming", "callpermission", "Vote_Interface_Test"].map((module) => ({
      module,
      elapsedS: 600,
      labels: [{ label: `${module}-req`, samples: 100, avgMs: 50 }],
    })),
  });
}

describe("report tables", () => {
  beforeEach(resetReportTables);

  it("module rows follow the order the user sets (API PATCH), in the page data and the Markdown; the next report starts with it", async () => {
    const run = await threeModules();
    const day1 = await createReport({ name: "day 1", date: "2026-11-20", runIds: [run] });
    expect((await getReport(day1.id)).modules.map((m) => m.module)).toEqual(["callpermission", "incoming", "Vote_Interface_Test"]);

    const order = ["Vote_Interface_Test", "incoming", "callpermission"];
    const res = await patchReportRoute(json({ moduleOrder: order }, "PATCH"), ctx({ reportId: day1.id }));
    expect(res.status).toBe(200);
    const report = await getReport(day1.id);
    expect(report.moduleOrder).toEqual(order);
    expect(report.modules.map((m) => m.module)).toEqual(order);
    const md = (await exportReportMarkdown(day1.id, "zh-CN")).markdown;
    expect(md.indexOf("| Vote_Interface_Test |")).toBeLessThan(md.indexOf("| incoming |"));
    expect(md.indexOf("| incoming |")).toBeLessThan(md.indexOf("| callpermission |"));

    for (const bad of [{ moduleOrder: ["a", "a"] }, { moduleOrder: "incoming" }, { moduleOrder: [""] }]) {
      expect((await patchReportRoute(json(bad, "PATCH"), ctx({ reportId: day1.id }))).status).toBe(400);
    }
    expect((await getReport(day1.id)).moduleOrder).toEqual(order);

    const day2 = await createReport({ name: "day 2", date: "2026-11-21", runIds: [run] });
    expect((await getReport(day2.id)).modules.map((m) => m.module)).toEqual(order);
    // An earlier day does not inherit a later day's order.
    const before = await createReport({ name: "day 0", date: "2026-11-19", runIds: [run] });
    expect((await getReport(before.id)).moduleOrder).toEqual([]);
  });

  it("slow-list rows added, edited and removed by hand, marked manual, beside the computed ones", async () => {
    const run = await seedRun({
      name: "vote",
      modules: [
        {
          module: "Vote_Interface_Test",
          elapsedS: 60,
          labels: [{ label: "vote", url: "http://h/vote", method: "POST", samples: 10, avgMs: 5680 }],
        },
      ],
    });
    const { id } = await createReport({ name: "r", date: "2026-11-21", runIds: [run] });
    const created = await postRowRoute(
      json({ url: "/api/rest/v1/en/quiz", method: "post", module: "case4答题_linux", avgMs: 4200.7 }, "POST"),
      ctx({ reportId: id }),
    );
    expect(created.status).toBe(201);
    const row = ((await created.json()) as { data: { id: string; method: string } }).data;
    expect(row.method).toBe("POST");

    let report = await getReport(id);
    expect(report.slowInterfaces.map((s) => s.url)).toEqual(["http://h/vote"]);
    expect(report.manualSlowRows).toMatchObject([{ url: "/api/rest/v1/en/quiz", avgMs: 4200.7 }]);
    let md = (await exportReportMarkdown(id, "zh-CN")).markdown;
    expect(md).toContain(
      "| 接口 | 平均响应时间 |\n| :------- | :---- |\n| http://h/vote | 5680 |\n| /api/rest/v1/en/quiz（手动） | 4200 |\n",
    );

    expect((await patchRowRoute(json({ avgMs: 7000 }, "PATCH"), ctx({ reportId: id, rowId: row.id }))).status).toBe(200);
    md = (await exportReportMarkdown(id, "en")).markdown;
    expect(md).toContain("| /api/rest/v1/en/quiz (manual) | 7000 |\n| http://h/vote | 5680 |\n");

    const refused = async (res: Response, status: number) => expect(res.status).toBe(status);
    await refused(await postRowRoute(json({ url: "", avgMs: 1 }, "POST"), ctx({ reportId: id })), 400);
    await refused(await postRowRoute(json({ url: "/x", avgMs: -1 }, "POST"), ctx({ reportId: id })), 400);
    await refused(await postRowRoute(json({ url: "/x", avgMs: "slow" }, "POST"), ctx({ reportId: id })), 400);
    await refused(await postRowRoute(json({ url: "/x", avgMs: 1, method: "GET /x" }, "POST"), ctx({ reportId: id })), 400);
    await refused(await postRowRoute(json({ url: "/x", avgMs: 1, extra: true }, "POST"), ctx({ reportId: id })), 400);
    await refused(await postRowRoute(json({ url: "/x", avgMs: 1 }, "POST"), ctx({ reportId: "missing" })), 404);
    await refused(await patchRowRoute(json({}, "PATCH"), ctx({ reportId: id, rowId: row.id })), 400);
    const other = await createReport({ name: "other", date: "2026-11-22", runIds: [] });
    await refused(await patchRowRoute(json({ avgMs: 1 }, "PATCH"), ctx({ reportId: other.id, rowId: row.id })), 404);
    expect(await prisma.reportSlowRow.count()).toBe(1);

    expect((await deleteRowRoute(new Request("http://x", { method: "DELETE" }), ctx({ reportId: id, rowId: row.id }))).status).toBe(204);
    report = await getReport(id);
    expect(report.manualSlowRows).toEqual([]);
    expect((await exportReportMarkdown(id, "zh-CN")).markdown).not.toContain("手动");
  });
});
