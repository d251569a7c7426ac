"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { AfterIdle } from "@/app/_components/after-idle";

// The charts (recharts, ≈ 390 KB: the run page's largest script) load once the page is
// interactive (AfterIdle): they draw nothing on the server anyway (ResponsiveContainer needs the
// browser's width), and hydrating the tables first is what makes a long run's page respond at once.
// INVARIANT: no module of the run page imports ./run-charts or ./window-chart directly. The page
// bundles every client component it imports, so one static import (the live view had one) puts
// recharts in front of hydration for every run, finished or not. Placeholders keep the layout.

function WindowChartPlaceholder() {
  return <div className="h-[58px] animate-pulse rounded bg-zinc-100" data-testid="window-chart-loading" />;
}

function RunChartsPlaceholder() {
  return <div className="h-[433px] animate-pulse rounded bg-zinc-50" data-testid="run-charts-loading" />;
}

const WindowChartNow = dynamic(() => import("./window-chart").then((m) => m.WindowChart), { ssr: false, loading: WindowChartPlaceholder });
const RunChartsNow = dynamic(() => import("./run-charts").then((m) => m.RunCharts), { ssr: false, loading: RunChartsPlaceholder });

/**
 * The run charts as soon as the page has mounted, for the live view: its charts are what a
 * running run's page is for, and e2e/runs.spec.ts watches them grow during a 25 s run.
 */
export const LiveRunCharts = RunChartsNow;

export function WindowChart(props: ComponentProps<typeof WindowChartNow>) {
  return (
    <AfterIdle fallback={<WindowChartPlaceholder />}>
      <WindowChartNow {...props} />
    </AfterIdle>
  );
}

export function RunCharts(props: ComponentProps<typeof RunChartsNow>) {
  return (
    <AfterIdle fallback={<RunChartsPlaceholder />}>
      <RunChartsNow {...props} />
    </AfterIdle>
  );
}
