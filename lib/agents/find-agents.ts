/** The registered agents (GET /api/agents, the Agents page), by name. */
import { prisma } from "../db/client";

export interface TAgentRow {
  id: string;
  name: string;
  labels: Record<string, string>;
  version: string;
  status: "idle" | "busy" | "suspect" | "lost";
  clockOffsetMs: number | null;
  rttMs: number | null;
  cpuPct: number | null;
  /** ISO time. */
  lastSeenAt: string;
  runId: string | null;
}

export async function findAgents(): Promise<TAgentRow[]> {
  const rows = await prisma.agent.findMany({ orderBy: { name: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    labels: (r.labels ?? {}) as Record<string, string>,
    version: r.version,
    status: r.status,
    clockOffsetMs: r.clockOffsetMs,
    rttMs: r.rttMs,
    cpuPct: r.cpuPct,
    lastSeenAt: r.lastSeenAt.toISOString(),
    runId: r.runId,
  }));
}
