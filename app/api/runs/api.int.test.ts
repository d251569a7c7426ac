/** The REST routes, called as Next calls them: handler(Request, { params }). */
import { beforeEach, describe, expect, it } from "vitest";
import { actorToHeaders } from "@/lib/auth/actor";
import { createTestModule } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import * as scenarios from "@/app/api/scenarios/route";
import * as scenario from "@/app/api/scenarios/[scenarioId]/route";
import * as duplicate from "@/app/api/scenarios/[scenarioId]/duplicate/route";
import * as runs from "./route";
import * as run from "./[runId]/route";
import * as summary from "./[runId]/summary/route";
import * as live from "./[runId]/live/route";
import * as results from "./[runId]/results/route";
import * as cancel from "./[runId]/cancel/route";

const BASE = "http://localhost/api";
const json = (body: unknown, method = "POST") =>
  ({
    method,
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }) as RequestInit;
const req = (path: string, init?: RequestInit) => new Request(`${BASE}${path}`, init);
const p = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

const YAML = `
name: vote yaml
module: vote
baseUrl: http://127.0.0.1:9
load: { vus: 2, durationSeconds: 3 }
steps:
  - rendezvous: { name: submit, policy: { count: 2 } }
  - transaction:
      name: vote
      steps:
        - request: { method: POST, path: /vote, json: { choice: 1 } }
thresholds:
  - { metric: p95Ms, max: 500 }
`;

const doc = {
  name: "vote json",
  baseUrl: "http://127.0.0.1:9",
  load: { vus: 1, durationSeconds: 1 },
  steps: [{ request: { path: "/fast" } }],
};

describe("REST API", () => {
  beforeEach(resetDatabase);

  it("scenarios: create (JSON and YAML), read, list, update, duplicate, delete; bad input is 4xx", async () => {
    const mod = await createTestModule("vote");
    const created = await scenarios.POST(req("/scenarios", json({ ...doc, moduleId: mod.id })), undefined);
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    const fromYaml = await scenarios.POST(
      req("/scenarios", { method: "POST", headers: { "content-type": "application/yaml" }, body: YAML }),
      undefined,
    );
    expect(fromYaml.status).toBe(201);
    const yamlId = ((await fromYaml.json()) as { data: { id: string } }).data.id;
    const got = await scenario.GET(req(`/scenarios/${yamlId}`), p({ scenarioId: yamlId }));
    expect(got.status).toBe(200);
    expect(((await got.json()) as { data: { definition: { steps: unknown[] } } }).data.definition.steps).toHaveLength(2);
    const list = (await (await scenarios.GET(req(`/scenarios?moduleId=${mod.id}`), undefined)).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(2);

    const put = await scenario.PUT(
      req(`/scenarios/${id}`, json({ ...doc, load: { vus: 5, durationSeconds: 1 }, moduleId: mod.id, expectedVersion: 1 }, "PUT")),
      p({ scenarioId: id }),
    );
    expect(put.status).toBe(200);
    expect(((await put.json()) as { data: { version: number } }).data.version).toBe(2);
    const dup = await duplicate.POST(req(`/scenarios/${id}/duplicate`, { method: "POST" }), p({ scenarioId: id }));
    expect(dup.status).toBe(201);

    const badJson = await scenarios.POST(req("/scenarios", json("{nope")), undefined);
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: expect.stringMatching(/JSON/), issues: [] });
    const invalid = await scenarios.POST(
      req("/scenarios", json({ ...doc, name: "x", moduleId: mod.id, load: { vus: -1, durationSeconds: 1 } })),
      undefined,
    );
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(["load.vus"]);
    const badYaml = await scenarios.POST(
      req("/scenarios", { method: "POST", headers: { "content-type": "application/yaml" }, body: "a: [1" }),
      undefined,
    );
    expect(badYaml.status).toBe(400);
    const wrongType = await scenarios.POST(
      req("/scenarios", { method: "POST", headers: { "content-type": "text/csv" }, body: "a,b" }),
      undefined,
    );
    expect(wrongType.status).toBe(415);
    const dupName = await scenarios.POST(req("/scenarios", json({ ...doc, moduleId: mod.id })), undefined);
    expect(dupName.status).toBe(409);
    expect((await scenario.GET(req("/scenarios/nope"), p({ scenarioId: "nope" }))).status).toBe(404);

    expect((await scenario.DELETE(req(`/scenarios/${id}`, { method: "DELETE" }), p({ scenarioId: id }))).status).toBe(204);
    expect((await scenario.DELETE(req(`/scenarios/${id}`, { method: "DELETE" }), p({ scenarioId: id }))).status).toBe(404);
  });

  it("runs: enqueue, status, summary, live, results, cancel; bad input is 4xx, unknown ids 404", async () => {
    const mod = await createTestModule("vote");
    const { id: scenarioId } = (
      (await (await scenarios.POST(req("/scenarios", json({ ...doc, moduleId: mod.id })), undefined)).json()) as { data: { id: string } }
    ).data;
    // Who starts the run is the actor proxy.ts authenticated (its headers), passed to enqueueRun.
    const asTester = {
      method: "POST",
      headers: { "content-type": "application/json", ...actorToHeaders({ id: null, role: "tester", name: "张伟", via: "token" }) },
    };
    const created = await runs.POST(
      req("/runs", { ...asTester, body: JSON.stringify({ scenarioIds: [scenarioId], overrides: { vus: 2, durationSeconds: 1 } }) }),
      undefined,
    );
    expect(created.status).toBe(201);
    const body = ((await created.json()) as { data: { id: string; status: string } }).data;
    expect(body.status).toBe("queued");
    const runId = body.id;
    const ctx = p({ runId });

    const status = (
      (await (await run.GET(req(`/runs/${runId}`), ctx)).json()) as { data: { status: string; createdAt: string; startedAt: null } }
    ).data;
    expect(status).toMatchObject({ status: "queued", startedAt: null, startedByName: "张伟" });
    expect(typeof status.createdAt).toBe("string");
    const s = (
      (await (await summary.GET(req(`/runs/${runId}/summary`), ctx)).json()) as { data: { total: { samples: number }; labels: unknown[] } }
    ).data;
    expect(s.total.samples).toBe(0);
    const l = await live.GET(req(`/runs/${runId}/live?since=0`), ctx);
    expect(l.status).toBe(200);
    expect(((await l.json()) as { data: { points: unknown[] } }).data.points).toEqual([]);
    const r = await results.GET(req(`/runs/${runId}/results`), ctx);
    expect(r.status).toBe(200);
    expect((await live.GET(req(`/runs/${runId}/live?since=abc`), ctx)).status).toBe(400);
    expect((await results.GET(req(`/runs/${runId}/results?from=10&to=5`), ctx)).status).toBe(400);
    const listed = (await (await runs.GET(req("/runs?status=queued"), undefined)).json()) as { data: { id: string }[] };
    expect(listed.data.map((x) => x.id)).toEqual([runId]);
    expect((await runs.GET(req("/runs?status=bogus"), undefined)).status).toBe(400);

    const c = await cancel.POST(req(`/runs/${runId}/cancel`, { method: "POST" }), ctx);
    expect(((await c.json()) as { data: { status: string } }).data.status).toBe("cancelled");

    expect((await runs.POST(req("/runs", json({ scenarioIds: "x" })), undefined)).status).toBe(400);
    expect((await runs.POST(req("/runs", json({ scenarioIds: ["nope"] })), undefined)).status).toBe(400);
    expect((await runs.POST(req("/runs", json({ scenarioIds: [scenarioId], overrides: { warp: 9 } })), undefined)).status).toBe(400);
    const missing = p({ runId: "nope" });
    for (const res of [
      await run.GET(req("/runs/nope"), missing),
      await summary.GET(req("/runs/nope/summary"), missing),
      await live.GET(req("/runs/nope/live"), missing),
      await results.GET(req("/runs/nope/results"), missing),
      await cancel.POST(req("/runs/nope/cancel", { method: "POST" }), missing),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: expect.any(String), issues: [] });
    }
  });
});
