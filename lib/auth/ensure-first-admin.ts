import { prisma } from "@/lib/db/client";
import { createUser } from "./create-user";
import { clearSetupToken, issueSetupToken } from "./setup-token";
import { getEnv, type TEnv } from "@/lib/env";

export type TFirstAdmin = { kind: "exists" } | { kind: "created"; email: string } | { kind: "setup-link"; token: string; path: string };

/**
 * First start: when no user exists, create the admin from MUSTERPOINT_ADMIN_EMAIL /
 * MUSTERPOINT_ADMIN_PASSWORD, or else issue a one-time set-up link (/setup?token=…, valid until used;
 * a later start issues a fresh one). Once any user exists it does nothing (and drops a stale link).
 * scripts/start.ts calls it after the migrations and prints the outcome with describeFirstAdmin().
 */
export async function ensureFirstAdmin(
  env: Pick<TEnv, "MUSTERPOINT_ADMIN_EMAIL" | "MUSTERPOINT_ADMIN_PASSWORD"> = getEnv(),
): Promise<TFirstAdmin> {
  if ((await prisma.user.count()) > 0) {
    await clearSetupToken();
    return { kind: "exists" };
  }
  const email = env.MUSTERPOINT_ADMIN_EMAIL?.trim();
  const password = env.MUSTERPOINT_ADMIN_PASSWORD;
  if (email && password) {
    try {
      const user = await createUser({ email, password, name: email.split("@")[0] || "admin", role: "admin" });
      return { kind: "created", email: user.email };
    } catch (error) {
      const issues = (error as { issues?: { path: unknown; message: string }[] }).issues;
      const detail = issues?.length ? issues.map((i) => i.message).join(" ") : (error as Error).message;
      throw new Error(`MUSTERPOINT_ADMIN_EMAIL / MUSTERPOINT_ADMIN_PASSWORD: ${detail}`);
    }
  }
  const token = await issueSetupToken();
  return { kind: "setup-link", token, path: `/setup?token=${token}` };
}

/** The console line for the outcome, given the server's URL. */
export function describeFirstAdmin(result: TFirstAdmin, baseUrl: string): string | null {
  if (result.kind === "created")
    return `created the admin account ${result.email} (from MUSTERPOINT_ADMIN_EMAIL); sign in at ${baseUrl}/sign-in`;
  if (result.kind === "setup-link") return `no account yet — open this one-time link to create the admin: ${baseUrl}${result.path}`;
  return null;
}
