import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { CodedText } from "@/app/_components/coded-message";
import { PageHeader } from "@/app/_components/page-header";
import { AppError, AppErrorCode } from "@/lib/errors";
import { findSaturatedSeconds } from "@/lib/runs/find-saturated-seconds";
import { getRunById } from "@/lib/runs/get-run-by-id";
import { getRunLive } from "@/lib/runs/get-run-live";
import { getRunResults } from "@/lib/runs/get-run-results";
import { FINAL_STATUSES } from "@/lib/runs/run.schema";
import { highErrorShareEvent } from "@/lib/run-metrics/run-health";
import { findRunEvents } from "@/lib/runs/find-run-events";
import { getFormatTime } from "@/lib/i18n/get-format-time";
import { errorPercent, runDurationSeconds } from "@/lib/run-metrics/figures";
import { toTimelineColumns } from "./chart-points";
import { LaunchParameters } from "./launch-parameters";
import { LiveView } from "./live-view";
import { ResultsView } from "./results-view";
import { hms } from "./run-format";
import { RunDownloads } from "./run-downloads";
import { RunEvents, type TRunEventItem } from "./run-events";
import { RunStatusBadge } from "./run-status-badge";
import { RunAgents } from "./run-agents";
import { getRunAgents } from "@/lib/agents/get-run-agents";
import { Fact } from "./section";

export const dynamic = "force-dynamic";

interface TProps {
  params: Promise<{ runId: string }>;
}

/** One lookup per request, shared by the metadata and the page; unknown id → the 404 page. */
const loadRun = cache(async (id: string) => {
  try {
    return await getRunById(id);
  } catch (error) {
    if (AppError.is(error, AppErrorCode.NOT_FOUND)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const run = await loadRun((await params).runId);
  return { title: run.name };
}

/**
 * One run. Queued or running → the live view (client, polls the live endpoint). Finished →
 * the results, rendered here on the server from lib/runs so the tables arrive as HTML; the
 * live view asks for this page again when the run ends (router.refresh), no reload.
 */
export default async function RunPage({ params }: TProps) {
  const { runId } = await params;
  const [run, t, format, formatTime, events, agents] = await Promise.all([
    loadRun(runId),
    getTranslations("runs"),
    getFormatter(),
    getFormatTime(),
    findRunEvents(runId),
    getRunAgents(runId),
  ]);
  const isFinal = FINAL_STATUSES.has(run.status);
  const modules = [...new Set(run.scenarios.map((s) => s.module))];
  const when = (d: Date) => formatTime(d, "dateTimeSeconds", { zone: true });

  const header = (
    <PageHeader
      back={
        <Link href="/runs" className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
          ← {t("detail.back")}
        </Link>
      }
      title={run.name}
      description={
        run.scenarios.length
          ? t("detail.scenarios", { scenarios: run.scenarios.map((s) => s.name).join(", "), modules: modules.join(", ") })
          : t(`source.${run.source}`)
      }
    />
  );

  if (!isFinal) {
    const [live, saturated] = await Promise.all([getRunLive(runId), findSaturatedSeconds(runId)]);
    return (
      <>
        {header}
        <LaunchParameters label={t("detail.parameters")} variables={run.overrides?.variables} />
        <RunEvents events={events} />
        <RunAgents runId={runId} initial={agents} live />
        <LiveView runId={runId} initial={live} initialSaturated={saturated} />
      </>
    );
  }

  const [results, saturated] = await Promise.all([getRunResults(runId), findSaturatedSeconds(runId)]);
  const startedSecond = run.startedAt ? Math.floor(run.startedAt.getTime() / 1000) : null;
  const first = results.range?.firstSecond ?? startedSecond ?? 0;
  // Time 0 is the start when the data begins within a minute of it (engine runs), else the first
  // second with data (imported files, whose start is the import).
  const baseSecond = startedSecond !== null && first - startedSecond >= 0 && first - startedSecond <= 60 ? startedSecond : first;
  const total = results.summary.total;
  const duration = runDurationSeconds({
    samples: total.samples,
    sampleSpanMs: Math.round(results.summary.elapsedSeconds * 1000),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  });

  return (
    <>
      {header}
      <div className="grid gap-6">
        <div className="rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-xs">
          <dl className="flex flex-wrap gap-x-12 gap-y-3">
            <Fact label={t("live.status")} value={<RunStatusBadge status={run.status} />} />
            <Fact label={t("detail.started")} value={run.startedAt ? when(run.startedAt) : "—"} />
            <Fact label={t("detail.duration")} value={<span className="font-mono">{duration === null ? "—" : hms(duration)}</span>} />
            <Fact label={t("columns.samples")} value={format.number(results.summary.total.samples)} testId="result-samples" />
            <Fact label={t("detail.errors")} value={`${errorPercent(total.errors, total.samples).toFixed(2)} %`} />
            <Fact
              label={t("detail.thresholds")}
              value={
                run.thresholdsPassed === null ? (
                  <span className="text-zinc-400">—</span>
                ) : run.thresholdsPassed ? (
                  <span className="text-emerald-700">{t("thresholds.passed")}</span>
                ) : (
                  <span className="text-red-700">{t("thresholds.failed")}</span>
                )
              }
            />
          </dl>
          {run.startedByName ? <p className="mt-3 text-xs text-zinc-500">{t("detail.startedBy", { name: run.startedByName })}</p> : null}
          <LaunchParameters label={t("detail.parameters")} variables={run.overrides?.variables} />
          <RunDownloads runId={runId} />
        </div>
        {run.error || run.status === "interrupted" || run.status === "cancelled" ? (
          <div
            role={run.status === "failed" || run.status === "interrupted" ? "alert" : "status"}
            className={
              run.status === "cancelled"
                ? "rounded-lg border border-zinc-200 bg-zinc-100/70 px-4 py-3 text-sm text-zinc-700"
                : "rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
            }
            data-testid="run-error"
          >
            <p className="font-medium">{t(`detail.ended.${run.status}`)}</p>
            {run.error ? (
              <p className="mt-1 text-xs break-words" data-testid="run-error-text">
                <CodedText namespace="runErrors" text={run.error} parts={run.errorParts} />
              </p>
            ) : null}
            {results.range ? (
              <p className="mt-1 text-xs opacity-80">
                {t("detail.dataUntil", { time: when(new Date((results.range.lastSecond + 1) * 1000)) })}
              </p>
            ) : null}
          </div>
        ) : null}
        <RunEvents events={withHealthWarning(events, results.summary.total, run.finishedAt ?? run.createdAt)} />
        <RunAgents runId={runId} initial={agents} live={false} />
        <ResultsView
          runId={runId}
          // Label rows without their summary lines (the table does not show them): ~100 bytes a label less.
          initial={{
            summary: { ...results.summary, labels: results.summary.labels.map(({ summaryLine: _, ...row }) => row) },
            thresholds: results.thresholds,
            window: null,
          }}
          range={results.range}
          timeline={toTimelineColumns(results.timeline)}
          saturated={saturated}
          slowThresholdMs={results.slowThresholdMs}
          baseSecond={baseSecond}
          source={run.source}
        />
      </div>
    </>
  );
}

/** The stored events, and first the high error share warning when the run has one (lib/run-metrics/run-health.ts). */
function withHealthWarning(events: TRunEventItem[], total: { samples: number; errors: number }, at: Date): TRunEventItem[] {
  const warning = highErrorShareEvent(total);
  return warning ? [{ ...warning, id: "high-error-share", at: at.toISOString() }, ...events] : events;
}
