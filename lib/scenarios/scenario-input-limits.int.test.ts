import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTestModule, scenarioDoc } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { createScenario } from "./create-scenario";
import { updateScenario } from "./update-scenario";

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

/** `levels` nested loops: each adds three JSON levels ({ loop: { steps: [ … ] } }). */
function nestedLoops(levels: number): unknown[] {
  let steps: unknown[] = [{ request: { method: "GET", path: "/x" } }];
  for (let i = 0; i < levels; i++) steps = [{ loop: { count: 1, steps } }];
  return steps;
}

describe("scenario input that the database cannot take is a 400, nothing stored", () => {
  beforeEach(resetDatabase);

  it("refuses a document nested about 122 levels deep with the path and the limit", async () => {
    const mod = await createTestModule();
    const e = await rejection(createScenario({ moduleId: mod.id, definition: scenarioDoc({ steps: nestedLoops(40) as never }) }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("INVALID_INPUT");
    expect((e as AppError).message).toMatch(/nested.*deep/i);
    expect((e as AppError).issues[0]?.path).toMatch(/^steps\.0\.loop\.steps\.0/);
    expect(await prisma.scenario.count()).toBe(0);
  });

  it("still stores a reasonably nested document (ten loops deep)", async () => {
    const mod = await createTestModule();
    const { id } = await createScenario({ moduleId: mod.id, definition: scenarioDoc({ steps: nestedLoops(10) as never }) });
    expect(await prisma.scenario.count({ where: { id } })).toBe(1);
  });

  it("refuses a NUL character or a lone surrogate (as YAML's \\0 and \\ud800 escapes give) with its path", async () => {
    const mod = await createTestModule();
    for (const bad of ["a\u0000b", "x\ud800y"]) {
      const e = await rejection(createScenario({ moduleId: mod.id, definition: scenarioDoc({ name: bad }) }));
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("INVALID_INPUT");
      expect((e as AppError).issues[0]?.path).toBe("name");
      const inStep = await rejection(
        createScenario({
          moduleId: mod.id,
          definition: scenarioDoc({ steps: [{ request: { method: "GET", path: `/p${bad}` } }] as never }),
        }),
      );
      expect((inStep as AppError).issues[0]?.path).toBe("steps.0.request.path");
    }
    expect(await prisma.scenario.count()).toBe(0);
  });

  it("applies the same checks on update", async () => {
    const mod = await createTestModule();
    const { id } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const deep = await rejection(updateScenario(id, { moduleId: mod.id, definition: scenarioDoc({ steps: nestedLoops(40) as never }) }));
    expect((deep as AppError).code).toBe("INVALID_INPUT");
    const nul = await rejection(updateScenario(id, { moduleId: mod.id, definition: scenarioDoc({ name: "n\u0000" }) }));
    expect((nul as AppError).code).toBe("INVALID_INPUT");
    expect((await prisma.scenario.findUniqueOrThrow({ where: { id } })).version).toBe(1);
  });
});
