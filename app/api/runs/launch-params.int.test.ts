/**
 * Launch parameters end to end: POST /api/runs { variables } → stored with the run's overrides →
 * the worker runs the engine with them → the local target sees the launch value, not the default.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { scenarioEnv } from "@/lib/env";
import { startTarget, type TTarget } from "@/lib/engine/testing/target";
import { findLaunchParameters } from "@/lib/runs/find-launch-parameters";
import { getRunById } from "@/lib/runs/get-run-by-id";
import { MASK } from "@/lib/security/mask-secrets";
import { claimNextRun } from "@/lib/worker/claim-next-run";
import { executeRun } from "@/lib/worker/execute-run";
import { createTestModule } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import * as scenarios from "@/app/api/scenarios/route";
import * as runs from "./route";
import * as run from "./[runId]/route";

const BASE = "http://localhost/api";
const post = (path: string, body: unknown) =>
  new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

let target: TTarget;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
});

async function createScenario(definition: Record<string, unknown>): Promise<string> {
  const mod = await createTestModule();
  const res = await scenarios.POST(post("/scenarios", { ...definition, moduleId: mod.id }), undefined);
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

/** Claim the queued run and execute it here (VUs in this thread), as the worker does. */
async function executeQueued(env: Record<string, string | undefined> = {}) {
  const claimed = await claimNextRun("launch-params-test");
  expect(claimed).not.toBeNull();
  return executeRun(claimed!, { workerId: "launch-params-test", engineWorkers: 0, env });
}

describe("launch parameters", () => {
  beforeEach(async () => {
    await resetDatabase();
    target.log.length = 0;
  });

  it("a launch value replaces the scenario variable's default in the requests sent", async () => {
    const scenarioId = await createScenario({
      name: "params",
      baseUrl: target.url,
      variables: { code: "204", api_token: "default-token" },
      load: { vus: 1, iterations: 2 },
      steps: [{ request: { name: "status", path: "/status/${code}", headers: { "x-token": "${api_token}" } } }],
    });
    // What the launch dialog lists: each variable with its default, a secret's masked.
    expect(await findLaunchParameters([scenarioId, "unknown"])).toEqual([
      { name: "api_token", defaultValue: MASK, required: false, source: "variable", isSecret: true },
      { name: "code", defaultValue: "204", required: false, source: "variable", isSecret: false },
    ]);
    const res = await runs.POST(
      post("/runs", { scenarioIds: [scenarioId], variables: { code: 203, api_token: "launch-token" } }),
      undefined,
    );
    expect(res.status).toBe(201);
    const { id } = ((await res.json()) as { data: { id: string } }).data;
    const stored = await prisma.run.findUniqueOrThrow({ where: { id }, select: { overrides: true } });
    expect(stored.overrides).toEqual({ variables: { code: 203, api_token: "launch-token" } });

    expect(await executeQueued()).toBe("completed");
    const urls = target.log.map((l) => l.url);
    expect(urls).toEqual(["/status/203", "/status/203"]);
    expect(target.log.every((l) => l.headers["x-token"] === "launch-token")).toBe(true);

    // What the API and the run page show: the values, secret-looking names masked.
    const shown = (
      (await (await run.GET(new Request(`${BASE}/runs/${id}`), { params: Promise.resolve({ runId: id }) })).json()) as {
        data: Awaited<ReturnType<typeof getRunById>>;
      }
    ).data;
    expect(shown.overrides?.variables).toEqual({ code: 203, api_token: MASK });
  });

  it("a launch without the default keeps the scenario's value", async () => {
    const scenarioId = await createScenario({
      name: "defaults",
      baseUrl: target.url,
      variables: { code: "202" },
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/status/${code}" } }],
    });
    expect((await runs.POST(post("/runs", { scenarioIds: [scenarioId] }), undefined)).status).toBe(201);
    expect(await executeQueued()).toBe("completed");
    expect(target.log.map((l) => l.url)).toEqual(["/status/202"]);
  });

  it("a required launch parameter missing → 400 naming it, nothing stored; given → queued", async () => {
    const scenarioId = await createScenario({
      name: "needs env",
      baseUrl: target.url,
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/echo?env=${__P(ENVIRONMENT)}" } }],
    });
    const res = await runs.POST(post("/runs", { scenarioIds: [scenarioId], variables: { other: "x" } }), undefined);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe("launch parameter ENVIRONMENT is required by scenario needs env; give it in variables");
    expect(body.issues).toEqual([{ path: "variables.ENVIRONMENT", message: body.error }]);
    expect(await prisma.run.count()).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "run.start" } })).toBe(0);

    const ok = await runs.POST(post("/runs", { scenarioIds: [scenarioId], variables: { ENVIRONMENT: "staging" } }), undefined);
    expect(ok.status).toBe(201);
    expect(await prisma.run.count()).toBe(1);
    expect(await executeQueued()).toBe("completed");
    expect(target.log.map((l) => l.url)).toEqual(["/echo?env=staging"]);
  });

  it("__env reads only what the worker exposes (MUSTERPOINT_SCENARIO_ENV), else its default", async () => {
    const scenarioId = await createScenario({
      name: "env",
      baseUrl: target.url,
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/echo?region=${__env(REGION,none)}&db=${__env(DATABASE_URL,hidden)}" } }],
    });
    expect((await runs.POST(post("/runs", { scenarioIds: [scenarioId] }), undefined)).status).toBe(201);
    expect(await executeQueued(scenarioEnv({ REGION: "eu-1", DATABASE_URL: "postgres://secret" }, ["REGION", "DATABASE_URL"]))).toBe(
      "completed",
    );
    expect(target.log.map((l) => l.url)).toEqual(["/echo?region=eu-1&db=hidden"]);
  });

  it("bad variables → 400 with a clear message, nothing stored", async () => {
    const scenarioId = await createScenario({
      name: "plain",
      baseUrl: target.url,
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/fast" } }],
    });
    for (const variables of [{ nested: { a: 1 } }, { list: [1] }, { nothing: null }, "a=b", [1]]) {
      const res = await runs.POST(post("/runs", { scenarioIds: [scenarioId], variables }), undefined);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
      expect(body.issues[0]!.path).toMatch(/^variables/);
      expect(body.issues[0]!.message).toMatch(/launch parameter value must be a string, a number or a boolean|variables must be an object/);
    }
    expect(await prisma.run.count()).toBe(0);
  });

  it("a templated baseUrl whose host has no value is refused at launch, not crashed on; a launch value fills it", async () => {
    const port = new URL(target.url).port;
    const scenarioId = await createScenario({
      name: "templated",
      baseUrl: "http://${host}:${port}",
      variables: { port },
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/fast" } }],
    });
    const refused = await runs.POST(post("/runs", { scenarioIds: [scenarioId] }), undefined);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/has no host: host has no value/);
    const far = await runs.POST(post("/runs", { scenarioIds: [scenarioId], variables: { host: "shop.example.invalid" } }), undefined);
    expect(far.status).toBe(400);
    expect(((await far.json()) as { error: string }).error).toContain("shop.example.invalid");
    expect(await prisma.run.count()).toBe(0);
    expect((await runs.POST(post("/runs", { scenarioIds: [scenarioId], variables: { host: "127.0.0.1" } }), undefined)).status).toBe(201);
  });
});
