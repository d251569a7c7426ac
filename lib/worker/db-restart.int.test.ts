/**
 * The database restarts in the middle of a run: the worker keeps running the load, buffers the
 * seconds it cannot write, reconnects, and writes them — none lost. Uses its own embedded
 * PostgreSQL (stopped and started again), not the shared test database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { runLoad, type TRunResult } from "../engine/run-load";
import { startTarget, type TTarget } from "../engine/testing/target";
import { createTestModule, scenarioDoc } from "../../test/run-fixtures";

const HOME = path.join(os.tmpdir(), `musterpoint-dbrestart-${process.pid}`);
const PORT = 56000 + (process.pid % 3000);
let db: TEmbeddedDatabase;
let target: TTarget;

beforeAll(async () => {
  db = await startEmbeddedDatabase({ home: HOME, port: PORT });
  await migrate(db.url);
  // Point this file's Prisma client at the embedded database.
  const g = globalThis as { musterpointPrisma?: { $disconnect(): Promise<void> } };
  await g.musterpointPrisma?.$disconnect();
  delete g.musterpointPrisma;
  process.env.DATABASE_URL = db.url;
  target = await startTarget({ keepLog: false });
}, 120_000);

afterAll(async () => {
  await target?.close();
  const g = globalThis as { musterpointPrisma?: { $disconnect(): Promise<void> } };
  await g.musterpointPrisma?.$disconnect();
  delete g.musterpointPrisma;
  await db?.stop();
  fs.rmSync(HOME, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("database restart mid-run", () => {
  it("buffers the seconds while the database is down and writes them after: none lost", async () => {
    const { prisma } = await import("../db/client");
    const { createScenario } = await import("../scenarios/create-scenario");
    const { enqueueRun } = await import("../runs/enqueue-run");
    const { getRunResults } = await import("../runs/get-run-results");
    const { runWorker } = await import("./run-worker");
    const mod = await createTestModule();
    const { id: scenarioId } = await createScenario({
      moduleId: mod.id,
      definition: scenarioDoc({
        baseUrl: target.url,
        load: { vus: 3, durationSeconds: 9, gracefulStopSeconds: 1 },
        steps: [{ request: { path: "/delay/5" } }],
      } as never),
    });
    const { id } = await enqueueRun({ scenarioIds: [scenarioId] });
    let engineResult: TRunResult | null = null;
    const logs: string[] = [];
    const controller = new AbortController();
    const worker = runWorker({
      workerId: "restart-test",
      databaseUrl: db.url,
      signal: controller.signal,
      pollMs: 200,
      engineWorkers: 0,
      log: (m) => logs.push(m),
      startLoad: (o) => {
        const h = runLoad(o);
        void h.done.then((r) => (engineResult = r));
        return h;
      },
    });
    // Let it write a couple of seconds, then restart the database for ~3 s.
    for (let i = 0; i < 100 && (await prisma.runSecond.count({ where: { runId: id } }).catch(() => 0)) < 2; i++) await sleep(100);
    await db.stop();
    await sleep(3000);
    db = await startEmbeddedDatabase({ home: HOME, port: PORT });
    for (let i = 0; i < 300; i++) {
      const run = await prisma.run.findUnique({ where: { id }, select: { status: true } }).catch(() => null);
      if (run && run.status !== "running") break;
      await sleep(100);
    }
    controller.abort();
    await worker;
    expect(logs.some((m) => m.includes("writing metrics failed"))).toBe(true);
    expect(logs.some((m) => m.includes("database back"))).toBe(true);
    const run = await prisma.run.findUniqueOrThrow({ where: { id } });
    expect(run.status).toBe("completed");
    const seconds = await prisma.runSecond.findMany({
      where: { runId: id },
      select: { second: true, samples: true },
      orderBy: { second: "asc" },
    });
    const first = seconds[0]!.second;
    const last = seconds.at(-1)!.second;
    expect(seconds.map((s) => s.second)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    const results = await getRunResults(id);
    expect(engineResult).not.toBeNull();
    expect(results.summary.total.samples).toBe(engineResult!.summary.total.samples);
    expect(results.summary.total.errors).toBe(engineResult!.summary.total.errors);
    expect(results.summary.total.p95Ms).toBe(engineResult!.summary.total.p95Ms);
  });
});
