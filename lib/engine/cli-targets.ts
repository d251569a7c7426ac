/**
 * Where the CLI may send load: loopback always; anything else only when named with
 * `--allow <host|CIDR>[:port]` or MUSTERPOINT_ALLOW_TARGETS (comma-separated, same syntax).
 *
 * A host entry (`staging.example.com`, `*.example.com`) allows that name whatever it resolves to
 * — the operator named it; a CIDR or address entry (`10.0.0.0/8`, `10.1.2.3`, `[fd00::/8]:443`)
 * allows any host resolving into it. With a port, the entry allows that port only. Checked twice:
 * before the run on every URL the scenarios name (`checkTargets`), and on every connection
 * (`cliAllowTarget`, runLoad's hook), which also covers templated paths and redirects.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { compileRuntime, resolveBaseUrl } from "./compile-scenario";
import { allowLoopbackOnly, type TAllowTarget } from "./http";
import { applyOverrides, type TRunOverrides, type TScenario, walkSteps } from "./scenario";
import { HOST_PATTERN, hostMatches, normalizeAddress, parseCidr, subnetsOf } from "./target-match";
import { compileTemplate, render, type TVars } from "./template";

export const ALLOW_HINT = "allow it with --allow <host|CIDR>[:port] or MUSTERPOINT_ALLOW_TARGETS";

/** One `--allow` entry. */
export type TAllowEntry = { kind: "host"; pattern: string; port?: number } | { kind: "cidr"; cidr: string; port?: number };

function parsePort(text: string, entry: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw new Error(`--allow ${entry}: the port must be 1–65535`);
  return port;
}

/** Parse `host`, `*.host`, `address`, `CIDR`, each optionally `:port` (IPv6 in brackets when a port follows). */
export function parseAllowEntry(text: string): TAllowEntry {
  const entry = text.trim();
  let target = entry;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    target = bracketed[1]!;
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], entry);
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    const at = entry.lastIndexOf(":");
    target = entry.slice(0, at);
    port = parsePort(entry.slice(at + 1), entry);
  }
  target = target.toLowerCase();
  const withPort = <T extends TAllowEntry>(e: T): T => (port === undefined ? e : { ...e, port });
  if (target.includes("/") || isIP(target)) {
    if (!parseCidr(target)) throw new Error(`--allow ${entry}: not a CIDR such as 10.0.0.0/8 or fd00::/8`);
    return withPort({ kind: "cidr", cidr: target });
  }
  if (!HOST_PATTERN.test(target))
    throw new Error(`--allow ${entry}: expected a host (api.example.com, *.example.com), an address or a CIDR, optionally with :port`);
  return withPort({ kind: "host", pattern: target });
}

/** Entries from the flags and the environment variable (comma-separated); throws on a bad one. */
export function parseAllowTargets(flags: string[], fromEnv: string | undefined): TAllowEntry[] {
  const texts = [...flags, ...(fromEnv ?? "").split(",")].map((t) => t.trim()).filter(Boolean);
  return texts.map(parseAllowEntry);
}

/** runLoad's allowTarget for the CLI: loopback, or any entry matching host / address and port; a refusal names the flag. */
export function cliAllowTarget(entries: TAllowEntry[]): TAllowTarget {
  const byPort = (port: number | undefined, e: TAllowEntry) => e.port === undefined || e.port === port;
  const hosts = entries.filter((e): e is Extract<TAllowEntry, { kind: "host" }> => e.kind === "host");
  const cidrs = entries
    .filter((e): e is Extract<TAllowEntry, { kind: "cidr" }> => e.kind === "cidr")
    .map((e) => ({ port: e.port, inside: subnetsOf([parseCidr(e.cidr)!]) }));
  // No beforeLookup: any name may resolve to loopback (always allowed), so every name is looked up.
  return (host, address, port) => {
    if (allowLoopbackOnly(host, normalizeAddress(address))) return true;
    if (hosts.some((e) => byPort(port, e) && hostMatches(e.pattern, host))) return true;
    if (cidrs.some((c) => (c.port === undefined || c.port === port) && c.inside(address))) return true;
    return refusalMessage(host, port ?? 0, address);
  };
}

/** `target host:port (address) is not allowed: …` naming the flag. */
export function refusalMessage(host: string, port: number, address: string | undefined): string {
  return `target ${host}:${port} (${address ?? "not resolved"}) is not allowed: the CLI sends load to loopback only; ${ALLOW_HINT}`;
}

/** The URLs a scenario names before the run: its base URL and every absolute request path that renders to one. */
function targetUrls(s: TScenario, params: Record<string, string>, env: Record<string, string | undefined>): URL[] {
  const urls = [new URL(resolveBaseUrl(s, params, env))];
  const vars: TVars = new Map(Object.entries(s.variables ?? {}).map(([k, v]) => [k, String(v)]));
  vars.runtime = compileRuntime({ params, env });
  walkSteps(s, (step) => {
    if (!("request" in step) || !/^(https?:\/\/|\$\{)/i.test(step.request.path)) return;
    // Templated: rendered with what is known before the run; a host that needs a VU's values is checked when it connects.
    const url = render(compileTemplate(step.request.path), vars);
    if (/^https?:\/\//i.test(url) && !url.includes("${"))
      try {
        urls.push(new URL(url));
      } catch {
        /* not a URL yet: the connect-time check covers it */
      }
  });
  return urls;
}

/**
 * Every origin the scenarios name must be loopback or allowed; returns the refusal (or a base
 * URL that does not render) as one line, or null.
 */
export async function checkTargets(
  scenarios: TScenario[],
  entries: TAllowEntry[],
  overrides: TRunOverrides = {},
  env: Record<string, string | undefined> = {},
): Promise<string | null> {
  const allow = cliAllowTarget(entries);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides.variables ?? {})) params[k] = String(v);
  const seen = new Set<string>();
  for (const scenario of scenarios) {
    let urls: URL[];
    try {
      urls = targetUrls(applyOverrides(scenario, overrides), params, env);
    } catch (e) {
      return (e as Error).message;
    }
    for (const url of urls) {
      const host = url.hostname.replace(/^\[|\]$/g, "");
      const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
      if (seen.has(`${host}:${port}`)) continue;
      seen.add(`${host}:${port}`);
      let address: string | undefined = isIP(host) ? host : undefined;
      // A host entry allows the name without resolving it; everything else is judged by its address.
      if (
        address === undefined &&
        entries.some((e) => e.kind === "host" && (e.port === undefined || e.port === port) && hostMatches(e.pattern, host))
      )
        continue;
      if (address === undefined)
        try {
          address = (await lookup(host)).address;
        } catch {
          return refusalMessage(host, port, undefined);
        }
      if ((await allow(host, address, port)) !== true) return refusalMessage(host, port, address);
    }
  }
  return null;
}
