import { getSessionCookie } from "better-auth/cookies";
import type { TActor } from "./actor";
import { AUTH_COOKIE_PREFIX, getAuth } from "./auth";
import { BOOTSTRAP_ACTOR, isBootstrapToken } from "./bootstrap-token";
import { isRole } from "./roles";
import { verifyApiToken } from "./verify-api-token";

export interface TAuthentication {
  actor: TActor | null;
  /** Set when credentials were sent but are not valid (the proxy answers 401 on protected routes). */
  failure?: string;
  /** Set-Cookie headers better-auth wants sent back (session refresh). */
  setCookies: string[];
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const SECURE_SESSION_COOKIE = new RegExp(`(?:^|;\\s*)__Secure-${AUTH_COOKIE_PREFIX.replace(".", "\\.")}\\.session_token=`);

/**
 * Who sent this request: `Authorization: Bearer <token>` (an API token or the bootstrap token) wins
 * over the session cookie; no credentials → actor null. One indexed query per request; roles are
 * read fresh every time, so a role change or revocation applies at once.
 */
export async function authenticateRequest(headers: Headers): Promise<TAuthentication> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { actor: null, failure: "Malformed Authorization header; expected `Bearer <token>`.", setCookies: [] };
    const token = match[1];
    if (isBootstrapToken(token)) return { actor: BOOTSTRAP_ACTOR, setCookies: [] };
    const actor = await verifyApiToken(token);
    return actor ? { actor, setCookies: [] } : { actor: null, failure: "Invalid or revoked API token.", setCookies: [] };
  }
  if (!getSessionCookie(headers, { cookiePrefix: AUTH_COOKIE_PREFIX })) return { actor: null, setCookies: [] };
  // The instance whose cookie the browser holds: `__Secure-` when it was set over HTTPS.
  const auth = await getAuth(SECURE_SESSION_COOKIE.test(headers.get("cookie") ?? ""));
  const result = await auth.api.getSession({ headers, returnHeaders: true });
  const setCookies = result.headers?.getSetCookie?.() ?? [];
  const session = result.response;
  if (!session) return { actor: null, failure: "Your session has expired; sign in again.", setCookies };
  const user = session.user as { id: string; name?: string | null; email: string; role?: unknown };
  const role = isRole(user.role) ? user.role : "viewer";
  return { actor: { id: user.id, role, name: user.name || user.email, via: "session" }, setCookies };
}
