import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getPrisma } from "@/lib/db/client";
import { getAuthSecret } from "./auth-secret";
import { createAttemptLimiter } from "./attempt-limiter";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./limits";

/** Per account, whatever the client address: 20 sign-in attempts per 15 minutes. */
const SIGN_IN_PER_ACCOUNT = createAttemptLimiter({ max: 20, windowMs: 15 * 60_000 });

/** Where better-auth's endpoints live (app/api/auth/[...all]/route.ts). */
export const AUTH_BASE_PATH = "/api/auth";
/** Session cookie: `musterpoint.session_token` (`__Secure-` prefixed over HTTPS). */
export const AUTH_COOKIE_PREFIX = "musterpoint";

/**
 * better-auth: email + password (scrypt), sessions in PostgreSQL through the Prisma adapter.
 * Public sign-up is off — admins create accounts (lib/auth/create-user.ts) and the first admin comes
 * from ensureFirstAdmin(). Sign-in is rate limited per client IP with counters in the RateLimit table
 * (database storage, so it holds across restarts and web processes): 10 attempts a minute on
 * /sign-in/email, 100 a minute on the other auth endpoints; and per account, 20 attempts per 15
 * minutes (in memory), which a client rotating X-Forwarded-For cannot dodge.
 * MUSTERPOINT_AUTH_RATE_LIMIT=off turns both off (e2e only).
 */
function buildAuth(secret: string) {
  return betterAuth({
    appName: "Musterpoint",
    secret,
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    basePath: AUTH_BASE_PATH,
    // The site's own origin as the browser sees it (Host / X-Forwarded-Host), like Next's server
    // action check: better-auth refuses cookie-bearing POSTs from any other Origin (CSRF).
    trustedOrigins: (request) => ownOrigins(request),
    database: prismaAdapter(getPrisma(), { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    user: {
      // input: false — no endpoint lets a user set their own role (update-user ignores it).
      additionalFields: { role: { type: "string", required: false, input: false } },
      changeEmail: { enabled: false },
      deleteUser: { enabled: false },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: process.env.MUSTERPOINT_AUTH_RATE_LIMIT !== "off",
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 10 } },
    },
    // disableOriginCheck: false — explicit, so the check also runs under NODE_ENV=test (its default skips it there).
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || process.env.MUSTERPOINT_AUTH_RATE_LIMIT === "off") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
        const { allowed, retryAfterSeconds } = SIGN_IN_PER_ACCOUNT.hit(email);
        if (!allowed) {
          throw new APIError("TOO_MANY_REQUESTS", { message: `Too many sign-in attempts for this account; try again in ${retryAfterSeconds} s.` });
        }
      }),
    },
    advanced: { cookiePrefix: AUTH_COOKIE_PREFIX, disableOriginCheck: false },
    telemetry: { enabled: false },
  });
}

/** `proto://host` for the Host and X-Forwarded-Host of this request. */
export function ownOrigins(request: Request | undefined): string[] {
  if (!request) return [];
  const proto = (request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "")).split(",")[0]!.trim();
  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host")].filter((h): h is string => !!h);
  return hosts.map((host) => `${proto === "https" ? "https" : "http"}://${host.split(",")[0]!.trim()}`);
}

export type TAuth = ReturnType<typeof buildAuth>;

const globalForAuth = globalThis as unknown as { musterpointAuth?: Promise<TAuth> };

/** The better-auth instance (built once per process; the secret may need a database read). */
export function getAuth(): Promise<TAuth> {
  globalForAuth.musterpointAuth ??= getAuthSecret().then(buildAuth);
  globalForAuth.musterpointAuth.catch(() => {
    globalForAuth.musterpointAuth = undefined; // retry on the next request (database was down)
  });
  return globalForAuth.musterpointAuth;
}
