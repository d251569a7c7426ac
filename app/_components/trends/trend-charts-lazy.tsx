"use client";

import dynamic from "next/dynamic";

// recharts loads after the page has hydrated (as the run page's charts, lazy-charts.tsx): the
// figures are in the table beside it, which arrives as HTML.
export const TrendCharts = dynamic(() => import("./trend-charts").then((m) => m.TrendCharts), {
  ssr: false,
  loading: () => <div className="h-[110px] animate-pulse rounded bg-zinc-50" />,
});
