import { AppError, AppErrorCode } from "@/lib/errors";
import type { TActor } from "./actor";
import { getActor } from "./get-actor";
import { hasRole, type TRole } from "./roles";

/**
 * Defence in depth for admin work: proxy.ts already refused the request, but a server action's id
 * is not bound to a path, so admin actions (and admin routes) check again here.
 */
export async function requireRole(minimum: TRole): Promise<TActor> {
  const actor = await getActor();
  if (!actor) throw new AppError(AppErrorCode.UNAUTHORIZED, "Sign in first.");
  if (!hasRole(actor.role, minimum)) throw new AppError(AppErrorCode.FORBIDDEN, `This needs the ${minimum} role; you are ${actor.role}.`);
  return actor;
}
