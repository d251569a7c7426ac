import { prisma } from "@/lib/db/client";
import { getAuth } from "@/lib/auth/auth";

/** Empties every table but the migrations (`name` cast to text: prisma/orm#27403). */
export async function resetAllTables(): Promise<void> {
  const rows = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  await prisma.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"public"."${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

export const ORIGIN = "http://localhost:3000";
let ipCounter = 1;

/** A fresh client address per call, so tests do not share a sign-in rate-limit bucket. */
export function nextClientIp(): string {
  ipCounter += 1;
  return `10.99.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

/** POST to a better-auth endpoint the way a browser on our origin would. */
export async function authRequest(path: string, body: unknown, ip = nextClientIp()): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );
}

/** Signs in and returns the Cookie header value for later requests. */
export async function signIn(email: string, password: string): Promise<string> {
  const res = await authRequest("/sign-in/email", { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
