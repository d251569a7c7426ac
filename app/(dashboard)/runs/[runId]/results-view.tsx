"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Suspense, useEffect, useMemo, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { ON_TIME_LAG_MS, type TLabelSummary, type TRunSummary } from "@/lib/engine/metrics/types";
import type { TSecondRange } from "@/lib/runs/find-saturated-seconds";
import type { TThresholdResult } from "@/lib/engine/thresholds";
import { errorPercent, releaseCount, summaryDurationSeconds } from "@/lib/run-metrics/figures";
import { chartPointsFrom, downsample, type TChartPoint, type TChartRelease, type TTimelineColumns } from "./chart-points";
import { ErrorsTable } from "./errors-table";
import { IterationLagTable, LabelsTable, RendezvousWaitsTable } from "./labels-table";
import { RunCharts, WindowChart } from "./lazy-charts";
import { ReleasesTable } from "./releases-table";
import { clock, hms } from "./run-format";
import { Section } from "./section";
import { SlowInterfaces } from "./slow-interfaces";
import { SummaryTable } from "./summary-table";
import { ThresholdsTable } from "./thresholds-table";

// Hydration order: the labels table (the page's main table: sort, search, kind filter) hydrates
// with the page; every other section sits in a Suspense boundary, which React hydrates in a pass
// of its own right after (selective hydration), or at once when it is clicked or typed into. In
// one pass, a 200-label run's first sort waited for every table and chart placeholder to hydrate.
// The boundaries never suspend (nothing in them is async): no fallback is ever shown.

/** Wait this long after the last brush move before asking the server for the window. */
const WINDOW_DEBOUNCE_MS = 300;
/**
 * Points drawn per chart (each is about 600 px wide); the window strip keeps every timeline point
 * so the window still moves in timeline steps.
 */
const MAX_CHART_POINTS = 300;

/** A label's figures as the tables use them (its summary line is not shown: not sent). */
export type TLabelRow = Omit<TLabelSummary, "summaryLine">;

/** A run summary as the results view needs it (the API's full TRunSummary fits too). */
export type TResultsSummary = Omit<TRunSummary, "labels"> & { labels: TLabelRow[] };

/** What the tables show: the whole run, or a window recomputed on the server. */
export interface TResultsData {
  summary: TResultsSummary;
  thresholds: TThresholdResult[];
  window: { from: number; to: number } | null;
}

export interface TResultsViewProps {
  runId: string;
  initial: TResultsData;
  range: { firstSecond: number; lastSecond: number } | null;
  timeline: TTimelineColumns;
  saturated: TSecondRange[];
  slowThresholdMs: number;
  /** The run's first second (chart time 0). */
  baseSecond: number;
  /** Where the data came from (engine, jmeter_jtl, jmeter_log): what an empty table can honestly say. */
  source: string;
}

/**
 * A finished run: charts over the whole run with a draggable window, and every table — modules
 * with JMeter's summary lines, thresholds, slow interfaces, labels, iteration start lag, rendezvous
 * waits and releases, errors by kind — for the whole run or the window (merged histograms, server side).
 */
export function ResultsView({ runId, initial, range, timeline, saturated, slowThresholdMs, baseSecond, source }: TResultsViewProps) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const points = useMemo<TChartPoint[]>(() => chartPointsFrom(timeline, baseSecond), [timeline, baseSecond]);
  const last = Math.max(0, points.length - 1);
  const [brush, setBrush] = useState({ startIndex: 0, endIndex: last });
  const [fetched, setFetched] = useState<{ key: string; data: TResultsData } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);

  const isWhole = brush.startIndex === 0 && brush.endIndex === last;
  const step = timeline.step;
  const windowFrom = timeline.second[brush.startIndex] ?? range?.firstSecond ?? 0;
  const windowTo = Math.min(range?.lastSecond ?? 0, (timeline.second[brush.endIndex] ?? 0) + step - 1);
  const key = isWhole ? "whole" : `${windowFrom}-${windowTo}`;

  useEffect(() => {
    if (key === "whole") return;
    const controller = new AbortController();
    const [from, to] = key.split("-");
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/results?from=${from}&to=${to}`, {
          signal: controller.signal,
          cache: "no-store",
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const json = ((await res.json()) as { data: TResultsData }).data;
        setFetched({ key, data: { summary: json.summary, thresholds: json.thresholds, window: json.window } });
      } catch (error) {
        if ((error as Error).name !== "AbortError") setFailedKey(key);
      }
    }, WINDOW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, runId]);

  // While a new window is computed the previous tables stay, dimmed.
  const data = isWhole ? initial : (fetched?.data ?? initial);
  const loading = !isWhole && fetched?.key !== key && failedKey !== key;
  const failed = !isWhole && failedKey === key;

  const shown = useMemo(() => points.slice(brush.startIndex, brush.endIndex + 1), [points, brush]);
  const drawn = useMemo(() => downsample(shown, MAX_CHART_POINTS), [shown]);
  const domainLo = shown[0]?.t ?? 0;
  const domainHi = Math.max((shown.at(-1)?.t ?? 0) + step - 1, domainLo + 1);
  const domain = useMemo<[number, number]>(() => [domainLo, domainHi], [domainLo, domainHi]);
  const releases = useMemo<TChartRelease[]>(
    () =>
      initial.summary.rendezvous.flatMap((r) =>
        r.releases.map((x) => ({ t: x.at / 1000 - baseSecond, name: r.name, released: x.released })),
      ),
    [initial.summary.rendezvous, baseSecond],
  );
  const saturatedRel = useMemo(() => saturated.map((r) => ({ from: r.from - baseSecond, to: r.to - baseSecond })), [saturated, baseSecond]);
  const { summary } = data;
  const hasWaits = summary.labels.some((l) => l.kind === "rendezvous_wait");
  const hasLag = summary.labels.some((l) => l.kind === "iteration_lag");
  // The window's summary holds the releases of its seconds already (loadReleases): the same rule as the chart legend.
  const shownReleases = releaseCount(summary.rendezvous);

  return (
    <div className="grid gap-8" data-testid="results-view">
      <Suspense>
        <Section
          title={t("chartsTitle")}
          hint={points.length > 1 ? t("chartsHint") : t("chartsHintShort")}
          actions={
            !isWhole ? (
              <Button size="sm" variant="outline" onClick={() => setBrush({ startIndex: 0, endIndex: last })}>
                {t("wholeRun")}
              </Button>
            ) : null
          }
        >
          {points.length ? (
            <div className="grid gap-5">
              {points.length > 2 ? (
                <WindowChart
                  points={points}
                  startIndex={brush.startIndex}
                  endIndex={brush.endIndex}
                  onChange={setBrush}
                  label={t("windowLabel")}
                />
              ) : null}
              <RunCharts points={drawn} releases={releases} saturated={saturatedRel} domain={domain} />
            </div>
          ) : (
            <p className="py-8 text-center text-sm text-zinc-500">{t("noData")}</p>
          )}
        </Section>
      </Suspense>

      <div
        className={cn(
          "sticky top-0 z-10 -mx-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md px-2 py-2 text-sm backdrop-blur",
          isWhole ? "bg-zinc-50/80" : "bg-sky-50/90 ring-1 ring-sky-200",
        )}
        data-testid="window-status"
        aria-live="polite"
      >
        <span className="font-medium text-zinc-900">{isWhole ? t("coversWhole") : t("coversWindow")}</span>
        {range ? (
          <span className="font-mono text-xs text-zinc-600 tabular-nums">
            {clock(windowFrom - baseSecond)} – {clock(windowTo + 1 - baseSecond)} · {hms(summaryDurationSeconds(summary))}
          </span>
        ) : null}
        <span className="text-xs text-zinc-500">
          {t("totalsLine", {
            samples: format.number(summary.total.samples),
            errorPct: errorPercent(summary.total.errors, summary.total.samples).toFixed(2),
          })}
        </span>
        {loading ? <span className="text-xs text-sky-700">{t("recomputing")}</span> : null}
        {failed ? <span className="text-xs text-red-700">{t("windowFailed")}</span> : null}
      </div>

      <div
        className={cn("grid gap-8 transition-opacity", loading && "opacity-60")}
        data-window={data.window ? `${data.window.from}-${data.window.to}` : "whole"}
        data-testid="results-tables"
      >
        <Suspense>
          <Section title={t("modulesTitle")} hint={t("modulesHint")} testId="module-summary" flush>
            <SummaryTable modules={summary.modules} total={summary.total} />
          </Section>

          {data.thresholds.length ? (
            <Section
              title={t("thresholdsTitle")}
              hint={t("thresholdsHint", { passed: data.thresholds.filter((x) => x.ok).length, total: data.thresholds.length })}
              testId="thresholds"
              flush
            >
              <ThresholdsTable thresholds={data.thresholds} />
            </Section>
          ) : null}

          <SlowInterfaces labels={summary.labels} defaultThresholdMs={slowThresholdMs} source={source} />
        </Suspense>

        <Section title={t("labelsTitle")} hint={t("labelsHint")} testId="labels" flush>
          <LabelsTable labels={summary.labels} />
          <p className="mt-2 max-w-3xl text-xs text-zinc-500" data-testid="percentile-method">
            {t("percentileMethod")}
          </p>
        </Section>

        <Suspense>
          {hasLag ? (
            <Section title={t("lagTitle")} hint={t("lagHint", { ms: ON_TIME_LAG_MS })} testId="iteration-lag" flush>
              <IterationLagTable labels={summary.labels} />
            </Section>
          ) : null}

          {hasWaits ? (
            <Section title={t("waitsTitle")} hint={t("waitsHint")} testId="rendezvous-waits" flush>
              <RendezvousWaitsTable labels={summary.labels} />
            </Section>
          ) : null}

          <Section title={t("releasesTitle")} hint={t("releasesHint", { count: shownReleases })} testId="releases" flush>
            {shownReleases ? (
              <ReleasesTable rendezvous={summary.rendezvous} baseSecond={baseSecond} />
            ) : (
              <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-5 text-center text-sm text-zinc-500">
                {t("releasesNone")}
              </p>
            )}
          </Section>

          <Section title={t("errorsTitle")} hint={t("errorsHint")} testId="errors" flush>
            {summary.errors.length ? (
              <ErrorsTable errors={summary.errors} />
            ) : (
              <p
                className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-5 text-center text-sm text-zinc-500"
                data-testid="errors-empty"
              >
                {/* "No errors." only when none were counted; a summariser log counts errors but has no kinds. */}
                {source === "jmeter_log" || summary.total.errors > 0
                  ? t("errorsNoKinds", { source, count: summary.total.errors })
                  : t("errorsNone")}
              </p>
            )}
          </Section>
        </Suspense>
      </div>
    </div>
  );
}
