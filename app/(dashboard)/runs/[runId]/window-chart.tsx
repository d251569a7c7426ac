"use client";

import { memo } from "react";
import { Area, AreaChart, Brush, ResponsiveContainer } from "recharts";
import { clock } from "./run-format";
import type { TChartPoint } from "./chart-points";

/**
 * The whole run as a strip (requests/s) with a draggable window (recharts Brush): drag either
 * handle or the window itself; the charts below and every table follow the window.
 */
export const WindowChart = memo(function WindowChart({
  points,
  startIndex,
  endIndex,
  onChange,
  label,
}: {
  points: TChartPoint[];
  startIndex: number;
  endIndex: number;
  onChange: (range: { startIndex: number; endIndex: number }) => void;
  label: string;
}) {
  return (
    <div className="h-[58px]" data-testid="window-chart" aria-label={label} role="group">
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>
        <AreaChart data={points} margin={{ top: 0, right: 4, bottom: 0, left: 4 }}>
          <Brush
            dataKey="t"
            height={54}
            travellerWidth={9}
            startIndex={startIndex}
            endIndex={endIndex}
            onChange={(r) => {
              if (r.startIndex !== undefined && r.endIndex !== undefined) onChange({ startIndex: r.startIndex, endIndex: r.endIndex });
            }}
            tickFormatter={(v) => clock(Number(v))}
            stroke="#a1a1aa"
            fill="#ffffff"
          >
            <AreaChart data={points}>
              <Area
                type="linear"
                dataKey="requestsPerSec"
                stroke="var(--color-accent)"
                strokeWidth={1}
                fill="var(--color-accent)"
                fillOpacity={0.12}
                isAnimationActive={false}
                dot={false}
              />
            </AreaChart>
          </Brush>
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
});
