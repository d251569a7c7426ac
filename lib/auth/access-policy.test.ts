import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideAccess, normalizePath, safeNextPath, type TAccessRequest } from "./access-policy";
import type { TRole } from "./roles";

type TMin = TRole | "anyone";
interface TRoute {
  path: string;
  page: boolean;
  read: TMin;
  mutate: TMin;
}

// The access table, written out by hand (the spec), one representative path per kind of route.
const ROUTES: TRoute[] = [
  { path: "/sign-in", page: true, read: "anyone", mutate: "tester" },
  { path: "/setup", page: true, read: "anyone", mutate: "tester" },
  { path: "/share/abcDEF123_-", page: true, read: "anyone", mutate: "tester" },
  { path: "/share/abc/export.md", page: true, read: "anyone", mutate: "tester" },
  { path: "/_next/static/chunks/app.js", page: true, read: "anyone", mutate: "admin" },
  { path: "/favicon.ico", page: true, read: "anyone", mutate: "admin" },
  { path: "/icon.svg", page: true, read: "anyone", mutate: "admin" },
  { path: "/apple-icon.png", page: true, read: "anyone", mutate: "admin" },
  { path: "/icon-192.png", page: true, read: "anyone", mutate: "admin" },
  { path: "/manifest.webmanifest", page: true, read: "anyone", mutate: "admin" },
  { path: "/robots.txt", page: true, read: "anyone", mutate: "admin" },
  { path: "/manifest.json", page: true, read: "viewer", mutate: "tester" },
  { path: "/api/health", page: false, read: "anyone", mutate: "admin" },
  { path: "/api/auth/sign-in/email", page: false, read: "anyone", mutate: "anyone" },
  { path: "/api/auth/get-session", page: false, read: "anyone", mutate: "anyone" },
  { path: "/api/setup", page: false, read: "anyone", mutate: "anyone" },
  { path: "/", page: true, read: "viewer", mutate: "tester" },
  { path: "/modules", page: true, read: "viewer", mutate: "tester" },
  { path: "/modules/m1", page: true, read: "viewer", mutate: "tester" },
  { path: "/scenarios/s1", page: true, read: "viewer", mutate: "tester" },
  { path: "/runs/r1", page: true, read: "viewer", mutate: "tester" },
  { path: "/reports", page: true, read: "viewer", mutate: "tester" },
  { path: "/account", page: true, read: "viewer", mutate: "tester" },
  { path: "/admin", page: true, read: "admin", mutate: "admin" },
  { path: "/admin/users", page: true, read: "admin", mutate: "admin" },
  { path: "/admin/settings", page: true, read: "admin", mutate: "admin" },
  { path: "/admin/audit", page: true, read: "admin", mutate: "admin" },
  { path: "/api/modules", page: false, read: "viewer", mutate: "tester" },
  { path: "/api/modules/m1", page: false, read: "viewer", mutate: "tester" },
  { path: "/api/scenarios", page: false, read: "viewer", mutate: "tester" },
  { path: "/api/runs/r1/cancel", page: false, read: "viewer", mutate: "tester" },
  { path: "/api/imports", page: false, read: "viewer", mutate: "tester" },
  { path: "/api/tokens", page: false, read: "viewer", mutate: "viewer" },
  { path: "/api/tokens/t1", page: false, read: "viewer", mutate: "viewer" },
  { path: "/api/account/time-zone", page: false, read: "viewer", mutate: "viewer" },
  { path: "/api/admin/users", page: false, read: "admin", mutate: "admin" },
  { path: "/api/admin/settings/target-allow-list", page: false, read: "admin", mutate: "admin" },
  { path: "/api/shares/l1", page: false, read: "viewer", mutate: "tester" },
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ACTORS: (TRole | null)[] = [null, "viewer", "tester", "admin"];
const RANK = { anyone: -1, viewer: 0, tester: 1, admin: 2 } as const;

function request(path: string, method: string, role: TRole | null, extra: Partial<TAccessRequest> = {}): TAccessRequest {
  return {
    method,
    pathname: path,
    search: "",
    actor: role ? { role, via: "session" } : null,
    origin: "http://localhost:3000",
    hosts: ["localhost:3000"],
    isServerAction: false,
    ...extra,
  };
}

describe("decideAccess: route × role × method", () => {
  for (const route of ROUTES) {
    for (const method of METHODS) {
      for (const role of ACTORS) {
        for (const isServerAction of route.page && method === "POST" ? [false, true] : [false]) {
          const isRead = (method === "GET" || method === "HEAD") && !isServerAction;
          let minimum: TMin = isRead ? route.read : route.mutate;
          if (isServerAction && RANK[minimum] < RANK.tester) minimum = "tester";
          const name = `${method} ${route.path}${isServerAction ? " (server action)" : ""} as ${role ?? "anonymous"}`;
          it(name, () => {
            const decision = decideAccess(request(route.path, method, role, { isServerAction }));
            if (minimum === "anyone" || (role && RANK[role] >= RANK[minimum])) {
              expect(decision).toEqual({ kind: "allow" });
            } else if (!role) {
              if (route.page && isRead)
                expect(decision).toEqual({ kind: "redirect", location: `/sign-in?next=${encodeURIComponent(route.path)}` });
              else expect(decision).toMatchObject({ kind: "deny", status: 401 });
            } else {
              expect(decision).toMatchObject({ kind: "deny", status: 403 });
            }
          });
        }
      }
    }
  }
});

describe("decideAccess: CSRF on cookie-authenticated mutations", () => {
  it("refuses a session POST from another origin, or without Origin", () => {
    expect(decideAccess(request("/api/modules", "POST", "admin", { origin: "https://evil.example" }))).toMatchObject({
      kind: "deny",
      status: 403,
    });
    expect(decideAccess(request("/api/modules", "DELETE", "admin", { origin: null }))).toMatchObject({ kind: "deny", status: 403 });
    expect(decideAccess(request("/api/modules", "POST", "admin", { origin: "null" }))).toMatchObject({ kind: "deny", status: 403 });
    expect(decideAccess(request("/modules", "POST", "tester", { origin: "http://localhost:3001", isServerAction: true }))).toMatchObject({
      kind: "deny",
      status: 403,
    });
  });

  it("accepts the same origin, also as the forwarded host", () => {
    expect(decideAccess(request("/api/modules", "POST", "tester"))).toEqual({ kind: "allow" });
    expect(
      decideAccess(
        request("/api/modules", "POST", "tester", { origin: "https://mp.example.com", hosts: ["10.0.0.2:3000", "mp.example.com"] }),
      ),
    ).toEqual({ kind: "allow" });
  });

  it("exempts bearer tokens (browsers never send them by themselves) and reads", () => {
    expect(decideAccess(request("/api/modules", "POST", null, { actor: { role: "tester", via: "token" }, origin: null }))).toEqual({
      kind: "allow",
    });
    expect(
      decideAccess(request("/api/modules", "POST", null, { actor: { role: "admin", via: "bootstrap" }, origin: "https://evil.example" })),
    ).toEqual({ kind: "allow" });
    expect(decideAccess(request("/api/modules", "GET", "viewer", { origin: "https://evil.example" }))).toEqual({ kind: "allow" });
  });
});

describe("decideAccess: paths that try to sneak past the table", () => {
  it.each([
    ["/api/%61dmin/users", "tester"],
    ["/API/ADMIN/users", "tester"],
    ["//admin//users", "tester"],
    ["/share/../admin/users", "viewer"],
    ["/api/auth/../admin/users", "viewer"],
    ["/admin/./users", "tester"],
    ["/admin%2Fusers", "tester"],
  ] as const)("%s is admin-only (as %s → 403)", (path, role) => {
    expect(decideAccess(request(path, "GET", role))).toMatchObject({ kind: "deny", status: 403 });
    expect(decideAccess(request(path, "GET", "admin"))).toEqual({ kind: "allow" });
  });

  it("refuses undecodable paths", () => {
    expect(decideAccess(request("/modules/%E0%A4%A", "GET", "admin"))).toMatchObject({ kind: "deny", status: 400 });
    expect(decideAccess(request("/modules/%00", "GET", "admin"))).toMatchObject({ kind: "deny", status: 400 });
  });

  it("a server action posted to a public or viewer page still needs tester", () => {
    expect(decideAccess(request("/sign-in", "POST", null, { isServerAction: true }))).toMatchObject({ kind: "deny", status: 401 });
    expect(decideAccess(request("/share/x", "POST", null, { isServerAction: true }))).toMatchObject({ kind: "deny", status: 401 });
    expect(decideAccess(request("/account", "POST", "viewer", { isServerAction: true }))).toMatchObject({ kind: "deny", status: 403 });
    expect(decideAccess(request("/api/auth/sign-out", "POST", "viewer", { isServerAction: true }))).toMatchObject({
      kind: "deny",
      status: 403,
    });
  });

  it("a bad token is reported as such", () => {
    expect(decideAccess(request("/api/modules", "GET", null, { authFailure: "Invalid or revoked API token." }))).toEqual({
      kind: "deny",
      status: 401,
      error: "Invalid or revoked API token.",
    });
  });

  it("keeps the query in the sign-in redirect", () => {
    expect(decideAccess(request("/runs", "GET", null, { search: "?status=running" }))).toEqual({
      kind: "redirect",
      location: `/sign-in?next=${encodeURIComponent("/runs?status=running")}`,
    });
  });
});

describe("decideAccess: API tokens are managed from a session only", () => {
  it.each(["GET", "POST", "DELETE"])("%s /api/tokens… with an API token or the bootstrap token → 403", (method) => {
    for (const path of ["/api/tokens", "/api/tokens/t1", "/api/tokens/"]) {
      for (const actor of [
        { role: "admin", via: "token" },
        { role: "viewer", via: "token" },
        { role: "admin", via: "bootstrap" },
      ] as const) {
        expect(decideAccess(request(path, method, null, { actor, origin: null }))).toMatchObject({ kind: "deny", status: 403 });
      }
      expect(decideAccess(request(path, method, "viewer"))).toEqual({ kind: "allow" });
    }
  });

  it("other routes still take a token", () => {
    expect(decideAccess(request("/api/modules", "GET", null, { actor: { role: "viewer", via: "token" } }))).toEqual({ kind: "allow" });
  });
});

describe("decideAccess: read-only server actions", () => {
  const readOnly = { isServerAction: true, isReadOnlyAction: true };

  it("a viewer may call one on any page they may read", () => {
    for (const path of ["/", "/reports/r1", "/problems", "/runs/r1", "/account"]) {
      expect(decideAccess(request(path, "POST", "viewer", readOnly))).toEqual({ kind: "allow" });
      // An action not known to be read-only still needs tester, on the same page.
      expect(decideAccess(request(path, "POST", "viewer", { isServerAction: true }))).toMatchObject({ kind: "deny", status: 403 });
    }
  });

  it("it still needs a signed-in user, the page's read role and the same origin", () => {
    expect(decideAccess(request("/sign-in", "POST", null, readOnly))).toMatchObject({ kind: "deny", status: 401 });
    expect(decideAccess(request("/share/x", "POST", null, readOnly))).toMatchObject({ kind: "deny", status: 401 });
    expect(decideAccess(request("/admin/users", "POST", "viewer", readOnly))).toMatchObject({ kind: "deny", status: 403 });
    expect(decideAccess(request("/admin/users", "POST", "admin", readOnly))).toEqual({ kind: "allow" });
    expect(decideAccess(request("/reports/r1", "POST", "viewer", { ...readOnly, origin: "https://evil.example" }))).toMatchObject({
      kind: "deny",
      status: 403,
    });
  });

  it("the flag means nothing without a server action", () => {
    expect(decideAccess(request("/reports/r1", "POST", "viewer", { isReadOnlyAction: true }))).toMatchObject({ kind: "deny", status: 403 });
  });
});

describe("decideAccess: own-account server actions (the caller's tokens and time zone)", () => {
  const ownAccount = { isServerAction: true, isOwnAccountAction: true };

  it("a viewer's session may call one on a page they may read", () => {
    for (const role of ["viewer", "tester", "admin"] as const) {
      expect(decideAccess(request("/account", "POST", role, ownAccount))).toEqual({ kind: "allow" });
    }
    // Not on the admin pages below admin: the page's read role still applies.
    expect(decideAccess(request("/admin/users", "POST", "viewer", ownAccount))).toMatchObject({ kind: "deny", status: 403 });
  });

  it("never with an API token or the bootstrap token, as /api/tokens", () => {
    for (const actor of [
      { role: "admin", via: "token" },
      { role: "viewer", via: "token" },
      { role: "admin", via: "bootstrap" },
    ] as const) {
      expect(decideAccess(request("/account", "POST", null, { ...ownAccount, actor, origin: null }))).toMatchObject({
        kind: "deny",
        status: 403,
        error: expect.stringMatching(/never with an API token/),
      });
    }
  });

  it("still needs a signed-in user and the same origin; the flag means nothing without a server action", () => {
    expect(decideAccess(request("/account", "POST", null, ownAccount))).toMatchObject({ kind: "deny", status: 401 });
    expect(decideAccess(request("/account", "POST", "viewer", { ...ownAccount, origin: "https://evil.example" }))).toMatchObject({
      kind: "deny",
      status: 403,
    });
    expect(decideAccess(request("/account", "POST", "viewer", { isOwnAccountAction: true }))).toMatchObject({ kind: "deny", status: 403 });
  });
});

describe("decideAccess: properties (fast-check)", () => {
  const OPEN_TO_ANYONE = /^\/api\/(auth(\/|$)|setup$)/;
  const OPEN_TO_VIEWER = /^\/api\/tokens(\/|$)/;
  const arbPath = fc.oneof(
    fc.webPath(),
    fc
      .array(fc.constantFrom("api", "admin", "auth", "share", "..", ".", "", "%2e%2e", "%2F", "tokens", "setup", "sign-in", "ADMIN", "x"), {
        maxLength: 6,
      })
      .map((s) => `/${s.join("/")}`),
    fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => `/${s}`),
  );
  const arbMethod = fc.constantFrom(...METHODS, "TRACE", "PROPFIND", "get", "post");

  it("never throws, and never lets anonymous or viewer mutate outside their few routes", () => {
    fc.assert(
      fc.property(arbPath, arbMethod, fc.constantFrom<TRole | null>(null, "viewer"), fc.boolean(), (path, method, role, isServerAction) => {
        const decision = decideAccess(request(path, method, role, { isServerAction }));
        const isRead = ["GET", "HEAD"].includes(method.toUpperCase()) && !isServerAction;
        if (isRead || decision.kind !== "allow") return;
        const normalized = normalizePath(path)!;
        if (role === null) expect(normalized).toMatch(OPEN_TO_ANYONE);
        else expect(normalized).toMatch(new RegExp(`${OPEN_TO_ANYONE.source}|${OPEN_TO_VIEWER.source}`));
        expect(isServerAction).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("only admins reach anything under /admin or /api/admin", () => {
    fc.assert(
      fc.property(arbPath, arbMethod, fc.constantFrom<TRole | null>(null, "viewer", "tester"), (path, method, role) => {
        const normalized = normalizePath(path);
        if (!normalized || !/^\/(api\/)?admin(\/|$)/.test(normalized)) return;
        expect(decideAccess(request(path, method, role)).kind).not.toBe("allow");
      }),
      { numRuns: 3000 },
    );
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/runs?x=1", "/runs?x=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => expect(safeNextPath(input)).toBe(expected));
});
