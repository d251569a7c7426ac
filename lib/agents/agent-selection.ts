/**
 * How a launch chooses agents (POST /api/runs `agents`, the launch dialog) and how the VUs are
 * spread over them. Pure: no database.
 *
 * Spread: agent k of N (in the order chosen) runs VU i when (i − 1) mod N = k — the engine's own
 * shard rule, so VU numbers stay global and unique and every agent gets the same share of each
 * ramp-up step. `RunAgent.vuFrom`/`vuTo` are its first and last VU numbers (every N-th between).
 */
import { z } from "zod";
import { ZAgentName, ZLabels } from "./protocol";

export const ZAgentSelection = z.union([
  z.strictObject({ count: z.number().int().min(1).max(1000) }),
  z.strictObject({ names: z.array(ZAgentName).min(1).max(1000) }),
  z.strictObject({ labels: ZLabels.refine((l) => Object.keys(l).length > 0, "give at least one label") }),
]);
export type TAgentSelection = z.infer<typeof ZAgentSelection>;

export interface TAgentCandidate {
  id: string;
  name: string;
  labels: unknown;
  status: "idle" | "busy" | "suspect" | "lost";
}

/** The agents a selection picks among the registered ones, or an error message. */
export function chooseAgents(
  selection: TAgentSelection,
  agents: TAgentCandidate[],
): { ok: true; agents: TAgentCandidate[] } | { ok: false; message: string } {
  const idle = agents.filter((a) => a.status === "idle").sort((a, b) => a.name.localeCompare(b.name));
  if ("count" in selection) {
    if (idle.length < selection.count) return { ok: false, message: `${selection.count} idle agent(s) wanted, ${idle.length} available` };
    return { ok: true, agents: idle.slice(0, selection.count) };
  }
  if ("names" in selection) {
    const byName = new Map(agents.map((a) => [a.name, a]));
    const unknown = selection.names.filter((n) => !byName.has(n));
    if (unknown.length) return { ok: false, message: `unknown agent(s): ${unknown.join(", ")}` };
    const notIdle = selection.names.filter((n) => byName.get(n)!.status !== "idle");
    if (notIdle.length) return { ok: false, message: `not idle: ${notIdle.map((n) => `${n} (${byName.get(n)!.status})`).join(", ")}` };
    return { ok: true, agents: [...new Set(selection.names)].map((n) => byName.get(n)!) };
  }
  const wanted = Object.entries(selection.labels);
  const matching = idle.filter((a) => wanted.every(([k, v]) => (a.labels as Record<string, unknown> | null)?.[k] === v));
  if (!matching.length) return { ok: false, message: `no idle agent has the labels ${wanted.map(([k, v]) => `${k}=${v}`).join(", ")}` };
  return { ok: true, agents: matching };
}

/** First and last VU number of agent `k` of `n`, for a run of `vus` VUs (null: it gets none). */
export function agentVuRange(k: number, n: number, vus: number): { vuFrom: number; vuTo: number } | null {
  if (k >= vus) return null;
  const count = Math.floor((vus - 1 - k) / n) + 1;
  return { vuFrom: k + 1, vuTo: k + 1 + (count - 1) * n };
}

/**
 * The launch dialog's one "agents" field: empty → none (this machine); `3` → any 3 idle agents;
 * `zone=east,rack=2` → every idle agent with those labels; `a1, a2` → those agents.
 */
export function agentSelectionFromText(text: string): TAgentSelection | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/^\d+$/.test(t)) return { count: Number(t) };
  const parts = t.split(/[,\s]+/).filter(Boolean);
  if (parts.every((p) => p.includes("=")))
    return { labels: Object.fromEntries(parts.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])) };
  return { names: parts };
}
