"use client";

import { lazy, Suspense } from "react";
import { AfterIdle } from "@/app/_components/after-idle";
import type { TModuleChartRow } from "./module-chart";

// recharts loads once the report (or share) page is interactive, as on the run page
// (app/_components/after-idle.tsx): the figures are in the tables below, which arrive as HTML.
// INVARIANT: report-view.tsx renders this, never ./module-chart itself, and nothing here imports a
// value from ./module-chart (one static import puts recharts in front of hydration on both pages).

/** Height of each bar chart: one 26 px bar per module plus the axis. */
export function moduleChartHeight(rows: number): number {
  return Math.max(96, rows * 26 + 32);
}

const ModuleChart = lazy(() => import("./module-chart").then((m) => ({ default: m.ModuleChart })));

function Placeholder({ rows }: { rows: number }) {
  return (
    <div className="border-b border-zinc-100 px-4 py-4" data-testid="module-chart-loading">
      {/* The chart's caption line (20 px) and its bars. */}
      <div className="animate-pulse rounded bg-zinc-50" style={{ height: moduleChartHeight(rows) + 20 }} />
    </div>
  );
}

/** The per-module bar charts (./module-chart.tsx), loaded after hydration. */
export function ModuleChartLazy({ rows }: { rows: TModuleChartRow[] }) {
  if (rows.length === 0) return null;
  const placeholder = <Placeholder rows={rows.length} />;
  return (
    <AfterIdle fallback={placeholder}>
      <Suspense fallback={placeholder}>
        <ModuleChart rows={rows} />
      </Suspense>
    </AfterIdle>
  );
}
