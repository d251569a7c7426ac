"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { moduleChartHeight } from "./module-chart-lazy";

export interface TModuleChartRow {
  /** Module name; a repeated module gets " #2" so bars stay apart. */
  name: string;
  rate: number;
  avg: number;
}

const ACCENT = "oklch(0.5 0.13 250)";
const AMBER = "#d97706";

/**
 * Per-module throughput (/s) and average response time (ms) as two small bar charts side by side:
 * one scale each, so neither figure dwarfs the other.
 */
export function ModuleChart({ rows }: { rows: TModuleChartRow[] }) {
  const t = useTranslations("reports.chart");
  if (rows.length === 0) return null;
  const height = moduleChartHeight(rows.length);
  return (
    <div role="img" aria-label={t("label")} className="grid grid-cols-1 gap-6 border-b border-zinc-100 px-4 py-4 md:grid-cols-2">
      <Panel title={t("rate")} rows={rows} dataKey="rate" color={ACCENT} height={height} digits={1} />
      <Panel title={t("avg")} rows={rows} dataKey="avg" color={AMBER} height={height} digits={0} />
    </div>
  );
}

function Panel({
  title,
  rows,
  dataKey,
  color,
  height,
  digits,
}: {
  title: string;
  rows: TModuleChartRow[];
  dataKey: "rate" | "avg";
  color: string;
  height: number;
  digits: number;
}) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-zinc-500">{title}</figcaption>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e4e4e7" />
            <XAxis type="number" tick={{ fontSize: 11, fill: "#71717a" }} axisLine={false} tickLine={false} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11, fill: "#3f3f46" }} axisLine={false} tickLine={false} />
            <Tooltip
              cursor={{ fill: "#f4f4f5" }}
              formatter={(value) => [Number(value).toLocaleString(undefined, { maximumFractionDigits: digits }), title]}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
            />
            <Bar dataKey={dataKey} fill={color} radius={[0, 3, 3, 0]} maxBarSize={16} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
