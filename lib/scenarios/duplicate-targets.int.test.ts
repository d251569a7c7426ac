/**
 * Duplication stores a new scenario, so it passes the same allow-list check as create and update:
 * a scenario saved under a wider list must not be copied once an admin has narrowed it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { updateTargetAllowList } from "@/lib/security/update-target-allow-list";
import { createTestModule, scenarioDoc } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import * as duplicateRoute from "@/app/api/scenarios/[scenarioId]/duplicate/route";
import { createScenario } from "./create-scenario";
import { duplicateScenario } from "./duplicate-scenario";

describe("duplicateScenario and the target allow-list", () => {
  beforeEach(resetDatabase);

  it("copies a scenario whose targets are allowed", async () => {
    const mod = await createTestModule("dup-allowed");
    const { id } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const copy = await duplicateScenario(id);
    expect(copy.name).toBe("vote (copy)");
    expect(await prisma.scenario.count()).toBe(2);
  });

  it("refuses to copy a scenario aimed at a target the list no longer allows; nothing saved", async () => {
    const mod = await createTestModule("dup-refused");
    const { id } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    // An admin narrows the list: loopback is no longer allowed.
    await updateTargetAllowList({ hosts: ["perf.example.invalid"], cidrs: ["192.0.2.0/24"], ports: [] });
    const refused = await duplicateScenario(id).catch((e: unknown) => e);
    expect(AppError.is(refused, "INVALID_INPUT"), String(refused)).toBe(true);
    expect((refused as AppError).message).toContain("127.0.0.1");
    expect((refused as AppError).issues.map((i) => i.path)).toContain("baseUrl");
    expect(await prisma.scenario.count()).toBe(1);
    // Through the API: 400 with the refusal, by path.
    const res = await duplicateRoute.POST(new Request(`http://localhost/api/scenarios/${id}/duplicate`, { method: "POST" }), {
      params: Promise.resolve({ scenarioId: id }),
    });
    const body = (await res.json()) as { error: string; issues: { path: string }[] };
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.issues.map((i) => i.path)).toContain("baseUrl");
    expect(await prisma.scenario.count()).toBe(1);
  });
});
