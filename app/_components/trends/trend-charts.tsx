"use client";

import { memo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const AXIS = { fontSize: 10, fill: "#71717a" } as const;

/** One day of the chart: null figures are days without runs (a gap in the line). */
export interface TTrendChartDay {
  day: string;
  rate: number | null;
  avg: number | null;
  p95: number | null;
  err: number | null;
  worse: { rate: boolean; avg: boolean; p95: boolean; err: boolean } | null;
}

type TFigure = "rate" | "avg" | "p95" | "err";

/**
 * A module's last 30 days as four small line charts (rate, avg, p95, err %), one point per day
 * with runs; a day flagged as a regression is a red dot on the figure that got worse.
 */
export const TrendCharts = memo(function TrendCharts({ days, titles }: { days: TTrendChartDay[]; titles: Record<TFigure, string> }) {
  return (
    <div className="grid grid-cols-2 gap-x-4 gap-y-3 lg:grid-cols-4" data-testid="trend-charts">
      {(["rate", "avg", "p95", "err"] as const).map((key) => (
        <figure key={key} className="min-w-0">
          <figcaption className="mb-1 text-[11px] font-medium text-zinc-600">{titles[key]}</figcaption>
          <div className="h-[92px]">
            <ResponsiveContainer width="100%" height="100%" minWidth={0}>
              <LineChart data={days} margin={{ top: 6, right: 6, bottom: 0, left: -18 }}>
                <CartesianGrid stroke="#f0f0f2" vertical={false} />
                <XAxis
                  dataKey="day"
                  tick={AXIS}
                  tickFormatter={(d: string) => d.slice(5)}
                  stroke="#d4d4d8"
                  interval="preserveStartEnd"
                  minTickGap={24}
                />
                <YAxis tick={AXIS} stroke="#d4d4d8" width={46} />
                <Tooltip
                  formatter={(value) => [Math.round(Number(value) * 100) / 100, titles[key]]}
                  contentStyle={{ fontSize: 11, borderRadius: 6, borderColor: "#e4e4e7" }}
                  isAnimationActive={false}
                />
                <Line
                  type="linear"
                  dataKey={key}
                  stroke="#3f3f46"
                  strokeWidth={1.4}
                  connectNulls
                  isAnimationActive={false}
                  dot={(props: { cx?: number; cy?: number; index?: number; payload?: TTrendChartDay }) => {
                    const isWorse = Boolean(props.payload?.worse?.[key]);
                    if (props.cx === undefined || props.cy === undefined || props.payload?.[key] === null) return <g key={props.index} />;
                    return (
                      <circle
                        key={props.index}
                        cx={props.cx}
                        cy={props.cy}
                        r={isWorse ? 3.5 : 1.8}
                        fill={isWorse ? "#dc2626" : "#3f3f46"}
                        stroke="none"
                        data-regression={isWorse ? "true" : undefined}
                      />
                    );
                  }}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ))}
    </div>
  );
});
