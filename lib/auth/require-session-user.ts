import { AppError, AppErrorCode } from "@/lib/errors";
import { requireActor } from "./get-actor";
import type { TActor } from "./actor";

/**
 * The signed-in user of a session, for token management: an API token (or the bootstrap token) may
 * not list, create or revoke tokens, or a leaked one could mint a successor that outlives its
 * revocation. The proxy refuses these already (access-policy.ts); this is the handler's own check.
 */
export async function requireSessionUser(): Promise<TActor & { id: string }> {
  const actor = await requireActor();
  if (actor.via !== "session" || !actor.id) {
    throw new AppError(AppErrorCode.FORBIDDEN, "API tokens are managed only when signed in (Account page), never with an API token.");
  }
  return { ...actor, id: actor.id };
}
