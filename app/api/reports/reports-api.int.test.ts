import { beforeEach, describe, expect, it } from "vitest";
import { resetReportTables, seedRun } from "@/test/report-fixtures";
import { GET as getProblemRoute, PATCH as patchProblem } from "@/app/api/problems/[problemId]/route";
import { GET as listProblems, POST as postProblem } from "@/app/api/problems/route";
import { GET as getCompare } from "./[reportId]/compare/route";
import { GET as getCsv } from "./[reportId]/csv/route";
import { GET as getMarkdown } from "./[reportId]/markdown/route";
import { POST as postObservation } from "./[reportId]/observations/route";
import { GET as getReportRoute, PATCH as patchReport } from "./[reportId]/route";
import { DELETE as revokeShare } from "./[reportId]/share/[linkId]/route";
import { GET as listShares, POST as postShare } from "./[reportId]/share/route";
import { POST as postReport } from "./route";

/** The REST API as a nightly job uses it: route handlers called with real Requests. */
const json = (body: unknown, method = "POST", url = "http://localhost:3000/api/x") =>
  new Request(url, {
    method,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
const get = (url = "http://localhost:3000/api/x", headers: Record<string, string> = {}) => new Request(url, { headers });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

describe("reports REST API", () => {
  beforeEach(resetReportTables);

  it("assembles a day's report: round, observations, problem, Markdown, CSV, share link", async () => {
    const run = await seedRun({
      name: "vote",
      modules: [
        {
          module: "Vote_Interface_Test",
          elapsedS: 7168,
          labels: [{ label: "vote", url: "http://h/api/rest/v1/en/vote", samples: 100, avgMs: 5680 }],
        },
      ],
    });
    const created = await postReport(json({ name: "峰值脚本压测 2026-11-21", date: "2026-11-21", runIds: [run] }), undefined);
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    expect(id).toEqual(expect.any(String));

    const obs = await postObservation(json({ feature: "contact加载（客户端）", seconds: "2-5" }), ctx({ reportId: id }));
    expect(obs.status).toBe(201);
    expect((await postObservation(json({ feature: "会控", status: "正常", note: "fine" }), ctx({ reportId: id }))).status).toBe(201);

    const problem = await postProblem(json({ title: "presence服务有问题，未启动", reportId: id, runIds: [run] }), undefined);
    expect(problem.status).toBe(201);
    const problemId = ((await problem.json()) as { data: { id: string } }).data.id;

    const report = (await (await getReportRoute(get(), ctx({ reportId: id }))).json()) as {
      data: { modules: unknown[]; problems: { title: string }[] };
    };
    expect(report.data.modules).toHaveLength(1);
    expect(report.data.problems.map((p) => p.title)).toEqual(["presence服务有问题，未启动"]);

    const md = await getMarkdown(get(`http://localhost:3000/api/reports/${id}/markdown?lang=zh-CN`), ctx({ reportId: id }));
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await md.text();
    expect(text).toContain("## 峰值脚本压测 2026-11-21\n### 模块压测情况\n| 模块 | 并发数据 |");
    expect(text).toContain("| http://h/api/rest/v1/en/vote | 5680 |");
    expect(text).toContain("| 会控 | 正常 |");
    expect(text).toMatch(/\n- #\d+ presence服务有问题，未启动（严重）\n/);
    // Language from Accept-Language when no ?lang and no cookie; download disposition on request.
    const en = await getMarkdown(
      get(`http://localhost:3000/api/reports/${id}/markdown?download=1`, { "accept-language": "en-US" }),
      ctx({ reportId: id }),
    );
    expect(await en.text()).toContain("### Results by module");
    expect(en.headers.get("content-disposition")).toContain("filename*=UTF-8''%E5%B3%B0");

    const csv = await getCsv(get(), ctx({ reportId: id }));
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\r\n")).toHaveLength(3);

    const share = await postShare(
      json({ expiresInDays: 3 }, "POST", `http://localhost:3000/api/reports/${id}/share`),
      ctx({ reportId: id }),
    );
    expect(share.status).toBe(201);
    const { data } = (await share.json()) as { data: { id: string; url: string } };
    const { url } = data;
    expect(url).toMatch(/^http:\/\/localhost:3000\/share\/[A-Za-z0-9_-]{20,}$/);
    const noBody = await postShare(new Request(`http://localhost:3000/api/reports/${id}/share`, { method: "POST" }), ctx({ reportId: id }));
    expect(noBody.status).toBe(201);
    const links = (await (await listShares(get(), ctx({ reportId: id }))).json()) as { data: { isActive: boolean; reportId: string }[] };
    expect(links.data).toHaveLength(2);
    expect(links.data.map((l) => l.reportId)).toEqual([id, id]);
    const revoked = await revokeShare(new Request("http://x", { method: "DELETE" }), ctx({ reportId: id, linkId: data.id }));
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ data: { id: data.id, reportId: id } });
    expect((await revokeShare(new Request("http://x", { method: "DELETE" }), ctx({ reportId: "other", linkId: data.id }))).status).toBe(
      404,
    );

    const patched = await patchProblem(json({ status: "in_progress", note: "dev on it" }, "PATCH"), ctx({ problemId }));
    expect(patched.status).toBe(200);
    const detail = (await (await getProblemRoute(get(), ctx({ problemId }))).json()) as {
      data: { notes: { status: string; body: string }[] };
    };
    expect(detail.data.notes).toMatchObject([{ status: "in_progress", body: "dev on it" }]);
    const list = (await (await listProblems(get("http://x/api/problems?status=in_progress&sort=number"), undefined)).json()) as {
      data: unknown[];
    };
    expect(list.data).toHaveLength(1);
  });

  it("answers 4xx with { error, issues } for bad input", async () => {
    const bad = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(body.error).toEqual(expect.any(String));
      expect(Array.isArray(body.issues)).toBe(true);
      return body;
    };
    const missing = await bad(await postReport(json({ date: "2026-11-21", runIds: [] }), undefined), 400);
    expect(missing.issues[0]!.path).toBe("name");
    expect((await bad(await postReport(json({ name: "x", date: "21.11.2026", runIds: [] }), undefined), 400)).issues[0]!.path).toBe("date");
    expect((await bad(await postReport(json({ name: "x", date: "2026-11-21", runIds: ["nope"] }), undefined), 400)).issues[0]!.path).toBe(
      "runIds.0",
    );
    expect((await bad(await postReport(json({ name: "x", date: "2026-11-21", runIds: "a" }), undefined), 400)).issues[0]!.path).toBe(
      "runIds",
    );
    await bad(await postReport(json("{oops"), undefined), 400);
    await bad(
      await postReport(new Request("http://x", { method: "POST", body: "a=b", headers: { "content-type": "text/plain" } }), undefined),
      415,
    );
    await bad(await postReport(json({ name: "x".repeat(2_000_000), date: "2026-11-21" }), undefined), 413);

    const created = await postReport(json({ name: "r", date: "2026-11-21", runIds: [] }), undefined);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    await bad(await postObservation(json({ feature: "x" }), ctx({ reportId: id })), 400);
    await bad(await postObservation(json({ feature: "x", seconds: "soon" }), ctx({ reportId: id })), 400);
    await bad(await postObservation(json({ feature: "x", seconds: "2-5" }), ctx({ reportId: "missing" })), 404);
    await bad(await patchReport(json({ slowThresholdMs: -1 }, "PATCH"), ctx({ reportId: id })), 400);
    await bad(await getReportRoute(get(), ctx({ reportId: "missing" })), 404);
    await bad(await getMarkdown(get(), ctx({ reportId: "missing" })), 404);
    await bad(await getCompare(get("http://x/api/reports/a/compare"), ctx({ reportId: id })), 400);
    await bad(await postShare(json({ expiresInDays: 1000 }), ctx({ reportId: id })), 400);
    await bad(await postShare(json({}), ctx({ reportId: "missing" })), 404);

    await bad(await postProblem(json({ description: "no title" }), undefined), 400);
    await bad(await postProblem(json({ title: "x", status: "closed" }), undefined), 400);
    await bad(await postProblem(json({ title: "x", runIds: ["nope"] }), undefined), 400);
    await bad(await patchProblem(json({}, "PATCH"), ctx({ problemId: "nope" })), 400);
    await bad(await patchProblem(json({ title: "y" }, "PATCH"), ctx({ problemId: "nope" })), 404);
    await bad(await listProblems(get("http://x/api/problems?sort=sideways"), undefined), 400);
  });
});
