/**
 * End of a run (completed, cancelled, failed or interrupted): final rollups, the run summary
 * (TRunSummary, merged from what was written — so it is exactly what the results page shows),
 * RunSummaryRow rows (label/module/total), RunError rows, thresholds; then the final status.
 * Idempotent: recovery calls it again for a run whose worker died mid-way.
 */
import { prisma, Prisma } from "@/lib/db/client";
import type { TRunSummary } from "@/lib/engine/metrics/types";
import type { TThreshold } from "@/lib/engine/scenario";
import { evaluateThresholds, type TThresholdResult } from "@/lib/engine/thresholds";
import { summarizeRun } from "@/lib/run-metrics/summarize-run";
import type { TErrorExamples } from "@/lib/engine/metrics/recorder";
import { loadReleases, loadRunLabels, loadSecondRange } from "@/lib/run-metrics/load-run-meta";
import { loadWindow } from "@/lib/run-metrics/load-window";
import { rollupRun } from "@/lib/run-metrics/rollup-run";
import { noSuccessKinds } from "@/lib/run-metrics/run-health";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import { decodeRunError, encodeRunError, runError } from "./run-error-codes";
import { enqueueRunEvents } from "@/lib/notifications/enqueue-run-events";

export interface TFinalizeOptions {
  status: "completed" | "cancelled" | "failed" | "interrupted";
  /** Why it failed or was interrupted (lib/runs/run-error-codes.ts): Run.error keeps them coded, with their English. */
  errors?: readonly TCodedMessage[];
  /** Example error messages the worker collected (counts come from the buckets). */
  errorExamples?: TErrorExamples[];
  /** Only finalise if the run is still in one of these statuses (guards races). */
  onlyIfStatus?: ("running" | "queued" | "interrupted")[];
  /** Only finalise if this worker owns the run. */
  onlyIfWorkerId?: string;
}

export async function finalizeRun(
  runId: string,
  o: TFinalizeOptions,
): Promise<{ summary: TRunSummary; thresholds: TThresholdResult[]; status: TFinalizeOptions["status"] }> {
  const range = await loadSecondRange(runId);
  if (range) await rollupRun(runId, { throughSecond: range.lastSecond, final: true });
  const [labels, releases, run] = await Promise.all([
    loadRunLabels(runId),
    loadReleases(runId),
    prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { thresholds: true, startedAt: true, name: true } }),
  ]);
  const merged = range ? await loadWindow(runId, range.firstSecond, range.lastSecond) : new Map();
  const existing = await prisma.runError.findMany({ where: { runId }, select: { label: true, kind: true, examples: true } });
  const examples = new Map<string, string[]>(existing.map((e) => [`${e.label}\u0000${e.kind}`, e.examples as string[]]));
  for (const e of o.errorExamples ?? []) examples.set(`${e.label}\u0000${e.kind}`, e.examples);
  const summary = summarizeRun({ labels, merged, releases, errorExamples: examples });
  const thresholds = evaluateThresholds((run.thresholds as unknown as TThreshold[] | null) ?? [], summary);
  // Label and module rows keep no span of their own: samples ÷ rate gives it back (±1 ms). The
  // total's is exact — the run's duration (lib/run-metrics/figures.ts) is read from it.
  const elapsedMsOf = (line: { samples: number; ratePerSec: number }) =>
    line.ratePerSec > 0 ? Math.round((line.samples / line.ratePerSec) * 1000) : 0;
  const rows: Prisma.RunSummaryRowCreateManyInput[] = [
    ...summary.labels.map((l) => ({
      scope: "label" as const,
      module: l.module,
      label: l.label,
      kind: l.kind,
      method: l.method ?? null,
      url: l.url ?? null,
      row: l,
    })),
    ...summary.modules.map((m) => ({ scope: "module" as const, module: m.module, label: "", kind: null, method: null, url: null, row: m })),
    { scope: "total" as const, module: "", label: "", kind: null, method: null, url: null, row: summary.total },
  ].map(({ row, ...k }) => ({
    runId,
    ...k,
    samples: BigInt(row.samples),
    errors: BigInt(row.errors),
    sumMs: row.avgMs * row.samples,
    minMs: row.minMs,
    maxMs: row.maxMs,
    elapsedMs: BigInt(k.scope === "total" ? Math.round(summary.elapsedSeconds * 1000) : elapsedMsOf(row)),
    p50Ms: row.p50Ms,
    p90Ms: row.p90Ms,
    p95Ms: row.p95Ms,
    p99Ms: row.p99Ms,
    ratePerSec: row.ratePerSec,
    summaryLine: row.summaryLine,
  }));
  // A run in which no request succeeded tested nothing: it ends failed, saying why (lib/run-metrics/run-health.ts).
  const noSuccess = o.status === "completed" ? noSuccessKinds(summary) : null;
  const status = noSuccess ? "failed" : o.status;
  const error = encodeRunError([...(noSuccess ? [runError("no_request_succeeded", { kinds: noSuccess })] : []), ...(o.errors ?? [])]);
  await prisma.$transaction([
    prisma.runSummaryRow.deleteMany({ where: { runId } }),
    prisma.runSummaryRow.createMany({ data: rows }),
    prisma.runError.deleteMany({ where: { runId } }),
    prisma.runError.createMany({
      data: summary.errors.map((e) => ({ runId, label: e.label, kind: e.kind, count: e.count, examples: e.examples })),
      skipDuplicates: true,
    }),
    prisma.run.updateMany({
      where: {
        id: runId,
        ...(o.onlyIfStatus ? { status: { in: o.onlyIfStatus } } : {}),
        ...(o.onlyIfWorkerId ? { workerId: o.onlyIfWorkerId } : {}),
      },
      data: {
        status,
        finishedAt: new Date(),
        error,
        summary: summary as unknown as Prisma.InputJsonValue,
        thresholdResults: thresholds.length ? (thresholds as unknown as Prisma.InputJsonValue) : Prisma.JsonNull,
      },
    }),
    // Webhook deliveries for the end of the run, only if the update above gave it this status.
    ...enqueueRunEvents({ run: { id: runId, name: run.name, status, error: decodeRunError(error).error }, summary, thresholds }),
  ]);
  return { summary, thresholds, status };
}
