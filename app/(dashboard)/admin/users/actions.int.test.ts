/**
 * Admin → Users' server actions on a real PostgreSQL: an admin creates, re-roles and deletes
 * accounts (audited, the same answers as /api/admin/users); a tester or viewer is refused by the
 * action itself, whichever page its id is posted to.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/admin/users/route";
import { actorToHeaders, type TActor } from "@/lib/auth/actor";
import { createUser } from "@/lib/auth/create-user";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "@/test/reset-db";
import { createUserAction, deleteUserAction, updateUserRoleAction } from "./actions";
import { expectRouteAnswer } from "@/test/route-answer";

// getActor() reads the headers proxy.ts sets; revalidatePath needs Next's request store.
const state = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(state.actor ? actorToHeaders(state.actor) : {}) }));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath }));

const PASSWORD = "password-for-tests";
const as = (role: TActor["role"], id: string | null) => {
  state.actor = { id, role, name: role, via: "session" };
};

describe("Admin → Users server actions", () => {
  let adminId = "";
  beforeEach(async () => {
    state.actor = null; // audit rows name the actor, whose user row is gone after the reset
    await resetDatabase();
    revalidatePath.mockClear();
    adminId = (await createUser({ email: "root@example.com", name: "Root", password: PASSWORD, role: "admin" })).id;
  });

  it("an admin creates, re-roles and deletes an account, audited, and the page is revalidated", async () => {
    as("admin", adminId);
    const created = await createUserAction({ email: " Tess@Example.com ", name: "Tess", password: PASSWORD, role: "tester" });
    expect(created).toMatchObject({ data: { email: "tess@example.com", name: "Tess", role: "tester" } });
    const user = (created as { data: { id: string; createdAt: string } }).data;
    expect(user.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/); // ISO, as the list shows it
    expect(revalidatePath).toHaveBeenCalledWith("/admin/users");

    expect(await updateUserRoleAction(user.id, { role: "viewer" })).toMatchObject({ data: { id: user.id, role: "viewer" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("viewer");
    expect(await deleteUserAction(user.id)).toEqual({ data: { id: user.id, email: "tess@example.com" } });
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);

    const audit = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.targetId, a.actorName])).toEqual([
      ["user.create", user.id, "admin"],
      ["user.role", user.id, "admin"],
      ["user.delete", user.id, "admin"],
    ]);
  });

  it("answers with the API's words: duplicate, invalid, last admin, yourself", async () => {
    as("admin", adminId);
    const input = { email: "root@example.com", name: "Again", password: PASSWORD, role: "viewer" };
    const duplicate = await createUserAction(input);
    await expectRouteAnswer(duplicate, collection.POST, { method: "POST", url: "http://localhost/api/admin/users", body: input }, 409);
    expect(duplicate).toMatchObject({ error: "A user with the email root@example.com already exists." });

    expect(await createUserAction({ email: "x@example.com", name: "X", password: "short", role: "viewer" })).toMatchObject({
      error: "password: Password must be at least 10 characters.",
      issues: [{ path: "password" }],
    });
    expect(await updateUserRoleAction(adminId, { role: "tester" })).toMatchObject({
      error: "This is the last admin; make someone else admin first.",
    });
    expect(await updateUserRoleAction(adminId, { role: "owner" })).toMatchObject({ issues: [{ path: "" }] });
    expect(await deleteUserAction(adminId)).toMatchObject({ error: "You cannot delete your own account." });
    expect(await deleteUserAction("no-such-user")).toMatchObject({ error: "User no-such-user not found." });
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it.each(["tester", "viewer"] as const)("a %s is refused by every action, and nothing changes", async (role) => {
    const other = await createUser({ email: "o@example.com", name: "O", password: PASSWORD, role: "viewer" });
    as(role, other.id);
    const refused = { error: `This needs the admin role; you are ${role}.`, issues: [] };
    expect(await createUserAction({ email: "new@example.com", name: "New", password: PASSWORD, role: "admin" })).toEqual(refused);
    expect(await updateUserRoleAction(other.id, { role: "admin" })).toEqual(refused);
    expect(await deleteUserAction(adminId)).toEqual(refused);
    expect((await prisma.user.findMany({ orderBy: { email: "asc" } })).map((u) => [u.email, u.role])).toEqual([
      ["o@example.com", "viewer"],
      ["root@example.com", "admin"],
    ]);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("signed out: refused", async () => {
    state.actor = null;
    expect(await deleteUserAction(adminId)).toEqual({ error: "Sign in first.", issues: [] });
    expect(await prisma.user.count()).toBe(1);
  });
});
