/**
 * Iteration start lag of a run so far, for the live page: the `iteration_lag` labels merged over
 * every stored second (rollups where they exist, so a poll reads a bounded number of rows however
 * long the run), nothing else decoded. No lag labels (no pacing) → one small query, no decoding.
 */
import { prisma } from "@/lib/db/client";
import type { TLabelSummary } from "@/lib/engine/metrics/types";
import { summarizeRun, type TLabelMeta } from "@/lib/run-metrics/summarize-run";
import { loadWindow } from "@/lib/run-metrics/load-window";

/** A lag row as the pages show it (no summary line). */
export type TLagRow = Omit<TLabelSummary, "summaryLine">;

/** Lag rows over every second up to `lastSecond`. */
export async function loadIterationLag(runId: string, lastSecond: number): Promise<TLagRow[]> {
  const rows = await prisma.runLabel.findMany({ where: { runId, kind: "iteration_lag" }, orderBy: { index: "asc" } });
  if (rows.length === 0) return [];
  const first = await prisma.runSecond.findFirst({ where: { runId }, orderBy: { second: "asc" }, select: { second: true } });
  if (!first) return [];
  const metas: TLabelMeta[] = rows.map((r) => ({ index: r.index, label: r.label, module: r.module, kind: r.kind }));
  const wanted = new Set(metas.map((m) => m.index));
  const merged = await loadWindow(runId, first.second, lastSecond, { wanted: (i) => wanted.has(i) });
  return summarizeRun({ labels: metas, merged }).labels.map(({ summaryLine: _line, ...row }) => row);
}
