import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// As `npm start` runs it: better-auth decides its defaults from NODE_ENV when it is first imported.
vi.hoisted(() => {
  (process.env as Record<string, string>).NODE_ENV = "production";
});

import { authenticateRequest } from "@/lib/auth/authenticate-request";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { createUser } from "@/lib/auth/create-user";
import { nextClientIp, resetAllTables } from "./auth-helpers";

const PASSWORD = "correct horse battery";

/**
 * Signs in through the route as a browser on `origin` would (Next hands the handler a
 * localhost URL whatever the name), optionally through a TLS proxy that says so.
 */
async function signInAt(origin: string, extra: Record<string, string> = {}): Promise<{ status: number; setCookie: string[] }> {
  const host = new URL(origin).host;
  const res = await authPost(
    new Request(`http://localhost:3000/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", host, origin, "x-forwarded-for": nextClientIp(), ...extra },
      body: JSON.stringify({ email: "u@example.com", password: PASSWORD }),
    }),
  );
  return { status: res.status, setCookie: res.headers.getSetCookie() };
}

const sessionCookie = (setCookie: string[]) => setCookie.find((c) => /session_token=/.test(c));
const asCookieHeader = (setCookie: string[]) => setCookie.map((c) => c.split(";")[0]).join("; ");

describe("session cookie over plain HTTP and HTTPS (production mode)", () => {
  beforeEach(async () => {
    vi.stubEnv("BETTER_AUTH_URL", "");
    await resetAllTables();
    await createUser({ email: "u@example.com", name: "U", password: PASSWORD, role: "tester" });
  });
  afterAll(() => vi.unstubAllEnvs());

  it("is not Secure on http://server.lan:3000, so the browser keeps it, and it authenticates", async () => {
    const { status, setCookie } = await signInAt("http://server.lan:3000");
    expect(status).toBe(200);
    const cookie = sessionCookie(setCookie);
    expect(cookie).toMatch(/^musterpoint\.session_token=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect((await authenticateRequest(new Headers({ cookie: asCookieHeader(setCookie), host: "server.lan:3000" }))).actor?.name).toBe("U");
  });

  it("is Secure (and __Secure- prefixed) behind a TLS proxy, and it authenticates", async () => {
    const { status, setCookie } = await signInAt("https://mp.example.test", { "x-forwarded-proto": "https" });
    expect(status).toBe(200);
    const cookie = sessionCookie(setCookie);
    expect(cookie).toMatch(/^__Secure-musterpoint\.session_token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect((await authenticateRequest(new Headers({ cookie: asCookieHeader(setCookie), "x-forwarded-proto": "https" }))).actor?.name).toBe(
      "U",
    );
  });

  it("follows the configured public URL when there is one", async () => {
    vi.stubEnv("BETTER_AUTH_URL", "https://mp.example.test");
    const { setCookie } = await signInAt("https://mp.example.test");
    expect(sessionCookie(setCookie)).toMatch(/;\s*Secure/i);
  });
});
