import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { updateScenario } from "@/lib/scenarios/update-scenario";
import { updateTargetAllowList } from "@/lib/security/update-target-allow-list";
import { executeRun } from "@/lib/worker/execute-run";
import { claimNextRun } from "@/lib/worker/claim-next-run";
import { createTestModule, scenarioDoc } from "./run-fixtures";
import { resetDatabase } from "./reset-run-db";

// The allow-list is enforced where data enters: at save, at launch, and in the worker at run time.
// Nothing here connects anywhere: every refusal happens before any traffic.
describe("target allow-list wiring", () => {
  beforeEach(resetDatabase);

  it("refuses to save a scenario aiming outside the allow-list, naming the host; nothing saved", async () => {
    const mod = await createTestModule();
    const doc = scenarioDoc({ baseUrl: "http://10.20.30.40:8080" });
    const error = await createScenario({ moduleId: mod.id, definition: doc }).catch((e: unknown) => e);
    expect(AppError.is(error, "INVALID_INPUT")).toBe(true);
    expect((error as AppError).message).toContain("10.20.30.40");
    expect(await prisma.scenario.count()).toBe(0);

    const ok = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const update = await updateScenario(ok.id, { moduleId: mod.id, definition: doc }).catch((e: unknown) => e);
    expect(AppError.is(update, "INVALID_INPUT")).toBe(true);
    expect((await prisma.scenario.findUniqueOrThrow({ where: { id: ok.id } })).version).toBe(1);
  });

  it("refuses at launch, and the worker fails a queued run whose target was removed from the list since", async () => {
    const mod = await createTestModule();
    const s = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const queued = await enqueueRun({ scenarioIds: [s.id] });
    // An admin narrows the list: loopback no longer allowed.
    await updateTargetAllowList({ hosts: ["perf.example.test"], cidrs: ["192.0.2.0/24"], ports: [] });
    const refused = await enqueueRun({ scenarioIds: [s.id] }).catch((e: unknown) => e);
    expect(AppError.is(refused, "INVALID_INPUT")).toBe(true);
    expect(await prisma.run.count()).toBe(1);

    const claimed = await claimNextRun("wiring-test");
    expect(claimed?.id).toBe(queued.id);
    let engineStarted = false;
    const outcome = await executeRun(claimed!, {
      workerId: "wiring-test",
      engineWorkers: 0,
      startLoad: () => {
        engineStarted = true;
        throw new Error("must not start");
      },
    });
    expect(outcome).toBe("failed");
    expect(engineStarted).toBe(false);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: queued.id } });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("127.0.0.1");
  });

  it("records launches in the audit log", async () => {
    const mod = await createTestModule();
    const s = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const run = await enqueueRun({ scenarioIds: [s.id] });
    const actions = (await prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => `${a.action}:${a.targetId}`);
    expect(actions).toEqual([`scenario.create:${s.id}`, `run.start:${run.id}`]);
  });
});

describe("secrets in scenarios", () => {
  beforeEach(resetDatabase);

  it("an editor saving the masked document back keeps the stored secret; a changed value replaces it", async () => {
    const { maskSecrets } = await import("@/lib/security/mask-secrets");
    const mod = await createTestModule();
    const doc = scenarioDoc({ headers: { Authorization: "Bearer s3cret-token", "X-Trace": "visible" } } as never);
    const { id } = await createScenario({ moduleId: mod.id, definition: doc });
    const stored = (await prisma.scenario.findUniqueOrThrow({ where: { id } })).definition as { headers: Record<string, string> };
    const masked = maskSecrets(stored);
    expect(masked.headers.Authorization).not.toContain("s3cret");
    expect(masked.headers["X-Trace"]).toBe("visible");

    await updateScenario(id, { moduleId: mod.id, definition: { ...masked, name: "renamed" } });
    const kept = (await prisma.scenario.findUniqueOrThrow({ where: { id } })).definition as {
      name: string;
      headers: Record<string, string>;
    };
    expect(kept.name).toBe("renamed");
    expect(kept.headers.Authorization).toBe("Bearer s3cret-token");

    await updateScenario(id, { moduleId: mod.id, definition: { ...masked, headers: { ...masked.headers, Authorization: "Bearer new" } } });
    expect(
      ((await prisma.scenario.findUniqueOrThrow({ where: { id } })).definition as { headers: Record<string, string> }).headers
        .Authorization,
    ).toBe("Bearer new");
  });
});
