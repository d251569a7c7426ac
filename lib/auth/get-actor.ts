import { headers } from "next/headers";
import { AppError, AppErrorCode } from "@/lib/errors";
import { actorFromHeaders, type TActor } from "./actor";

/**
 * The signed-in user of the current request (server components, server actions, route handlers),
 * from the headers proxy.ts set after authenticating it. null outside a request (worker, scripts,
 * tests) or on public routes.
 */
export async function getActor(): Promise<TActor | null> {
  try {
    return actorFromHeaders(await headers());
  } catch {
    return null; // called outside a request scope
  }
}

/** getActor() or AppError(UNAUTHORIZED). */
export async function requireActor(): Promise<TActor> {
  const actor = await getActor();
  if (!actor) throw new AppError(AppErrorCode.UNAUTHORIZED, "Sign in first.");
  return actor;
}
