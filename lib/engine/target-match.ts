/**
 * Matching targets against allow-lists: CIDRs, host names with `*.` wildcards, IPv4-mapped
 * addresses. Pure (node:net only), shared by the dashboard's allow-list (lib/security) and the
 * CLI's `--allow`, so both read a CIDR or a host pattern the same way.
 */
import { BlockList, isIP } from "node:net";

/** A host name, or `*.example.com` for its sub-domains. */
export const HOST_PATTERN = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export interface TCidr {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** "10.0.0.0/8" → parts; a bare address is a /32 (/128). null when malformed. */
export function parseCidr(value: string): TCidr | null {
  const [address = "", prefixText, extra] = value.split("/");
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** ::ffff:10.1.2.3 is 10.1.2.3 (IPv4-mapped IPv6 must not slip past IPv4 ranges). */
export function normalizeAddress(address: string): string {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  return mapped?.[1] ?? a;
}

/** One BlockList for several CIDRs (checked in O(ranges) by node). */
export function subnetsOf(cidrs: TCidr[]): (address: string) => boolean {
  const blocks = new BlockList();
  for (const c of cidrs) blocks.addSubnet(c.address, c.prefix, c.family);
  return (address) => {
    const a = normalizeAddress(address);
    const version = isIP(a);
    return version !== 0 && blocks.check(a, version === 4 ? "ipv4" : "ipv6");
  };
}

/** Does `host` (a name; a trailing dot ignored) match `pattern` (exact, or `*.example.com` for sub-domains)? */
export function hostMatches(pattern: string, host: string): boolean {
  const h = normalizeAddress(host).replace(/\.$/, "");
  return pattern.startsWith("*.") ? h.endsWith(pattern.slice(1)) && h.length > pattern.length - 1 : h === pattern;
}
