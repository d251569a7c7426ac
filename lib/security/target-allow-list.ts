import { BlockList, isIP } from "node:net";
import { z } from "zod";
import type { TAllowTarget, TTargetVerdict } from "../engine/http";
import { HOST_PATTERN, hostMatches, normalizeAddress, parseCidr } from "../engine/target-match";

// The pure matching lives in lib/engine (the CLI's --allow reads CIDRs and host patterns the same way).
export { normalizeAddress, parseCidr };

/**
 * Which hosts a load test may aim at (admin setting, Setting key `targetAllowList`).
 *
 * A target is allowed when ALL of these hold:
 * - its resolved address lies in one of `cidrs` (checked after DNS resolution, before connecting —
 *   so a name that is allowed but resolves elsewhere, the DNS-rebinding trick, is refused);
 * - its host is an IP literal, or matches one of `hosts` (exact, or `*.example.com` for sub-domains);
 * - its port is in `ports`, or `ports` is empty (any port).
 * Default: loopback only (localhost, 127.0.0.0/8, ::1).
 */
export const TARGET_ALLOW_LIST_SETTING = "targetAllowList";
export const ALLOW_LIST_ADMIN_PATH = "/admin/settings";

const ZHostPattern = z
  .string()
  .trim()
  .toLowerCase()
  .refine((h) => HOST_PATTERN.test(h), {
    error: "A host is a name such as api.staging.example.com, or *.example.com for its sub-domains.",
  });

const ZCidr = z
  .string()
  .trim()
  .toLowerCase()
  .refine((c) => parseCidr(c) !== null, {
    error: "A CIDR is an address with a prefix length, such as 10.0.0.0/8 or fd00::/8 (a bare address means just that address).",
  });

export const ZTargetAllowList = z.object({
  hosts: z.array(ZHostPattern).max(200, { error: "At most 200 hosts." }).default([]),
  cidrs: z.array(ZCidr).max(200, { error: "At most 200 CIDRs." }).default([]),
  ports: z
    .array(
      z.number({ error: "A port is a number." }).int().min(1, { error: "Ports are 1–65535." }).max(65535, { error: "Ports are 1–65535." }),
    )
    .max(100, { error: "At most 100 ports." })
    .default([]),
});
export type TTargetAllowList = z.infer<typeof ZTargetAllowList>;

export const DEFAULT_TARGET_ALLOW_LIST: TTargetAllowList = { hosts: ["localhost"], cidrs: ["127.0.0.0/8", "::1/128"], ports: [] };

function blockListOf(list: TTargetAllowList): BlockList {
  const blocks = new BlockList();
  for (const c of list.cidrs) {
    const cidr = parseCidr(c);
    if (cidr) blocks.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return blocks;
}

export function isAddressAllowed(address: string, list: TTargetAllowList): boolean {
  const a = normalizeAddress(address);
  const version = isIP(a);
  if (version === 0) return false;
  return blockListOf(list).check(a, version === 4 ? "ipv4" : "ipv6");
}

export function isHostAllowed(host: string, list: TTargetAllowList): boolean {
  const h = normalizeAddress(host).replace(/\.$/, "");
  if (isIP(h) !== 0) return true; // an IP literal is judged by its address alone
  return list.hosts.some((pattern) => hostMatches(pattern, h));
}

export function isPortAllowed(port: number | undefined, list: TTargetAllowList): boolean {
  return port === undefined || list.ports.length === 0 || list.ports.includes(port);
}

/**
 * The check the engine runs after DNS resolution and before connecting (its allowTarget hook),
 * and the API runs on literal targets. `port` undefined = not known here (checked at save time).
 */
export function isTargetAllowed(host: string, resolvedAddress: string, port: number | undefined, list: TTargetAllowList): boolean {
  return isHostAllowed(host, list) && isAddressAllowed(resolvedAddress, list) && isPortAllowed(port, list);
}

/**
 * The engine's `allowTarget` hook for one list. A name that is not in Hosts is refused before any
 * DNS lookup (the list requires both the name and the address, so no address could save it); an
 * allowed name is looked up and its address and port checked. Every refusal is `refusalMessage`.
 */
export function allowTargetFor(list: TTargetAllowList): TAllowTarget {
  const blocks = blockListOf(list);
  const hook = (host: string, resolvedAddress: string, port?: number): TTargetVerdict => {
    const a = normalizeAddress(resolvedAddress);
    const version = isIP(a);
    const ok = version !== 0 && blocks.check(a, version === 4 ? "ipv4" : "ipv6") && isHostAllowed(host, list) && isPortAllowed(port, list);
    return ok || refusalMessage(host, port, resolvedAddress, list);
  };
  return Object.assign(hook, {
    beforeLookup: (host: string, port: number): TTargetVerdict =>
      (isHostAllowed(host, list) && isPortAllowed(port, list)) || refusalMessage(host, port, undefined, list),
  });
}

/** One sentence naming the host and what an admin must add. */
export function refusalMessage(host: string, port: number | undefined, address: string | undefined, list: TTargetAllowList): string {
  const where = `${host}${port ? `:${port}` : ""}${address && address !== host ? ` (${address})` : ""}`;
  const missing: string[] = [];
  if (!isHostAllowed(host, list)) missing.push(`the host "${host}" to Hosts`);
  if (address !== undefined && !isAddressAllowed(address, list))
    missing.push(`an address range containing ${normalizeAddress(address)} to CIDRs`);
  if (address === undefined && isIP(normalizeAddress(host)) !== 0 && !isAddressAllowed(host, list))
    missing.push(`an address range containing ${normalizeAddress(host)} to CIDRs`);
  if (!isPortAllowed(port, list)) missing.push(`port ${port} to Ports`);
  const how = missing.length ? `an admin can add ${missing.join(", ")}` : "an admin can extend it";
  return `Target ${where} is not on the target allow-list; ${how} under Admin → Settings (${ALLOW_LIST_ADMIN_PATH}).`;
}
