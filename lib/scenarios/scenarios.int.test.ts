import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTestModule, scenarioDoc } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { createScenario } from "./create-scenario";
import { deleteScenario } from "./delete-scenario";
import { duplicateScenario } from "./duplicate-scenario";
import { findScenarios } from "./find-scenarios";
import { getScenarioById } from "./get-scenario-by-id";
import { updateScenario } from "./update-scenario";

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("scenarios", () => {
  beforeEach(resetDatabase);

  it("creates with moduleId, stores the module's name in the document, reads it back", async () => {
    const mod = await createTestModule("vote-module");
    const { id, version } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    expect(version).toBe(1);
    const s = await getScenarioById(id);
    expect(s.moduleName).toBe("vote-module");
    expect(s.definition.module).toBe("vote-module");
    expect(s.definition.steps[0]).toMatchObject({ request: { method: "GET", path: "/fast", timeoutSeconds: 60 } });
  });

  it("finds the module by the document's module name; rejects unknown and mismatching modules", async () => {
    const mod = await createTestModule("auth");
    const { id } = await createScenario({ definition: scenarioDoc({ module: "auth" }) });
    expect((await getScenarioById(id)).moduleId).toBe(mod.id);
    const unknown = await rejects(createScenario({ definition: scenarioDoc({ module: "nope" }) }));
    expect(unknown.code).toBe("INVALID_INPUT");
    expect(unknown.issues[0]?.path).toBe("module");
    const other = await createTestModule("other");
    const mismatch = await rejects(createScenario({ moduleId: other.id, definition: scenarioDoc({ module: "auth" }) }));
    expect(mismatch.issues[0]?.path).toBe("module");
  });

  it("rejects an invalid document with field issues and saves nothing", async () => {
    const mod = await createTestModule();
    const bad = scenarioDoc({ steps: [{ request: { method: "FETCH", path: "/x" } }] as never, load: { durationSeconds: 5 } as never });
    const e = await rejects(createScenario({ moduleId: mod.id, definition: bad }));
    expect(e.code).toBe("INVALID_INPUT");
    const paths = e.issues.map((i) => i.path);
    expect(paths).toContain("steps.0.request.method");
    expect(paths).toContain("load.vus");
    expect(await prisma.scenario.count()).toBe(0);
  });

  it("updates with version + 1, detects concurrent edits, rejects invalid updates untouched", async () => {
    const mod = await createTestModule();
    const { id } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    const u = await updateScenario(id, {
      moduleId: mod.id,
      definition: scenarioDoc({ load: { vus: 9, durationSeconds: 3 } } as never),
      expectedVersion: 1,
    });
    expect(u.version).toBe(2);
    expect((await getScenarioById(id)).definition.load.vus).toBe(9);
    const conflict = await rejects(updateScenario(id, { moduleId: mod.id, definition: scenarioDoc(), expectedVersion: 1 }));
    expect(conflict.code).toBe("CONFLICT");
    const invalid = await rejects(updateScenario(id, { moduleId: mod.id, definition: { ...scenarioDoc(), baseUrl: "ftp://x" } }));
    expect(invalid.issues[0]?.path).toBe("baseUrl");
    const s = await getScenarioById(id);
    expect(s.version).toBe(2);
    expect(s.definition.baseUrl).toBe("http://127.0.0.1:9");
    expect((await rejects(updateScenario("missing", { definition: scenarioDoc() }))).code).toBe("NOT_FOUND");
  });

  it("refuses a duplicate name, duplicates with a free name, lists, deletes; warns about rendezvous in a transaction", async () => {
    const mod = await createTestModule();
    const { id } = await createScenario({ moduleId: mod.id, definition: scenarioDoc() });
    expect((await rejects(createScenario({ moduleId: mod.id, definition: scenarioDoc() }))).code).toBe("ALREADY_EXISTS");
    const copy = await duplicateScenario(id);
    const copy2 = await duplicateScenario(id);
    expect([copy.name, copy2.name]).toEqual(["vote (copy)", "vote (copy 2)"]);
    expect((await getScenarioById(copy.id)).definition.name).toBe("vote (copy)");
    const list = await findScenarios({ moduleId: mod.id });
    expect(list.map((s) => s.name).sort()).toEqual(["vote", "vote (copy 2)", "vote (copy)"].sort());
    expect(list.find((s) => s.name === "vote")).toMatchObject({ vus: 2, durationSeconds: 2, baseUrl: "http://127.0.0.1:9" });
    await deleteScenario(copy.id);
    expect((await rejects(deleteScenario(copy.id))).code).toBe("NOT_FOUND");
    const warned = await createScenario({
      moduleId: mod.id,
      definition: scenarioDoc({
        name: "rv",
        steps: [{ transaction: { name: "t", steps: [{ rendezvous: { name: "r" } }, { request: { path: "/fast" } }] } }],
      } as never),
    });
    expect(warned.warnings[0]?.path).toBe("steps.0.transaction.steps.0");
  });
});
