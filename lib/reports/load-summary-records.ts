import { prisma } from "@/lib/db/client";
import type { TSummaryRecord } from "./report-sections";

/** The RunSummaryRow rows of some runs, BigInts as numbers (safe: < 2^53 samples and ms). */
export async function loadSummaryRecords(runIds: string[]): Promise<TSummaryRecord[]> {
  if (runIds.length === 0) return [];
  const rows = await prisma.runSummaryRow.findMany({ where: { runId: { in: runIds } }, orderBy: { id: "asc" } });
  return rows.map((r) => ({
    runId: r.runId,
    scope: r.scope,
    module: r.module,
    label: r.label,
    kind: r.kind,
    method: r.method,
    url: r.url,
    samples: Number(r.samples),
    errors: Number(r.errors),
    sumMs: r.sumMs,
    minMs: r.minMs,
    maxMs: r.maxMs,
    elapsedMs: Number(r.elapsedMs),
    p50Ms: r.p50Ms,
    p90Ms: r.p90Ms,
    p95Ms: r.p95Ms,
    p99Ms: r.p99Ms,
    ratePerSec: r.ratePerSec,
    summaryLine: r.summaryLine,
  }));
}
