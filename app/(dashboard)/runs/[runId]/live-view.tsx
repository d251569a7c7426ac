"use client";

import { useFormatter, useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import type { TRunLive } from "@/lib/runs/get-run-live";
import type { TSecondRange } from "@/lib/runs/find-saturated-seconds";
import { MAX_SERIES_LABELS } from "@/lib/runs/live-limits";
import { cancelRunAction } from "./actions";
import { downsample, downsampleSeries, type TChartPoint, type TChartRelease, type TSeriesPoint } from "./chart-points";
import type { TLabelLine } from "./label-response-chart";
import { LiveRunCharts } from "./lazy-charts";
import { LiveLabelsTable } from "./live-labels-table";
import type { TLiveLabelRow } from "@/lib/runs/load-live-labels";
import { hms, toDate } from "./run-format";
import { withSaturated } from "./saturated-ranges";
import { RunStatusBadge } from "./run-status-badge";
import { Fact, Section } from "./section";
import { SummaryLines } from "./summary-lines";

// recharts loads after hydration, as in lazy-charts.tsx: never import ./label-response-chart directly.
const LabelResponseChart = dynamic(() => import("./label-response-chart").then((m) => m.LabelResponseChart), {
  ssr: false,
  loading: () => <div className="h-[236px] animate-pulse rounded bg-zinc-50" />,
});

/** Line colours of the picked labels, by pick order. */
const LABEL_COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#4d7c0f"] as const;
/** Labels drawn before anyone picks: the busiest ones. */
const DEFAULT_PICKED = 3;

/** Poll period: the live view is at most this plus one written second behind (goal ≤ 2 s). */
const POLL_MS = 1000;
/**
 * The label table comes with every this-many polls: it merges stored buckets (the other figures
 * are plain columns), and a table a person reads does not need a new value every second.
 */
const LABELS_EVERY_POLLS = 3;
/** Points drawn at most; older seconds are merged (a live run of hours keeps every second). */
const MAX_DRAWN_POINTS = 900;

/** A live poll as it arrives (JSON: dates are strings). */
type TLiveJson = Omit<TRunLive, "startedAt" | "finishedAt"> & { startedAt: string | Date | null; finishedAt: string | Date | null };

interface TLiveState {
  live: TLiveJson;
  /** Every second received so far, ascending, absolute epoch seconds. */
  seconds: (TChartPoint & { second: number })[];
  releases: { at: number; name: string; released: number }[];
  /** Saturated-generator seconds: the page's list for the whole run, then the polled points' flags. */
  saturated: TSecondRange[];
  /** The newest label table received (polls without one keep it). */
  labels: TLiveLabelRow[];
  /** Picked labels' response time per second (absolute seconds), by RunLabel.index. */
  series: ReadonlyMap<number, (Omit<TSeriesPoint, "t"> & { second: number })[]>;
}

function absorb(state: TLiveState, next: TLiveJson): TLiveState {
  const last = state.seconds.at(-1)?.second ?? -1;
  const fresh = next.points.filter((p) => p.second > last);
  const seenRelease = new Set(state.releases.map((r) => `${r.name}@${r.at}`));
  const newReleases = next.releases.filter((r) => !seenRelease.has(`${r.name}@${r.at}`));
  // Arrays keep their identity when nothing is new, so the charts re-render only on new seconds.
  let series = state.series;
  if (next.labelSeries?.length) {
    const copy = new Map(series);
    for (const p of next.labelSeries) {
      const list = copy.get(p.index) ?? [];
      if ((list.at(-1)?.second ?? -1) >= p.second) continue;
      copy.set(p.index, [...list, { second: p.second, avgMs: p.avgMs, p95Ms: p.p95Ms, samples: p.samples }]);
    }
    series = copy;
  }
  return {
    live: next,
    seconds: fresh.length ? [...state.seconds, ...fresh.map((p) => ({ ...p, t: 0 }))] : state.seconds,
    releases: newReleases.length ? [...state.releases, ...newReleases] : state.releases,
    saturated: withSaturated(state.saturated, fresh),
    labels: next.labels ?? state.labels,
    series,
  };
}

/**
 * The run while it is queued or running: status, elapsed, active VUs, the four charts (appending
 * only the seconds after the newest one we have: `?since=`), JMeter's live `summary +` /
 * `summary =` lines and Cancel. When the run ends it asks the server page for the results view
 * (router.refresh) — no reload.
 */
export function LiveView({ runId, initial, initialSaturated }: { runId: string; initial: TLiveJson; initialSaturated: TSecondRange[] }) {
  const t = useTranslations("runs.live");
  const format = useFormatter();
  const router = useRouter();
  const { toast } = useToast();
  const [state, setState] = useState<TLiveState>(() =>
    absorb({ live: initial, seconds: [], releases: [], saturated: initialSaturated, labels: [], series: new Map() }, initial),
  );
  const [picked, setPicked] = useState<number[] | null>(null);
  const [metric, setMetric] = useState<"avgMs" | "p95Ms">("p95Ms");
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [cancelling, startCancel] = useTransition();
  const sinceRef = useRef<number | null>(initial.lastSecond);
  const pollNowRef = useRef<() => void>(() => {});
  const { live, labels } = state;
  const pollCountRef = useRef(0);
  // Until someone picks, the busiest labels are drawn.
  const shown = useMemo(
    // By label number, so colours do not swap when two busy labels trade places.
    () =>
      picked ??
      [...labels]
        .sort((a, b) => b.total.samples - a.total.samples)
        .slice(0, DEFAULT_PICKED)
        .map((l) => l.index)
        .sort((a, b) => a - b),
    [picked, labels],
  );
  /** Per picked label: the newest second its series was asked for (the next poll's seriesSince). */
  const seriesUpToRef = useRef(new Map<number, number>());
  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);

  useEffect(() => {
    if (live.isFinal) {
      router.refresh();
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      clearTimeout(timer);
      try {
        const since = sinceRef.current;
        const query = new URLSearchParams();
        if (since !== null) query.set("since", String(since));
        if (++pollCountRef.current % LABELS_EVERY_POLLS !== 0) query.set("labels", "0");
        const asked = shownRef.current;
        if (asked.length) {
          query.set("series", asked.join(","));
          const upTo = asked.map((i) => seriesUpToRef.current.get(i));
          // A newly picked label has nothing yet: ask from the backlog for all (the client dedupes).
          if (upTo.every((u) => u !== undefined)) query.set("seriesSince", String(Math.min(...(upTo as number[]))));
        }
        const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/live?${query}`, { cache: "no-store" });
        if (res.ok && !stopped) {
          const next = ((await res.json()) as { data: TLiveJson }).data;
          if (next.lastSecond !== null) {
            sinceRef.current = next.lastSecond;
            for (const i of asked) seriesUpToRef.current.set(i, next.lastSecond);
          }
          setState((s) => absorb(s, next));
          if (next.isFinal) return;
        }
      } catch {
        // A missed poll (network blip, server restart) is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    pollNowRef.current = () => void tick();
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, live.isFinal, router]);

  const startedAt = toDate(live.startedAt);
  const base = startedAt ? Math.floor(startedAt.getTime() / 1000) : (state.seconds[0]?.second ?? 0);
  const points = useMemo(
    () =>
      downsample(
        state.seconds.map((p) => ({ ...p, t: p.second - base })),
        MAX_DRAWN_POINTS,
      ),
    [state.seconds, base],
  );
  const releases = useMemo<TChartRelease[]>(
    () => state.releases.map((r) => ({ t: r.at / 1000 - base, name: r.name, released: r.released })),
    [state.releases, base],
  );
  const saturated = useMemo(() => state.saturated.map((r) => ({ from: r.from - base, to: r.to - base })), [state.saturated, base]);
  const lastT = points.at(-1)?.t ?? 0;
  const firstT = points[0]?.t ?? 0;
  const domainLo = Math.min(0, firstT);
  const domainHi = Math.max(lastT, 10);
  const domain = useMemo<[number, number]>(() => [domainLo, domainHi], [domainLo, domainHi]);
  const newest = state.seconds.at(-1);
  const labelLines = useMemo<TLabelLine[]>(() => {
    const names = new Map(labels.map((l) => [l.index, l.label]));
    return shown.map((index, k) => ({
      index,
      label: names.get(index) ?? String(index),
      color: LABEL_COLORS[k % LABEL_COLORS.length]!,
      points: downsampleSeries(
        (state.series.get(index) ?? []).map((p) => ({ ...p, t: p.second - base })),
        MAX_DRAWN_POINTS,
      ).map((p) => ({
        t: p.t,
        value: p[metric],
      })),
    }));
  }, [shown, labels, state.series, base, metric]);
  const colorOf = useCallback(
    (index: number) => {
      const k = shown.indexOf(index);
      return k < 0 ? undefined : LABEL_COLORS[k % LABEL_COLORS.length];
    },
    [shown],
  );
  const onPick = useCallback(
    (index: number, isPicked: boolean) => {
      setPicked((current) => {
        const list = current ?? shown;
        return isPicked ? (list.includes(index) ? list : [...list, index].slice(0, MAX_SERIES_LABELS)) : list.filter((i) => i !== index);
      });
      if (isPicked) setTimeout(() => pollNowRef.current(), 0);
    },
    [shown],
  );
  const planned = live.plannedSeconds;
  const remaining = planned === null ? null : Math.max(0, planned - live.elapsedSeconds);
  const progress = planned ? Math.min(1, live.elapsedSeconds / planned) : null;
  const behindMs = live.lastSecond !== null && !live.isFinal ? Math.max(0, live.serverTimeMs - (live.lastSecond + 1) * 1000) : null;

  const onCancel = useCallback(() => {
    startCancel(async () => {
      const result = await cancelRunAction(runId);
      setConfirmOpen(false);
      if (isActionError(result)) {
        toast(result.error, "error");
        return;
      }
      toast(t("cancelRequested"), "info");
      pollNowRef.current();
    });
  }, [runId, t, toast]);

  const isCancelling = live.cancelRequested && !live.isFinal;
  return (
    <div className="grid gap-6" data-testid="live-view">
      <div className="rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-xs">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <dl className="flex flex-1 flex-wrap gap-x-12 gap-y-3">
            <Fact label={t("status")} value={<RunStatusBadge status={live.status} isCancelling={isCancelling} />} />
            <Fact label={t("elapsed")} value={<span className="font-mono">{hms(live.elapsedSeconds)}</span>} testId="live-elapsed" />
            <Fact
              label={t("planned")}
              value={
                planned === null ? (
                  <span className="text-zinc-500">{t("byIterations")}</span>
                ) : (
                  <span className="font-mono">{hms(planned)}</span>
                )
              }
              testId="live-planned"
            />
            <Fact
              label={t("remaining")}
              value={
                remaining === null ? (
                  "—"
                ) : remaining === 0 && !live.isFinal && live.status === "running" ? (
                  <span className="text-zinc-500">{t("overtime")}</span>
                ) : (
                  <span className="font-mono">{hms(remaining)}</span>
                )
              }
              testId="live-remaining"
            />
            <Fact label={t("activeVus")} value={format.number(live.activeVus)} testId="live-vus" />
            <Fact label={t("requestsPerSec")} value={newest ? format.number(newest.requestsPerSec) : "—"} testId="live-rps" />
            <Fact label={t("errorsPerSec")} value={newest ? format.number(newest.errorsPerSec) : "—"} />
            <Fact
              label={t("freshness")}
              value={
                behindMs === null
                  ? "—"
                  : t("behind", { seconds: format.number(behindMs / 1000, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) })
              }
              testId="live-freshness"
            />
          </dl>
          <Button variant="outline-destructive" size="sm" onClick={() => setConfirmOpen(true)} disabled={live.isFinal || isCancelling}>
            {isCancelling ? t("cancelling") : t("cancel")}
          </Button>
        </div>
        {progress !== null ? (
          <div
            className="mt-4 h-1.5 overflow-hidden rounded-full bg-zinc-100"
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
            data-testid="live-progress"
          >
            <div
              className="h-full rounded-full bg-[var(--color-accent)] transition-[width] duration-700"
              style={{ width: `${progress * 100}%` }}
            />
          </div>
        ) : null}
      </div>

      <Section title={t("chartsTitle")} hint={live.status === "queued" ? t("queuedHint") : t("chartsHint")}>
        {live.status === "queued" && points.length === 0 ? (
          <div className="flex h-40 items-center justify-center text-sm text-zinc-500">{t("waitingForWorker")}</div>
        ) : (
          <LiveRunCharts points={points} releases={releases} saturated={saturated} domain={domain} />
        )}
      </Section>

      <Section title={t("labelsTitle")} hint={t("labelsHint")} flush testId="live-labels">
        {labels.length ? (
          <LiveLabelsTable labels={labels} picked={shown} maxPicked={MAX_SERIES_LABELS} onPick={onPick} colorOf={colorOf} />
        ) : (
          <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-5 text-center text-sm text-zinc-500">
            {t("labelsEmpty")}
          </p>
        )}
      </Section>

      {labels.length ? (
        <Section
          title={t("labelChartTitle")}
          hint={t("labelChartHint")}
          actions={
            <div role="radiogroup" aria-label={t("labelChartTitle")} className="inline-flex h-7 items-center rounded-md bg-zinc-100 p-0.5">
              {(["avgMs", "p95Ms"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="radio"
                  aria-checked={metric === m}
                  onClick={() => setMetric(m)}
                  className={
                    metric === m
                      ? "h-6 rounded bg-white px-2.5 text-xs font-medium text-zinc-900 shadow-xs"
                      : "h-6 rounded px-2.5 text-xs font-medium text-zinc-600 hover:text-zinc-900"
                  }
                >
                  {m === "avgMs" ? t("metricAvg") : t("metricP95")}
                </button>
              ))}
            </div>
          }
        >
          <LabelResponseChart lines={labelLines} domain={domain} />
        </Section>
      ) : null}

      <Section title={t("summaryTitle")} hint={t("summaryHint")} flush>
        <SummaryLines
          testId="live-summary"
          lines={[live.summaryInterval, live.summaryTotal].filter((l): l is string => Boolean(l))}
          empty={t("summaryEmpty")}
        />
      </Section>

      <Dialog open={confirmOpen} onOpenChange={setConfirmOpen} title={t("cancelTitle")} description={t("cancelBody", { name: live.name })}>
        <DialogFooter>
          <Button variant="outline" onClick={() => setConfirmOpen(false)}>
            {t("keepRunning")}
          </Button>
          <Button variant="destructive" onClick={onCancel} disabled={cancelling}>
            {cancelling ? t("cancelling") : t("confirmCancel")}
          </Button>
        </DialogFooter>
      </Dialog>
    </div>
  );
}
