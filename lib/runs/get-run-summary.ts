import { prisma } from "@/lib/db/client";
import type { TRunSummary } from "@/lib/engine/metrics/types";
import { AppError, AppErrorCode } from "@/lib/errors";
import { summarizeRun } from "@/lib/run-metrics/summarize-run";
import { loadErrorExamples, loadReleases, loadRunLabels, loadSecondRange } from "@/lib/run-metrics/load-run-meta";
import { loadWindow } from "@/lib/run-metrics/load-window";

/**
 * The run summary in the CLI's --json shape (TRunSummary): stored at the end of a run; for a run
 * still going, merged from what was written so far.
 */
export async function getRunSummary(id: string): Promise<TRunSummary> {
  const run = await prisma.run.findUnique({ where: { id }, select: { summary: true } });
  if (!run) throw new AppError(AppErrorCode.NOT_FOUND, "run not found");
  if (run.summary) return run.summary as unknown as TRunSummary;
  const range = await loadSecondRange(id);
  const [labels, merged, releases, examples] = await Promise.all([
    loadRunLabels(id),
    range ? loadWindow(id, range.firstSecond, range.lastSecond) : Promise.resolve(new Map()),
    loadReleases(id),
    loadErrorExamples(id),
  ]);
  return summarizeRun({ labels, merged, releases, errorExamples: examples });
}
