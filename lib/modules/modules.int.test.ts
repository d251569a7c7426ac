import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createModule } from "./create-module";
import { deleteModule } from "./delete-module";
import { findModules } from "./find-modules";
import { getModuleById } from "./get-module-by-id";
import { updateModule } from "./update-module";

/**
 * Empties every table but the migrations. Same as test/reset-db.ts, with the `name` columns cast
 * to text: adapter-pg cannot deserialise PostgreSQL's `name` type (prisma/orm#27403).
 */
async function resetDatabase(): Promise<void> {
  const rows = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  const list = rows.map((r) => `"public"."${r.tablename}"`).join(", ");
  await prisma.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("modules", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("creates a module with trimmed fields and lists it with counts", async () => {
    const created = await createModule({ name: "  pivotor_iauth_api ", description: " login API " });
    expect(created.name).toBe("pivotor_iauth_api");
    expect(created.description).toBe("login API");
    await prisma.interface.create({ data: { moduleId: created.id, method: "POST", urlPattern: "/api/login" } });

    const list = await findModules();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, interfaceCount: 1, scenarioCount: 0 });
  });

  it("lists modules by name", async () => {
    await createModule({ name: "recording" });
    await createModule({ name: "incoming" });
    expect((await findModules()).map((m) => m.name)).toEqual(["incoming", "recording"]);
  });

  it("refuses a duplicate name with a readable message", async () => {
    await createModule({ name: "incoming" });
    const error = await expectAppError(createModule({ name: " incoming " }), "ALREADY_EXISTS");
    expect(error.message).toBe('A module named "incoming" already exists.');
    expect(error.status).toBe(409);
    expect(error.issues).toEqual([{ path: "name", message: 'A module named "incoming" already exists.' }]);
  });

  it("refuses invalid input with zod issues", async () => {
    await expect(createModule({ name: "   " })).rejects.toBeInstanceOf(ZodError);
    await expect(createModule({ name: "x".repeat(101) })).rejects.toBeInstanceOf(ZodError);
    await expect(createModule({ name: "ok", description: "x".repeat(2001) })).rejects.toBeInstanceOf(ZodError);
    expect(await findModules()).toEqual([]);
  });

  it("updates name and description", async () => {
    const created = await createModule({ name: "vote" });
    const updated = await updateModule(created.id, { name: "Vote_Interface_Test", description: "投票" });
    expect(updated).toMatchObject({ id: created.id, name: "Vote_Interface_Test", description: "投票" });
    expect((await getModuleById(created.id)).name).toBe("Vote_Interface_Test");

    const partial = await updateModule(created.id, { description: "" });
    expect(partial.name).toBe("Vote_Interface_Test");
    expect(partial.description).toBe("");
  });

  it("refuses renaming onto an existing name", async () => {
    await createModule({ name: "incoming" });
    const other = await createModule({ name: "recording" });
    await expectAppError(updateModule(other.id, { name: "incoming" }), "ALREADY_EXISTS");
  });

  it("deletes a module with its interfaces", async () => {
    const created = await createModule({ name: "callpermission" });
    await prisma.interface.create({ data: { moduleId: created.id, method: "GET", urlPattern: "/perm" } });
    expect(await deleteModule(created.id)).toEqual({ id: created.id, name: "callpermission" });
    expect(await findModules()).toEqual([]);
    expect(await prisma.interface.count()).toBe(0);
  });

  it("refuses to delete a module that still has scenarios", async () => {
    const created = await createModule({ name: "liveAutoTest" });
    await prisma.scenario.create({ data: { moduleId: created.id, name: "s1", definition: {} } });
    const error = await expectAppError(deleteModule(created.id), "CONFLICT");
    expect(error.message).toMatch(/1 scenario;/);
    expect(await findModules()).toHaveLength(1);
  });

  it("reports an unknown id as NOT_FOUND everywhere", async () => {
    await expectAppError(getModuleById("nope"), "NOT_FOUND");
    await expectAppError(updateModule("nope", { name: "x" }), "NOT_FOUND");
    await expectAppError(deleteModule("nope"), "NOT_FOUND");
  });

  it("returns the detail with interfaces and scenarios", async () => {
    const created = await createModule({ name: "dating" });
    await prisma.interface.create({ data: { moduleId: created.id, method: "POST", urlPattern: "/book" } });
    await prisma.scenario.create({ data: { moduleId: created.id, name: "booking", definition: {} } });
    const detail = await getModuleById(created.id);
    expect(detail.interfaces.map((i) => i.urlPattern)).toEqual(["/book"]);
    expect(detail.scenarios.map((s) => s.name)).toEqual(["booking"]);
    expect(detail.interfaceCount).toBe(1);
    expect(detail.scenarioCount).toBe(1);
  });
});
