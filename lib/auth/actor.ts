import { isRole, type TRole } from "./roles";

/**
 * Who is making the request, as the proxy established it. `id` is null for the bootstrap token
 * (MUSTERPOINT_BOOTSTRAP_TOKEN), which acts as an admin without a User row.
 */
export interface TActor {
  id: string | null;
  role: TRole;
  name: string;
  via: "session" | "token" | "bootstrap";
}

/**
 * Request headers the proxy sets for handlers. INVARIANT: proxy.ts deletes every incoming header
 * starting with ACTOR_HEADER_PREFIX before it sets these, so a client can never forge them.
 */
export const ACTOR_HEADER_PREFIX = "x-musterpoint-";
export const ACTOR_HEADERS = {
  id: "x-musterpoint-user-id",
  role: "x-musterpoint-user-role",
  name: "x-musterpoint-user-name",
  via: "x-musterpoint-auth-via",
} as const;

/** Header values must be ASCII; names may be 张伟. */
export function actorToHeaders(actor: TActor): Record<string, string> {
  return {
    [ACTOR_HEADERS.id]: actor.id ?? "",
    [ACTOR_HEADERS.role]: actor.role,
    [ACTOR_HEADERS.name]: encodeURIComponent(actor.name),
    [ACTOR_HEADERS.via]: actor.via,
  };
}

export function actorFromHeaders(headers: { get(name: string): string | null }): TActor | null {
  const role = headers.get(ACTOR_HEADERS.role);
  if (!isRole(role)) return null;
  const via = headers.get(ACTOR_HEADERS.via);
  let name = headers.get(ACTOR_HEADERS.name) ?? "";
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw value
  }
  return {
    id: headers.get(ACTOR_HEADERS.id) || null,
    role,
    name,
    via: via === "token" || via === "bootstrap" ? via : "session",
  };
}
