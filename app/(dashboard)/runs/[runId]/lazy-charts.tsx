"use client";

import dynamic from "next/dynamic";

// The charts (recharts, ≈ 390 KB: the run page's largest script) load after the page has
// hydrated: they draw nothing on the server anyway (ResponsiveContainer needs the browser's
// width), and hydrating the tables first is what makes a long run's page respond at once.
// INVARIANT: no module of the run page imports ./run-charts or ./window-chart directly. The page
// bundles every client component it imports, so one static import (the live view had one) puts
// recharts in front of hydration for every run, finished or not. Placeholders keep the layout.
export const WindowChart = dynamic(() => import("./window-chart").then((m) => m.WindowChart), {
  ssr: false,
  loading: () => <div className="h-[58px] animate-pulse rounded bg-zinc-100" data-testid="window-chart-loading" />,
});

export const RunCharts = dynamic(() => import("./run-charts").then((m) => m.RunCharts), {
  ssr: false,
  loading: () => <div className="h-[433px] animate-pulse rounded bg-zinc-50" data-testid="run-charts-loading" />,
});
