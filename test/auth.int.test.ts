import { beforeEach, describe, expect, it } from "vitest";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { createApiToken } from "@/lib/auth/create-api-token";
import { createUser } from "@/lib/auth/create-user";
import { deleteUser } from "@/lib/auth/delete-user";
import { ensureFirstAdmin } from "@/lib/auth/ensure-first-admin";
import { findApiTokens } from "@/lib/auth/find-api-tokens";
import { revokeApiToken } from "@/lib/auth/revoke-api-token";
import { consumeSetupToken } from "@/lib/auth/setup-token";
import { sha256Hex } from "@/lib/auth/token-hash";
import { updateUserRole } from "@/lib/auth/update-user-role";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { POST as setupPost } from "@/app/api/setup/route";
import { authRequest, nextClientIp, ORIGIN, resetAllTables, signIn } from "./auth-helpers";

const PASSWORD = "correct horse battery";

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof AppError ? error.code : (error as Error | undefined)?.name;
}

describe("accounts (better-auth, real PostgreSQL)", () => {
  beforeEach(resetAllTables);

  it("creates a user whose password is stored as an scrypt hash, never in plain", async () => {
    const user = await createUser({ email: " Alice@Example.com ", name: "Alice", password: PASSWORD, role: "tester" });
    expect(user).toMatchObject({ email: "alice@example.com", role: "tester" });
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account.providerId).toBe("credential");
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/); // salt:scrypt key (better-auth's format)
    const dump = JSON.stringify(await prisma.user.findMany());
    expect(dump).not.toContain(PASSWORD);
  });

  it("refuses a duplicate email and a short password with readable errors", async () => {
    await createUser({ email: "a@example.com", name: "A", password: PASSWORD, role: "viewer" });
    expect(await errorCode(createUser({ email: "A@example.com", name: "A2", password: PASSWORD, role: "viewer" }))).toBe("ALREADY_EXISTS");
    expect(await errorCode(createUser({ email: "b@example.com", name: "B", password: "short", role: "viewer" }))).toBe("ZodError");
  });

  it("signs in with email + password; the session cookie authenticates later requests with the user's role", async () => {
    await createUser({ email: "t@example.com", name: "Tess 测试", password: PASSWORD, role: "tester" });
    const cookie = await signIn("t@example.com", PASSWORD);
    expect(cookie).toMatch(/musterpoint\.session_token=/);
    const { actor } = await authenticateRequest(new Headers({ cookie }));
    expect(actor).toMatchObject({ role: "tester", name: "Tess 测试", via: "session" });
    expect(await prisma.session.count()).toBe(1);
  });

  it("refuses a wrong password and public sign-up", async () => {
    await createUser({ email: "t@example.com", name: "T", password: PASSWORD, role: "tester" });
    expect((await authRequest("/sign-in/email", { email: "t@example.com", password: "wrong password!" })).status).toBe(401);
    const signUp = await authRequest("/sign-up/email", { email: "new@example.com", password: PASSWORD, name: "New" });
    expect(signUp.status).toBe(400);
    expect(await prisma.user.count()).toBe(1);
  });

  it("accepts sign-in from the site's own origin as the browser sees it (Host), refuses other origins", async () => {
    await createUser({ email: "t@example.com", name: "T", password: PASSWORD, role: "tester" });
    const auth = await (await import("@/lib/auth/auth")).getAuth();
    const attempt = (origin: string) =>
      auth.handler(
        new Request("http://localhost:3310/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json", origin, host: "127.0.0.1:3310", "x-forwarded-for": nextClientIp() },
          body: JSON.stringify({ email: "t@example.com", password: PASSWORD }),
        }),
      );
    expect((await attempt("http://127.0.0.1:3310")).status).toBe(200);
    expect((await attempt("https://evil.example")).status).toBe(403);
  });

  it("a user cannot raise their own role through better-auth's update-user", async () => {
    await createUser({ email: "v@example.com", name: "V", password: PASSWORD, role: "viewer" });
    const cookie = await signIn("v@example.com", PASSWORD);
    const auth = await (await import("@/lib/auth/auth")).getAuth();
    const res = await auth.handler(
      new Request(`${ORIGIN}/api/auth/update-user`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, cookie, "x-forwarded-for": nextClientIp() },
        body: JSON.stringify({ role: "admin", name: "V2" }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await prisma.user.findFirstOrThrow()).role).toBe("viewer");
  });

  it("rate-limits sign-in attempts per client address", async () => {
    await createUser({ email: "t@example.com", name: "T", password: PASSWORD, role: "tester" });
    const ip = nextClientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await authRequest("/sign-in/email", { email: "t@example.com", password: "wrong password!" }, ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await authRequest("/sign-in/email", { email: "t@example.com", password: PASSWORD }, ip)).status).toBe(429);
    expect((await authRequest("/sign-in/email", { email: "t@example.com", password: PASSWORD })).status).toBe(200);
    expect(await prisma.rateLimit.count()).toBeGreaterThan(0);
  });

  it("a guesser rotating addresses is slowed per account but cannot lock its owner out", async () => {
    await createUser({ email: "target@example.com", name: "T", password: PASSWORD, role: "tester" });
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 22; i++)
      statuses.push((await authRequest("/sign-in/email", { email: "Target@example.com", password: "wrong password!" })).status);
    expect(statuses).toEqual(Array(22).fill(401));
    // The 21st and 22nd failures were held back (0.5 s + 1 s).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    const ownerStarted = Date.now();
    const res = await authRequest("/sign-in/email", { email: "target@example.com", password: PASSWORD });
    expect(res.status).toBe(200);
    expect(Date.now() - ownerStarted).toBeGreaterThanOrEqual(1_400); // slowed (1.5 s), not refused
  });

  it("role changes apply to live sessions; the last admin cannot be demoted or deleted", async () => {
    const admin = await createUser({ email: "root@example.com", name: "Root", password: PASSWORD, role: "admin" });
    const t = await createUser({ email: "t@example.com", name: "T", password: PASSWORD, role: "tester" });
    const cookie = await signIn("t@example.com", PASSWORD);
    await updateUserRole(t.id, "viewer");
    expect((await authenticateRequest(new Headers({ cookie }))).actor?.role).toBe("viewer");
    expect(await errorCode(updateUserRole(admin.id, "tester"))).toBe("CONFLICT");
    expect(await errorCode(deleteUser(admin.id, t.id))).toBe("CONFLICT");
    expect(await errorCode(deleteUser(t.id, t.id))).toBe("CONFLICT");
    await deleteUser(t.id, admin.id);
    expect((await authenticateRequest(new Headers({ cookie }))).actor).toBeNull();
  });
});

describe("API tokens", () => {
  beforeEach(resetAllTables);

  it("stores only the sha256, authenticates as the owner, and stops at once when revoked", async () => {
    const user = await createUser({ email: "ci@example.com", name: "CI", password: PASSWORD, role: "tester" });
    const { token, row } = await createApiToken(user.id, { name: "jenkins" });
    expect(token).toMatch(/^mp_[A-Za-z0-9_-]{43}$/);
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(row.tokenPrefix).toBe(token.slice(0, 9));

    const ok = await authenticateRequest(new Headers({ authorization: `Bearer ${token}` }));
    expect(ok.actor).toEqual({ id: user.id, role: "tester", name: "CI", via: "token" });
    expect((await findApiTokens(user.id))[0]!.lastUsedAt).not.toBeNull();

    const other = await createUser({ email: "o@example.com", name: "O", password: PASSWORD, role: "admin" });
    expect(await errorCode(revokeApiToken(row.id, other.id))).toBe("NOT_FOUND"); // not theirs
    await revokeApiToken(row.id, user.id);
    const revoked = await authenticateRequest(new Headers({ authorization: `Bearer ${token}` }));
    expect(revoked.actor).toBeNull();
    expect(revoked.failure).toMatch(/revoked/);
  });

  it("refuses unknown and malformed bearer tokens", async () => {
    expect((await authenticateRequest(new Headers({ authorization: "Bearer mp_nope" }))).failure).toBeTruthy();
    expect((await authenticateRequest(new Headers({ authorization: "Basic abc" }))).failure).toMatch(/Malformed/);
    expect((await authenticateRequest(new Headers())).actor).toBeNull();
  });

  it("MUSTERPOINT_BOOTSTRAP_TOKEN grants an admin actor without a user row (and is ignored when short)", async () => {
    const saved = process.env.MUSTERPOINT_BOOTSTRAP_TOKEN;
    try {
      process.env.MUSTERPOINT_BOOTSTRAP_TOKEN = "b".repeat(40);
      const { actor } = await authenticateRequest(new Headers({ authorization: `Bearer ${"b".repeat(40)}` }));
      expect(actor).toEqual({ id: null, role: "admin", name: "bootstrap token", via: "bootstrap" });
      expect((await authenticateRequest(new Headers({ authorization: `Bearer ${"b".repeat(39)}` }))).actor).toBeNull();
      process.env.MUSTERPOINT_BOOTSTRAP_TOKEN = "short";
      expect((await authenticateRequest(new Headers({ authorization: "Bearer short" }))).actor).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.MUSTERPOINT_BOOTSTRAP_TOKEN;
      else process.env.MUSTERPOINT_BOOTSTRAP_TOKEN = saved;
    }
  });
});

describe("first start", () => {
  beforeEach(resetAllTables);

  it("creates the admin from MUSTERPOINT_ADMIN_EMAIL / _PASSWORD, who can sign in", async () => {
    const result = await ensureFirstAdmin({ MUSTERPOINT_ADMIN_EMAIL: "boss@example.com", MUSTERPOINT_ADMIN_PASSWORD: PASSWORD });
    expect(result).toEqual({ kind: "created", email: "boss@example.com" });
    expect((await prisma.user.findFirstOrThrow()).role).toBe("admin");
    await signIn("boss@example.com", PASSWORD);
    expect(await ensureFirstAdmin({ MUSTERPOINT_ADMIN_EMAIL: "x@example.com", MUSTERPOINT_ADMIN_PASSWORD: PASSWORD })).toEqual({
      kind: "exists",
    });
    expect(await prisma.user.count()).toBe(1);
  });

  it("says what is wrong with a weak MUSTERPOINT_ADMIN_PASSWORD", async () => {
    await expect(ensureFirstAdmin({ MUSTERPOINT_ADMIN_EMAIL: "boss@example.com", MUSTERPOINT_ADMIN_PASSWORD: "123" })).rejects.toThrow(
      /at least 10 characters/,
    );
  });

  it("otherwise issues a one-time set-up link that creates the first admin exactly once", async () => {
    const result = await ensureFirstAdmin({});
    expect(result.kind).toBe("setup-link");
    const token = (result as { token: string }).token;
    expect(JSON.stringify(await prisma.setting.findMany())).not.toContain(token);

    const post = (body: unknown) =>
      setupPost(
        new Request(`${ORIGIN}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
        undefined,
      );
    expect((await post({ token: "x".repeat(43), email: "boss@example.com", name: "Boss", password: PASSWORD })).status).toBe(403);
    expect((await post({ token, email: "not-an-email", name: "Boss", password: PASSWORD })).status).toBe(400);
    const created = await post({ token, email: "boss@example.com", name: "Boss", password: PASSWORD });
    expect(created.status).toBe(201);
    expect((await post({ token, email: "two@example.com", name: "Two", password: PASSWORD })).status).toBe(409);
    expect(await consumeSetupToken(token)).toBe(false);
    await signIn("boss@example.com", PASSWORD);
    expect(await prisma.auditLog.count({ where: { action: "user.create" } })).toBe(1);
  });
});
