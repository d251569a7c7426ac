/**
 * API tokens are verified from memory for a few seconds (lib/auth/token-cache.ts): a polling client
 * costs no query per request, yet revoking, a role change and deleting the user apply on the next
 * request because those operations forget the cached actor.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { createApiToken } from "@/lib/auth/create-api-token";
import { createUser } from "@/lib/auth/create-user";
import { deleteUser } from "@/lib/auth/delete-user";
import { revokeApiToken } from "@/lib/auth/revoke-api-token";
import { TOKEN_CACHE_MS } from "@/lib/auth/token-cache";
import { updateUserRole } from "@/lib/auth/update-user-role";
import { prisma } from "@/lib/db/client";
import { resetAllTables } from "./auth-helpers";

const PASSWORD = "correct horse battery";
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe("API token cache", () => {
  beforeEach(resetAllTables);

  it("answers a token seen in the last seconds from memory: a change behind its back shows only after TOKEN_CACHE_MS", async () => {
    const user = await createUser({ email: "ci@example.com", name: "CI", password: PASSWORD, role: "tester" });
    const { token } = await createApiToken(user.id, { name: "ci" });
    expect((await authenticateRequest(bearer(token))).actor?.role).toBe("tester");
    // Another process changes the role directly in the database: this process does not know yet.
    await prisma.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect((await authenticateRequest(bearer(token))).actor?.role).toBe("tester");
    await new Promise((r) => setTimeout(r, TOKEN_CACHE_MS + 100));
    expect((await authenticateRequest(bearer(token))).actor?.role).toBe("viewer");
  });

  it("revoking, a role change and deleting the user apply on the next request", async () => {
    const admin = await createUser({ email: "root@example.com", name: "Root", password: PASSWORD, role: "admin" });
    const user = await createUser({ email: "ci@example.com", name: "CI", password: PASSWORD, role: "tester" });
    const first = await createApiToken(user.id, { name: "one" });
    const second = await createApiToken(user.id, { name: "two" });
    expect((await authenticateRequest(bearer(first.token))).actor?.role).toBe("tester");
    expect((await authenticateRequest(bearer(second.token))).actor?.role).toBe("tester");

    await updateUserRole(user.id, "viewer");
    expect((await authenticateRequest(bearer(first.token))).actor?.role).toBe("viewer");

    await revokeApiToken(first.row.id, user.id);
    expect((await authenticateRequest(bearer(first.token))).actor).toBeNull();
    expect((await authenticateRequest(bearer(second.token))).actor?.role).toBe("viewer");

    await deleteUser(user.id, admin.id);
    expect((await authenticateRequest(bearer(second.token))).actor).toBeNull();
  });
});
