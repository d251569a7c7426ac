"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import type { TRunLive } from "@/lib/runs/get-run-live";
import type { TSecondRange } from "@/lib/runs/find-saturated-seconds";
import { cancelRunAction } from "./actions";
import { downsample, type TChartPoint, type TChartRelease } from "./chart-points";
import { RunCharts } from "./lazy-charts";
import { hms, toDate } from "./run-format";
import { withSaturated } from "./saturated-ranges";
import { RunStatusBadge } from "./run-status-badge";
import { Fact, Section } from "./section";
import { SummaryLines } from "./summary-lines";

/** Poll period: the live view is at most this plus one written second behind (goal ≤ 2 s). */
const POLL_MS = 1000;
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
}

function absorb(state: TLiveState, next: TLiveJson): TLiveState {
  const last = state.seconds.at(-1)?.second ?? -1;
  const fresh = next.points.filter((p) => p.second > last);
  const seenRelease = new Set(state.releases.map((r) => `${r.name}@${r.at}`));
  const newReleases = next.releases.filter((r) => !seenRelease.has(`${r.name}@${r.at}`));
  // Arrays keep their identity when nothing is new, so the charts re-render only on new seconds.
  return {
    live: next,
    seconds: fresh.length ? [...state.seconds, ...fresh.map((p) => ({ ...p, t: 0 }))] : state.seconds,
    releases: newReleases.length ? [...state.releases, ...newReleases] : state.releases,
    saturated: withSaturated(state.saturated, fresh),
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
  const [state, setState] = useState<TLiveState>(() => absorb({ live: initial, seconds: [], releases: [], saturated: initialSaturated }, initial));
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [cancelling, startCancel] = useTransition();
  const sinceRef = useRef<number | null>(initial.lastSecond);
  const pollNowRef = useRef<() => void>(() => {});
  const { live } = state;

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
        const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/live${since !== null ? `?since=${since}` : ""}`, { cache: "no-store" });
        if (res.ok && !stopped) {
          const next = (await res.json()) as TLiveJson;
          if (next.lastSecond !== null) sinceRef.current = next.lastSecond;
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
    () => downsample(state.seconds.map((p) => ({ ...p, t: p.second - base })), MAX_DRAWN_POINTS),
    [state.seconds, base],
  );
  const releases = useMemo<TChartRelease[]>(() => state.releases.map((r) => ({ t: r.at / 1000 - base, name: r.name, released: r.released })), [state.releases, base]);
  const saturated = useMemo(() => state.saturated.map((r) => ({ from: r.from - base, to: r.to - base })), [state.saturated, base]);
  const lastT = points.at(-1)?.t ?? 0;
  const firstT = points[0]?.t ?? 0;
  const domainLo = Math.min(0, firstT);
  const domainHi = Math.max(lastT, 10);
  const domain = useMemo<[number, number]>(() => [domainLo, domainHi], [domainLo, domainHi]);
  const newest = state.seconds.at(-1);
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
            <Fact label={t("activeVus")} value={format.number(live.activeVus)} testId="live-vus" />
            <Fact label={t("requestsPerSec")} value={newest ? format.number(newest.requestsPerSec) : "—"} testId="live-rps" />
            <Fact label={t("errorsPerSec")} value={newest ? format.number(newest.errorsPerSec) : "—"} />
            <Fact
              label={t("freshness")}
              value={behindMs === null ? "—" : t("behind", { seconds: format.number(behindMs / 1000, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) })}
              testId="live-freshness"
            />
          </dl>
          <Button variant="outline-destructive" size="sm" onClick={() => setConfirmOpen(true)} disabled={live.isFinal || isCancelling}>
            {isCancelling ? t("cancelling") : t("cancel")}
          </Button>
        </div>
      </div>

      <Section title={t("chartsTitle")} hint={live.status === "queued" ? t("queuedHint") : t("chartsHint")}>
        {live.status === "queued" && points.length === 0 ? (
          <div className="flex h-40 items-center justify-center text-sm text-zinc-500">{t("waitingForWorker")}</div>
        ) : (
          <RunCharts points={points} releases={releases} saturated={saturated} domain={domain} />
        )}
      </Section>

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
