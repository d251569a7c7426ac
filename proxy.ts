import { NextResponse, type NextRequest } from "next/server";
import { decideAccess, type TAccessDecision } from "@/lib/auth/access-policy";
import { ACTOR_HEADER_PREFIX, actorToHeaders } from "@/lib/auth/actor";
import { authenticateRequest, type TAuthentication } from "@/lib/auth/authenticate-request";
import { createActionLookup, OWN_ACCOUNT_ACTIONS, READ_ONLY_ACTIONS } from "@/lib/auth/read-only-actions";
import { bodyTooLargeMessage } from "@/lib/security/body-limit";
import { securityHeaders } from "@/lib/security/security-headers";
import { getEnv } from "@/lib/env";

/** Which server-action ids read only, or change only the caller's account (viewers may call them); from the build's manifest. */
const READ_ONLY_ACTION_IDS = createActionLookup(READ_ONLY_ACTIONS);
const OWN_ACCOUNT_ACTION_IDS = createActionLookup(OWN_ACCOUNT_ACTIONS);

/**
 * Every request passes here first (Next 16 proxy, Node.js runtime): authenticate (session cookie or
 * `Authorization: Bearer`), authorise by method and path (lib/auth/access-policy.ts), pass the actor
 * to handlers as x-musterpoint-user-* request headers (read them with getActor()), and add the
 * security headers. Route handlers and pages need no auth code of their own.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const dev = getEnv().NODE_ENV === "development";
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const apiRequest = request.nextUrl.pathname.startsWith("/api/") || request.nextUrl.pathname === "/api";

  const tooLarge = bodyTooLargeMessage(request.headers.get("content-length"));
  if (tooLarge) {
    const status = tooLarge.startsWith("Malformed") ? 400 : 413;
    return finish(NextResponse.json({ error: tooLarge }, { status }), { dev, https });
  }

  let authentication: TAuthentication;
  try {
    authentication = await authenticateRequest(request.headers);
  } catch (error) {
    console.error("[proxy] authentication failed", error);
    return finish(NextResponse.json({ error: "Authentication is unavailable (is the database up?)." }, { status: 503 }), { dev, https });
  }

  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host")].filter((h): h is string => !!h);
  const actionId = request.headers.get("next-action");
  const decision = decideAccess({
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    actor: authentication.actor,
    authFailure: authentication.failure,
    origin: request.headers.get("origin"),
    hosts,
    isServerAction: actionId !== null,
    isReadOnlyAction: actionId !== null && actionId.length <= 100 && READ_ONLY_ACTION_IDS.has(actionId),
    isOwnAccountAction: actionId !== null && actionId.length <= 100 && OWN_ACCOUNT_ACTION_IDS.has(actionId),
  });

  const response = respond(request, decision, authentication, apiRequest);
  for (const cookie of authentication.setCookies) response.headers.append("set-cookie", cookie);
  return finish(response, { dev, https });
}

function respond(request: NextRequest, decision: TAccessDecision, authentication: TAuthentication, api: boolean): NextResponse {
  if (decision.kind === "redirect") return NextResponse.redirect(new URL(decision.location, request.url), 303);
  if (decision.kind === "deny") {
    if (api || request.headers.has("next-action") || request.method !== "GET") {
      return NextResponse.json({ error: decision.error }, { status: decision.status });
    }
    return new NextResponse(forbiddenPage(decision.error), {
      status: decision.status,
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  }
  // INVARIANT: no client-sent x-musterpoint-* header reaches a handler.
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!key.toLowerCase().startsWith(ACTOR_HEADER_PREFIX)) headers.append(key, value);
  });
  if (authentication.actor) for (const [key, value] of Object.entries(actorToHeaders(authentication.actor))) headers.set(key, value);
  return NextResponse.next({ request: { headers } });
}

function finish(response: NextResponse, options: { dev: boolean; https: boolean }): NextResponse {
  for (const [key, value] of Object.entries(securityHeaders(options))) response.headers.set(key, value);
  return response;
}

function forbiddenPage(message: string): string {
  const escaped = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><title>Not allowed · Musterpoint</title><body style="font-family:system-ui;margin:4rem auto;max-width:32rem"><h1 style="font-size:1.25rem">Not allowed</h1><p>${escaped}</p><p><a href="/">Back to Musterpoint</a></p></body>`;
}

export const config = {
  // Everything but Next's immutable build assets (no handler, nothing to protect) and the JTL
  // upload: Next buffers a proxied body and hands the route only its first 10 MB, so the multi-GB
  // upload streams past the proxy and authenticates itself with the same rules
  // (app/api/imports/authorize-upload.ts). The exclusion is that exact path (`$`): a prefix would
  // also skip /api/imports/jmeterX or /api/imports/jmeter%2F…, which reach other handlers
  // (/api/imports/[importId]) with no authentication and no security headers.
  matcher: ["/((?!_next/static|_next/image|api/imports/jmeter$).*)"],
};
