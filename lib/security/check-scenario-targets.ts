import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isAddressAllowed, isHostAllowed, isPortAllowed, normalizeAddress, refusalMessage, type TTargetAllowList } from "./target-allow-list";

/** The parts of a scenario document (lib/engine ZScenario) that name targets. */
export interface TScenarioTargets {
  name?: string;
  baseUrl: string;
  steps?: unknown[];
}

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
  /** Absolute URLs whose host is templated (`${…}`): only the engine's connect-time check sees them. */
  unchecked: string[];
  /** The first refusal's message (what the API and UI show), or null. */
  message: string | null;
}

interface TTarget {
  path: string;
  url: string;
}

/** baseUrl and every absolute request path, depth first through transactions. */
export function scenarioTargets(scenario: TScenarioTargets): TTarget[] {
  const out: TTarget[] = [{ path: "baseUrl", url: scenario.baseUrl }];
  const walk = (steps: unknown[], base: string) => {
    steps.forEach((step, i) => {
      if (!step || typeof step !== "object") return;
      const s = step as { request?: { path?: unknown }; transaction?: { steps?: unknown } };
      if (s.request && typeof s.request.path === "string" && /^https?:\/\//i.test(s.request.path)) {
        out.push({ path: `${base}.${i}.request.path`, url: s.request.path });
      }
      if (s.transaction && Array.isArray(s.transaction.steps)) walk(s.transaction.steps, `${base}.${i}.transaction.steps`);
    });
  };
  if (Array.isArray(scenario.steps)) walk(scenario.steps, "steps");
  return out;
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

/**
 * Save-time check (no DNS): every literal target's host and port must be allowed, and an IP-literal
 * host's address too. Names are resolved and checked again at connect time by the engine.
 */
export function checkScenarioTargets(scenario: TScenarioTargets, list: TTargetAllowList): TTargetCheck {
  const refused: TRefusedTarget[] = [];
  const unchecked: string[] = [];
  for (const target of scenarioTargets(scenario)) {
    const hostPart = /^https?:\/\/([^/?#]*)/i.exec(target.url)?.[1] ?? "";
    if (hostPart.includes("${")) {
      unchecked.push(target.url);
      continue;
    }
    const parsed = parseTarget(target.url);
    if (!parsed) {
      refused.push({ path: target.path, url: target.url, host: hostPart, port: undefined, message: `Target ${target.url} is not a valid http(s) URL.` });
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
export async function checkScenarioTargetsResolved(scenario: TScenarioTargets, list: TTargetAllowList, resolve: TLookup = systemLookup): Promise<TTargetCheck> {
  const result = checkScenarioTargets(scenario, list);
  const seen = new Set(result.refused.map((r) => r.host));
  for (const target of scenarioTargets(scenario)) {
    const parsed = parseTarget(target.url);
    if (!parsed || seen.has(parsed.host) || isIP(parsed.host) !== 0 || target.url.includes("${")) continue;
    seen.add(parsed.host);
    let addresses: string[];
    try {
      addresses = await resolve(parsed.host);
    } catch {
      result.refused.push({ path: target.path, url: target.url, host: parsed.host, port: parsed.port, message: `Target host ${parsed.host} does not resolve.` });
      continue;
    }
    const bad = addresses.find((a) => !isAddressAllowed(a, list)) ?? (addresses.length === 0 ? "" : undefined);
    if (bad !== undefined) {
      result.refused.push({ path: target.path, url: target.url, host: parsed.host, port: parsed.port, address: bad, message: refusalMessage(parsed.host, parsed.port, bad || undefined, list) });
    }
  }
  result.ok = result.refused.length === 0;
  result.message = result.refused[0]?.message ?? null;
  return result;
}
