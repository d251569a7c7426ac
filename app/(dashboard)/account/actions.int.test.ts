/**
 * The Account page's server actions on a real PostgreSQL: any signed-in role manages their own API
 * tokens and display zone (audited, the same answers as /api/tokens and /api/account/time-zone);
 * nobody revokes another's token but an admin; an API token or the bootstrap token never mints one.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as tokensRoute from "@/app/api/tokens/route";
import { actorToHeaders, type TActor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/create-api-token";
import { createUser } from "@/lib/auth/create-user";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "@/test/reset-db";
import { createApiTokenAction, revokeApiTokenAction, setOwnTimeZoneAction } from "./actions";
import { expectRouteAnswer } from "@/test/route-answer";

// getActor() reads the headers proxy.ts sets; revalidatePath needs Next's request store.
const state = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(state.actor ? actorToHeaders(state.actor) : {}) }));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath }));

const PASSWORD = "password-for-tests";

describe("Account page server actions", () => {
  let viewer: TActor & { id: string };
  let admin: TActor & { id: string };
  beforeEach(async () => {
    state.actor = null; // audit rows name the actor, whose user row is gone after the reset
    await resetDatabase();
    revalidatePath.mockClear();
    const v = await createUser({ email: "v@example.com", name: "Vera", password: PASSWORD, role: "viewer" });
    const a = await createUser({ email: "a@example.com", name: "Ada", password: PASSWORD, role: "admin" });
    viewer = { id: v.id, role: "viewer", name: "Vera", via: "session" };
    admin = { id: a.id, role: "admin", name: "Ada", via: "session" };
  });

  it("a viewer creates a token (shown once, audited) and revokes it", async () => {
    state.actor = viewer;
    const created = await createApiTokenAction({ name: "read-only ci" });
    expect(created).toMatchObject({
      data: { name: "read-only ci", token: expect.stringMatching(/^mp_[A-Za-z0-9_-]{43}$/), revokedAt: null },
    });
    const row = (created as { data: { id: string; createdAt: string } }).data;
    expect(row.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ userId: viewer.id, revokedAt: null });
    expect(revalidatePath).toHaveBeenCalledWith("/account");

    expect(await revokeApiTokenAction(row.id)).toEqual({ data: { id: row.id, name: "read-only ci" } });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).not.toBeNull();
    const audit = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.targetId, a.actorId])).toEqual([
      ["token.create", row.id, viewer.id],
      ["token.revoke", row.id, viewer.id],
    ]);
  });

  it("the API's words for a bad name; another's token is not found unless you are an admin", async () => {
    state.actor = viewer;
    const bad = await createApiTokenAction({ name: "  " });
    await expectRouteAnswer(bad, tokensRoute.POST, { method: "POST", url: "http://localhost/api/tokens", body: '{"name":"  "}' }, 400);
    expect(bad).toMatchObject({ error: "name: Name is required." });

    const { row } = await createApiToken(admin.id, { name: "admin's" });
    expect(await revokeApiTokenAction(row.id)).toEqual({ error: `Token ${row.id} not found.`, issues: [] });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();

    const { row: viewers } = await createApiToken(viewer.id, { name: "viewer's" });
    state.actor = admin;
    expect(await revokeApiTokenAction(viewers.id)).toMatchObject({ data: { id: viewers.id } });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: viewers.id } })).revokedAt).not.toBeNull();
  });

  it("an API token or the bootstrap token cannot mint or revoke tokens", async () => {
    const { row } = await createApiToken(viewer.id, { name: "leaked" });
    const before = await prisma.apiToken.count();
    for (const actor of [
      { ...viewer, via: "token" as const },
      { ...admin, via: "token" as const },
      { id: null, role: "admin" as const, name: "bootstrap", via: "bootstrap" as const },
    ]) {
      state.actor = actor;
      const refused = { error: "API tokens are managed only when signed in (Account page), never with an API token.", issues: [] };
      expect(await createApiTokenAction({ name: "successor" })).toEqual(refused);
      expect(await revokeApiTokenAction(row.id)).toEqual(refused);
    }
    expect(await prisma.apiToken.count()).toBe(before);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
  });

  it("a viewer sets their own zone and back; the bootstrap token has none; an unknown zone has issues", async () => {
    state.actor = viewer;
    expect(await setOwnTimeZoneAction({ timeZone: "Asia/Shanghai" })).toEqual({ data: { timeZone: "Asia/Shanghai", source: "user" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: viewer.id } })).timeZone).toBe("Asia/Shanghai");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).timeZone).toBeNull();
    expect(revalidatePath).toHaveBeenCalledWith("/", "layout");
    const unknown = await setOwnTimeZoneAction({ timeZone: "Mars/Olympus" });
    expect("error" in unknown && unknown.issues.length).toBeGreaterThan(0);
    expect(await setOwnTimeZoneAction({ timeZone: null })).toMatchObject({ data: { source: expect.not.stringMatching(/^user$/) } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: viewer.id } })).timeZone).toBeNull();

    state.actor = { id: null, role: "admin", name: "bootstrap", via: "bootstrap" };
    expect(await setOwnTimeZoneAction({ timeZone: "UTC" })).toEqual({
      error: "The bootstrap token has no account; set the installation's zone under Admin → Settings.",
      issues: [],
    });
    state.actor = null;
    expect(await setOwnTimeZoneAction({ timeZone: "UTC" })).toEqual({ error: "Sign in first.", issues: [] });
  });
});
