import type { TActor } from "./actor";

/**
 * getActor() for lib code that may also run outside Next (worker, scripts, Vitest): next/headers is
 * imported lazily, and outside a request the answer is null.
 */
export async function currentActor(): Promise<TActor | null> {
  try {
    return await (await import("./get-actor")).getActor();
  } catch {
    return null;
  }
}
