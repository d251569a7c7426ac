import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getIP, isAPIError } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getPrisma } from "@/lib/db/client";
import { getAuthSecret } from "./auth-secret";
import { createSignInGuard } from "./sign-in-guard";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./limits";
import { getEnv } from "@/lib/env";

/**
 * Failed sign-ins per account + client (20 in 15 minutes refuse that client only) and per account
 * (past 20, every attempt waits 0.5 s more, up to 5 s: a guesser rotating addresses gets about a
 * dozen tries a minute per connection, and the owner still gets in). Refusing per account alone let
 * anyone who knew an email lock its owner out for 15 minutes.
 */
const SIGN_IN_GUARD = createSignInGuard({
  windowMs: 15 * 60_000,
  maxFailuresPerClient: 20,
  slowAfterFailures: 20,
  slowDownMs: (n) => Math.min(5_000, 500 * n),
});

const signInKeys = (ctx: { body?: unknown; request?: Request; headers?: Headers; context: { options: Parameters<typeof getIP>[1] } }) => {
  const body = ctx.body as { email?: unknown } | undefined;
  const account = typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
  const source = ctx.request ?? ctx.headers;
  return { account, client: (source ? getIP(source, ctx.context.options) : null) ?? "unknown" };
};

/** Where better-auth's endpoints live (app/api/auth/[...all]/route.ts). */
export const AUTH_BASE_PATH = "/api/auth";
/** Session cookie: `musterpoint.session_token` (`__Secure-` prefixed over HTTPS). */
export const AUTH_COOKIE_PREFIX = "musterpoint";

/**
 * better-auth: email + password (scrypt), sessions in PostgreSQL through the Prisma adapter.
 * Public sign-up is off — admins create accounts (lib/auth/create-user.ts) and the first admin comes
 * from ensureFirstAdmin(). Sign-in is rate limited per client IP with counters in the RateLimit table
 * (database storage, so it holds across restarts and web processes): 10 attempts a minute on
 * /sign-in/email, 100 a minute on the other auth endpoints; and failures per account and client,
 * slowing an account's attempts instead of locking it (SIGN_IN_GUARD, in memory).
 * MUSTERPOINT_AUTH_RATE_LIMIT=off turns both off (e2e only).
 */
function buildAuth(secret: string, secureCookies: boolean | undefined) {
  return betterAuth({
    appName: "Musterpoint",
    secret,
    baseURL: getEnv().BETTER_AUTH_URL,
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
      enabled: getEnv().MUSTERPOINT_AUTH_RATE_LIMIT !== "off",
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 10 } },
    },
    // disableOriginCheck: false — explicit, so the check also runs under NODE_ENV=test (its default skips it there).
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || getEnv().MUSTERPOINT_AUTH_RATE_LIMIT === "off") return;
        const { account, client } = signInKeys(ctx);
        const verdict = SIGN_IN_GUARD.check(account, client);
        if (!verdict.allowed) {
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `Too many failed sign-ins for this account from your address; try again in ${verdict.retryAfterSeconds} s.`,
          });
        }
        if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || getEnv().MUSTERPOINT_AUTH_RATE_LIMIT === "off") return;
        const { account, client } = signInKeys(ctx);
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) SIGN_IN_GUARD.failed(account, client);
        } else if (returned !== undefined) {
          SIGN_IN_GUARD.succeeded(account, client);
        }
      }),
    },
    // useSecureCookies per instance (getAuth): a Secure cookie set over plain HTTP is dropped by the
    // browser, which then shows the sign-in page again with no message.
    advanced: { cookiePrefix: AUTH_COOKIE_PREFIX, disableOriginCheck: false, useSecureCookies: secureCookies },
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

type TCookieMode = "secure" | "plain" | "default";
const globalForAuth = globalThis as unknown as {
  musterpointAuths?: Map<TCookieMode, Promise<TAuth>>;
  musterpointAuthSecret?: Promise<string>;
};

/** Read once per process: every cookie mode must sign with the same secret. */
function authSecret(): Promise<string> {
  const secret = (globalForAuth.musterpointAuthSecret ??= getAuthSecret());
  secret.catch(() => {
    globalForAuth.musterpointAuthSecret = undefined;
  });
  return secret;
}

/**
 * The better-auth instance (built once per process and cookie mode; the secret may need a database
 * read). `secureCookies`: true → `__Secure-musterpoint.session_token`, Secure; false → plain name,
 * not Secure (plain HTTP, see usesSecureCookies); undefined → better-auth's default, for callers that
 * set no cookie. All modes share the sessions in the database.
 */
export function getAuth(secureCookies?: boolean): Promise<TAuth> {
  const mode: TCookieMode = secureCookies === undefined ? "default" : secureCookies ? "secure" : "plain";
  const auths = (globalForAuth.musterpointAuths ??= new Map());
  let auth = auths.get(mode);
  if (!auth) {
    auth = authSecret().then((secret) => buildAuth(secret, secureCookies));
    auths.set(mode, auth);
    auth.catch(() => auths.delete(mode)); // retry on the next request (database was down)
  }
  return auth;
}
