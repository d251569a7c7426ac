import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetReportTables } from "@/test/report-fixtures";
import { GET as getProblemRoute, PATCH as patchProblem } from "./[problemId]/route";
import { POST as postProblem } from "./route";

const json = (body: unknown, method = "POST") =>
  new Request("http://localhost:3000/api/problems", {
    method,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
const ctx = (problemId: string) => ({ params: Promise.resolve({ problemId }) });

interface TDetail {
  number: number;
  title: string;
  severity: string;
  owner: string | null;
  modules: { id: string; name: string }[];
  edits: { fields: string[] }[];
}

describe("PATCH /api/problems/:id — editing what a problem is", () => {
  beforeEach(resetReportTables);

  it("edits title, severity, owner and module links; keeps the number and the history; refuses bad input whole", async () => {
    const [live, vote] = await Promise.all([
      prisma.module.create({ data: { name: "liveAutoTest" } }),
      prisma.module.create({ data: { name: "Vote_Interface_Test" } }),
    ]);
    const created = await postProblem(json({ title: "直播模块脚本报错", severity: "minor", moduleIds: [live.id] }), undefined);
    expect(created.status).toBe(201);
    const { id, number } = ((await created.json()) as { data: { id: string; number: number } }).data;

    const patched = await patchProblem(
      json({ title: "直播模块脚本报错，具体问题未知", severity: "critical", owner: "li", moduleIds: [vote.id, live.id] }, "PATCH"),
      ctx(id),
    );
    expect(patched.status).toBe(200);
    const detail = ((await (await getProblemRoute(new Request("http://x"), ctx(String(number)))).json()) as { data: TDetail }).data;
    expect(detail).toMatchObject({ number, title: "直播模块脚本报错，具体问题未知", severity: "critical", owner: "li" });
    expect(detail.modules.map((m) => m.name)).toEqual(["liveAutoTest", "Vote_Interface_Test"]);
    expect(detail.edits).toEqual([expect.objectContaining({ fields: ["title", "severity", "owner", "modules"] })]);

    // Clearing the owner and unlinking a module is an edit of its own.
    expect((await patchProblem(json({ owner: null, moduleIds: [vote.id] }, "PATCH"), ctx(id))).status).toBe(200);
    const revisions = await prisma.problemRevision.findMany({ where: { problemId: id }, orderBy: { id: "asc" } });
    expect(revisions.map((r) => [r.title, r.severity, r.owner, r.moduleIds])).toEqual([
      ["直播模块脚本报错", "minor", null, [live.id]],
      ["直播模块脚本报错，具体问题未知", "critical", "li", [live.id, vote.id].sort()],
      ["直播模块脚本报错，具体问题未知", "critical", null, [vote.id]],
    ]);

    const refused = async (body: unknown, path: string) => {
      const res = await patchProblem(json(body, "PATCH"), ctx(id));
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(err.issues.map((i) => i.path)).toContain(path);
    };
    await refused({ title: "   " }, "title");
    await refused({ title: "x".repeat(301) }, "title");
    await refused({ severity: "blocker" }, "severity");
    await refused({ owner: "o".repeat(201) }, "owner");
    await refused({ moduleIds: [vote.id, "no-such-module"] }, "moduleIds.1");
    await refused({ titel: "typo" }, "");
    await refused({ title: "half", moduleIds: "not a list" }, "moduleIds");
    // Nothing of a refused edit is stored: no revision, no change.
    expect(await prisma.problemRevision.count({ where: { problemId: id } })).toBe(3);
    expect((await prisma.problem.findUniqueOrThrow({ where: { id } })).title).toBe("直播模块脚本报错，具体问题未知");
    expect((await patchProblem(json({ title: "x" }, "PATCH"), ctx("no-such-problem"))).status).toBe(404);
  });
});
