import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { scenarioTargetUrls, type TScenarioTargets, type TTargetContext, type TTargetUrl } from "./scenario-target-urls";
import {
  isAddressAllowed,
  isHostAllowed,
  isPortAllowed,
  normalizeAddress,
  refusalMessage,
  type TTargetAllowList,
} from "./target-allow-list";

export type { TScenarioTargets, TTargetContext } from "./scenario-target-urls";

export interface TRefusedTarget {
  /** Where in the scenario: "baseUrl" or "steps.2.transaction.steps.0.request.path". */
  path: string;
  url: string;
  host: string;
  port: number | undefined;
  address?: string;
  message: string;
}

export interface TTargetCheck {
  ok: boolean;
  refused: TRefusedTarget[];
  /** Absolute URLs whose host is templated (`${…}`) with no value yet: only the engine's connect-time check sees them. */
  unchecked: string[];
  /** The first refusal's message (what the API and UI show), or null. */
  message: string | null;
}

/** baseUrl and every absolute request path (init, steps, end, every container), resolved. */
export function scenarioTargets(scenario: TScenarioTargets, context: TTargetContext = {}): TTargetUrl[] {
  return scenarioTargetUrls(scenario, context);
}

function parseTarget(url: string): { host: string; port: number } | null {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    const port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
    return { host: normalizeAddress(u.hostname), port };
  } catch {
    return null;
  }
}

/** The authority of an http(s) URL (host and port), "" when there is none. */
function hostOf(url: string): string {
  return /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
}

/** The `${…}` names left in a host that has no value yet. */
function unresolvedNames(hostPart: string): string[] {
  return [...hostPart.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
}

/**
 * Save-time check (no DNS): every literal target's host and port must be allowed, and an IP-literal
 * host's address too. Templated targets are checked after filling in the scenario's variables,
 * launch parameters and `__P`/`__env` defaults. Names are resolved and checked again at connect
 * time by the engine.
 */
export function checkScenarioTargets(scenario: TScenarioTargets, list: TTargetAllowList, context: TTargetContext = {}): TTargetCheck {
  const refused: TRefusedTarget[] = [];
  const unchecked: string[] = [];
  for (const target of scenarioTargets(scenario, context)) {
    const hostPart = hostOf(target.url);
    const rawHost = hostOf(target.raw);
    // A templated host still holding `${…}`, or rendered empty (`${__P(host)}` with no value, a
    // whole-URL `${base}` without one).
    if (hostPart.includes("${") || (target.raw.includes("${") && hostPart.replace(/:\d*$/, "") === "")) {
      if (target.path === "baseUrl" && context.atLaunch) {
        const names = unresolvedNames([hostPart, rawHost, target.raw].find((t) => t.includes("${"))!).join(", ");
        refused.push({
          path: target.path,
          url: target.raw,
          host: hostPart,
          port: undefined,
          message: `The base URL ${target.raw} has no host: ${names} has no value. Give it a default in the scenario's variables or a launch parameter (variables).`,
        });
      } else unchecked.push(target.raw);
      continue;
    }
    const parsed = parseTarget(target.url);
    if (!parsed) {
      const shown = target.url === target.raw ? target.url : `${target.raw} (${target.url})`;
      refused.push({
        path: target.path,
        url: target.raw,
        host: hostPart,
        port: undefined,
        message: `Target ${shown} is not a valid http(s) URL.`,
      });
      continue;
    }
    const { host, port } = parsed;
    const literal = isIP(host) !== 0;
    const ok = isHostAllowed(host, list) && isPortAllowed(port, list) && (!literal || isAddressAllowed(host, list));
    if (!ok) refused.push({ path: target.path, url: target.url, host, port, message: refusalMessage(host, port, undefined, list) });
  }
  return { ok: refused.length === 0, refused, unchecked, message: refused[0]?.message ?? null };
}

export type TLookup = (host: string) => Promise<string[]>;

const systemLookup: TLookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Run-time check before a run starts: checkScenarioTargets plus DNS — every address a name
 * resolves to must be in the CIDRs (the engine checks the address it actually connects to, too).
 */
export async function checkScenarioTargetsResolved(
  scenario: TScenarioTargets,
  list: TTargetAllowList,
  resolve: TLookup = systemLookup,
  context: TTargetContext = {},
): Promise<TTargetCheck> {
  const result = checkScenarioTargets(scenario, list, context);
  const seen = new Set(result.refused.map((r) => r.host));
  for (const target of scenarioTargets(scenario, context)) {
    const parsed = parseTarget(target.url);
    // A host still templated was reported above (refused or unchecked); a template in the path alone does not matter.
    if (!parsed || seen.has(parsed.host) || isIP(parsed.host) !== 0 || parsed.host.includes("${")) continue;
    seen.add(parsed.host);
    let addresses: string[];
    try {
      addresses = await resolve(parsed.host);
    } catch {
      result.refused.push({
        path: target.path,
        url: target.url,
        host: parsed.host,
        port: parsed.port,
        message: `Target host ${parsed.host} does not resolve.`,
      });
      continue;
    }
    const bad = addresses.find((a) => !isAddressAllowed(a, list)) ?? (addresses.length === 0 ? "" : undefined);
    if (bad !== undefined) {
      result.refused.push({
        path: target.path,
        url: target.url,
        host: parsed.host,
        port: parsed.port,
        address: bad,
        message: refusalMessage(parsed.host, parsed.port, bad || undefined, list),
      });
    }
  }
  result.ok = result.refused.length === 0;
  result.message = result.refused[0]?.message ?? null;
  return result;
}
