import { configuredOrigin } from "@/lib/auth/public-origin";
import { getEnv } from "@/lib/env";

/**
 * The origin links in notifications point at. The worker has no request to read a Host from, so:
 * the configured public URL (BETTER_AUTH_URL, as share links use), else this machine's port.
 */
export function appOrigin(): string {
  return configuredOrigin() ?? `http://localhost:${getEnv().PORT}`;
}
