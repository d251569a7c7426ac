import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Secrets handed out once (API tokens `mp_…`, share links, the set-up link) are 32 random bytes,
 * base64url; only their sha256 is stored. sha256 (not a slow KDF) is right here: the input has
 * 256 bits of entropy, so there is nothing to brute-force, and lookups stay one indexed query.
 */
export function generateSecretToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of two strings (by their sha256, so lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}
