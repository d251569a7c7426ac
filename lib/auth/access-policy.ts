import type { TActor } from "./actor";
import { hasRole, type TRole } from "./roles";

/**
 * The one table of who may do what, by method and path (proxy.ts applies it to every request).
 * Pure: unit-tested exhaustively over route × role × method.
 *
 * - public: the sign-in and set-up pages (GET), shared reports /share/* (GET), /api/health (GET),
 *   better-auth's /api/auth/* (it checks its own credentials and Origin), /api/setup (the one-time
 *   set-up link), static assets;
 * - GET/HEAD: viewer and up;
 * - any other method — including server actions, which are POSTs to a page path — tester and up;
 * - /admin/*, /api/admin/*: admin, every method;
 * - /api/account/*: the caller's own preferences, every signed-in user;
 * - /api/tokens/*: every user signed in with a session (a viewer manages their own read-only tokens);
 *   never an API token or the bootstrap token, or a leaked token could mint successors that outlive
 *   its revocation.
 *
 * INVARIANT: a server action's id is not bound to the page it is posted to, so no page path grants
 * mutations below tester, and actions doing admin work check the role themselves (requireRole).
 * The exceptions are actions the build's manifest names (lib/auth/read-only-actions.ts): one of
 * READ_ONLY_ACTIONS reads only, so it needs what a GET of that page needs; one of
 * OWN_ACCOUNT_ACTIONS changes the caller's own tokens or preferences, as /api/tokens and
 * /api/account let a viewer do, so it needs the same and, like /api/tokens, a session.
 */
export type TAccessDecision =
  { kind: "allow" } | { kind: "redirect"; location: string } | { kind: "deny"; status: 400 | 401 | 403; error: string };

export interface TAccessRequest {
  method: string;
  /** URL pathname as received (still percent-encoded). */
  pathname: string;
  search?: string;
  actor: Pick<TActor, "role" | "via"> | null;
  /** Credentials were sent but are invalid (bad token, expired session). */
  authFailure?: string;
  /** Origin header, and the host(s) this server answers as (Host, X-Forwarded-Host). */
  origin: string | null;
  hosts: string[];
  /** Next-Action header present (a server action). */
  isServerAction: boolean;
  /** The server action is one of READ_ONLY_ACTIONS (looked up by its id; unknown ids are not). */
  isReadOnlyAction?: boolean;
  /** The server action is one of OWN_ACCOUNT_ACTIONS (looked up by its id; unknown ids are not). */
  isOwnAccountAction?: boolean;
}

const READ_METHODS = new Set(["GET", "HEAD"]);

type TRule = {
  match: (path: string) => boolean;
  anonymous: "read" | "all" | false;
  minimum: TRole;
  minimumToMutate: TRole;
  /** Only a signed-in session, never a bearer token, whatever its role. */
  sessionOnly?: boolean;
};

const under = (prefix: string) => (path: string) => path === prefix || path.startsWith(`${prefix}/`);
const exactly =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const STATIC_FILE = /^\/(favicon\.ico|robots\.txt|manifest\.webmanifest|(apple-)?icon[\w.-]*\.(png|svg|ico|jpg))$/;

/** First match wins. Paths are decoded and lower-cased before matching. */
const RULES: TRule[] = [
  {
    match: (p) => p.startsWith("/_next/static/") || p.startsWith("/_next/image") || STATIC_FILE.test(p),
    anonymous: "read",
    minimum: "viewer",
    minimumToMutate: "admin",
  },
  { match: exactly("/sign-in", "/setup"), anonymous: "read", minimum: "viewer", minimumToMutate: "tester" },
  { match: under("/share"), anonymous: "read", minimum: "viewer", minimumToMutate: "tester" },
  { match: exactly("/api/health"), anonymous: "read", minimum: "viewer", minimumToMutate: "admin" },
  { match: under("/api/auth"), anonymous: "all", minimum: "viewer", minimumToMutate: "viewer" },
  { match: exactly("/api/setup"), anonymous: "all", minimum: "viewer", minimumToMutate: "viewer" },
  { match: under("/admin"), anonymous: false, minimum: "admin", minimumToMutate: "admin" },
  { match: under("/api/admin"), anonymous: false, minimum: "admin", minimumToMutate: "admin" },
  { match: under("/api/tokens"), anonymous: false, minimum: "viewer", minimumToMutate: "viewer", sessionOnly: true },
  // The caller's own preferences (display time zone): every signed-in user, a viewer included.
  { match: under("/api/account"), anonymous: false, minimum: "viewer", minimumToMutate: "viewer" },
];
const DEFAULT_RULE: TRule = { match: () => true, anonymous: false, minimum: "viewer", minimumToMutate: "tester" };

/** Decodes %xx, collapses `//`, resolves `.`/`..`, lower-cases. null when it cannot be decoded. */
export function normalizePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const out: string[] = [];
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return `/${out.join("/")}`.toLowerCase();
}

/** A `next` target is only ever a local path (no open redirect). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

export function decideAccess(request: TAccessRequest): TAccessDecision {
  const method = request.method.toUpperCase();
  const path = normalizePath(request.pathname);
  if (path === null) return { kind: "deny", status: 400, error: "Malformed request path." };
  const api = isApiPath(path);
  const isRead = READ_METHODS.has(method) && !request.isServerAction;
  const isReadOnlyAction = request.isServerAction && request.isReadOnlyAction === true;
  const isOwnAccountAction = request.isServerAction && request.isOwnAccountAction === true;
  const rule = RULES.find((r) => r.match(path)) ?? DEFAULT_RULE;

  if (!request.isServerAction && (rule.anonymous === "all" || (rule.anonymous === "read" && isRead))) return { kind: "allow" };

  const actor = request.actor;
  if (!actor) {
    if (!api && isRead) {
      const next = `${request.pathname}${request.search ?? ""}`;
      return { kind: "redirect", location: `/sign-in?next=${encodeURIComponent(next)}` };
    }
    return {
      kind: "deny",
      status: 401,
      error: request.authFailure ?? "Sign in, or send `Authorization: Bearer <API token>`.",
    };
  }

  // CSRF: a cookie-authenticated mutation must come from our own origin. Bearer tokens are not
  // sent by browsers on their own, so they are exempt.
  if (!isRead && actor.via === "session" && !isSameOrigin(request.origin, request.hosts)) {
    return { kind: "deny", status: 403, error: "Cross-origin request refused (the Origin header does not match this site)." };
  }

  if ((rule.sessionOnly || isOwnAccountAction) && actor.via !== "session") {
    return { kind: "deny", status: 403, error: "API tokens are managed only when signed in (Account page), never with an API token." };
  }

  let minimum = isRead ? rule.minimum : rule.minimumToMutate;
  if (isReadOnlyAction || isOwnAccountAction) {
    // As a GET of the page it is posted to would (the CSRF and session checks above still applied).
    minimum = rule.minimum;
  } else {
    // Page mutations are server actions (or could be): never below tester, whatever the page.
    if (!isRead && !api && !hasRole(minimum, "tester")) minimum = "tester";
    if (request.isServerAction && !hasRole(minimum, "tester")) minimum = "tester";
  }
  if (!hasRole(actor.role, minimum)) {
    return { kind: "deny", status: 403, error: forbiddenMessage(actor.role, minimum) };
  }
  return { kind: "allow" };
}

function forbiddenMessage(role: TRole, minimum: TRole): string {
  if (minimum === "admin") return `This needs the admin role; you are ${role}.`;
  return `This needs the ${minimum} role or higher; you are ${role} (read only).`;
}

export function isSameOrigin(origin: string | null, hosts: string[]): boolean {
  if (!origin || origin === "null") return false;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => h.toLowerCase() === host);
}
