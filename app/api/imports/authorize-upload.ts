/**
 * Authentication and access decision for the JTL upload route, done in the route itself.
 *
 * Why: for every path proxy.ts matches, Next buffers the request body for the proxy and hands the
 * route at most `experimental.proxyClientMaxBodySize` (10 MB) of it — so a several-GB JTL can only
 * stream straight into the route if the proxy's matcher leaves POST /api/imports/jmeter out. Then
 * no proxy authenticates it, and any x-musterpoint-* actor header could be forged: so this route
 * never trusts them and authenticates the request's own credentials (session cookie or Bearer
 * token) with the proxy's own functions and rules. While the proxy still covers the path, this is
 * a second, identical check (one indexed query).
 */
import { decideAccess } from "@/lib/auth/access-policy";
import type { TActor } from "@/lib/auth/actor";
import { authenticateRequest } from "@/lib/auth/authenticate-request";

export async function authorizeUpload(request: Request): Promise<{ actor: TActor | null; denied: Response | null }> {
  const url = new URL(request.url);
  let authentication;
  try {
    authentication = await authenticateRequest(request.headers);
  } catch (error) {
    console.error("[imports] authentication failed", error);
    return { actor: null, denied: Response.json({ error: "Authentication is unavailable (is the database up?)." }, { status: 503 }) };
  }
  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host")].filter((h): h is string => !!h);
  const decision = decideAccess({
    method: request.method,
    pathname: url.pathname,
    search: url.search,
    actor: authentication.actor,
    ...(authentication.failure ? { authFailure: authentication.failure } : {}),
    origin: request.headers.get("origin"),
    hosts,
    isServerAction: false,
  });
  if (decision.kind === "allow") return { actor: authentication.actor, denied: null };
  if (decision.kind === "redirect") return { actor: null, denied: Response.json({ error: "Sign in first." }, { status: 401 }) };
  return { actor: null, denied: Response.json({ error: decision.error }, { status: decision.status }) };
}
