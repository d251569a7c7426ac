"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TModuleChartRow {
  /** Module name; a repeated module gets " #2" so bars stay apart. */
  name: string;
  rate: number;
  avg: number;
}

/** Per-module throughput (/s) and average response time (ms), side by side on two axes. */
export function ModuleChart({ rows }: { rows: TModuleChartRow[] }) {
  const t = useTranslations("reports.chart");
  if (rows.length === 0) return null;
  return (
    <div className="h-64 w-full px-2 pt-4" role="img" aria-label={t("label")}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 12, bottom: 4, left: 4 }} barGap={2}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
          <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#71717a" }} interval={0} angle={rows.length > 6 ? -25 : 0} textAnchor={rows.length > 6 ? "end" : "middle"} height={rows.length > 6 ? 64 : 28} />
          <YAxis yAxisId="rate" tick={{ fontSize: 11, fill: "#71717a" }} width={56} />
          <YAxis yAxisId="avg" orientation="right" tick={{ fontSize: 11, fill: "#71717a" }} width={56} />
          <Tooltip
            formatter={(value, name) => [Number(value).toLocaleString(undefined, { maximumFractionDigits: 1 }), String(name)]}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="rate" dataKey="rate" name={t("rate")} fill="oklch(0.5 0.13 250)" radius={[3, 3, 0, 0]} maxBarSize={28} />
          <Bar yAxisId="avg" dataKey="avg" name={t("avg")} fill="#f59e0b" radius={[3, 3, 0, 0]} maxBarSize={28} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
