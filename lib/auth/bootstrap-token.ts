import type { TActor } from "./actor";
import { safeEqual } from "./token-hash";
import { getEnv } from "@/lib/env";

/** Shorter bootstrap tokens are ignored (with a warning): they could be guessed. */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 32;

export const BOOTSTRAP_ACTOR: TActor = { id: null, role: "admin", name: "bootstrap token", via: "bootstrap" };

let warned = false;

/**
 * MUSTERPOINT_BOOTSTRAP_TOKEN (env) is an admin API token for headless set-up and CI: create users
 * and tokens before anyone has signed in. It has no User row, so "started by" stays empty and the
 * audit log names it "bootstrap token". Unset it once real tokens exist.
 */
export function isBootstrapToken(token: string, configured = getEnv().MUSTERPOINT_BOOTSTRAP_TOKEN): boolean {
  if (!configured) return false;
  if (configured.length < MIN_BOOTSTRAP_TOKEN_LENGTH) {
    if (!warned) console.warn(`[auth] MUSTERPOINT_BOOTSTRAP_TOKEN is ignored: use at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters`);
    warned = true;
    return false;
  }
  return safeEqual(token, configured);
}
