/** Which agents ran a run, with each one's VUs, health and rendezvous skew (the run page's agents panel). */
import { prisma } from "../db/client";

export interface TRunAgentRow {
  name: string;
  vuFrom: number;
  vuTo: number;
  /** Every `stride`-th VU from vuFrom to vuTo (the number of agents). */
  stride: number;
  /** ISO time, when it was lost. */
  lostAt: string | null;
  samples: number | null;
  seconds: number | null;
  saturatedSeconds: number | null;
  maxCpuPct: number | null;
  maxEventLoopLagMs: number | null;
  clockOffsetMs: number | null;
  rttMs: number | null;
  releases: number | null;
  skewP50Ms: number | null;
  maxSkewMs: number | null;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export async function getRunAgents(runId: string): Promise<TRunAgentRow[]> {
  const rows = await prisma.runAgent.findMany({ where: { runId }, orderBy: { vuFrom: "asc" } });
  return rows.map((r) => {
    const h = (r.health ?? {}) as Record<string, unknown>;
    const skews = Array.isArray(h.skewsMs)
      ? (h.skewsMs as unknown[]).filter((v): v is number => typeof v === "number").sort((a, b) => a - b)
      : [];
    return {
      name: r.name,
      vuFrom: r.vuFrom,
      vuTo: r.vuTo,
      stride: rows.length,
      lostAt: r.lostAt?.toISOString() ?? null,
      samples: num(h.samples),
      seconds: num(h.seconds),
      saturatedSeconds: num(h.saturatedSeconds),
      maxCpuPct: num(h.maxCpuPct),
      maxEventLoopLagMs: num(h.maxEventLoopLagMs),
      clockOffsetMs: num(h.clockOffsetMs),
      rttMs: num(h.rttMs),
      releases: num(h.releases),
      skewP50Ms: skews.length ? skews[Math.floor((skews.length - 1) / 2)]! : null,
      maxSkewMs: num(h.maxSkewMs),
    };
  });
}
