"use client";

import { useTranslations } from "next-intl";
import { memo, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { clock } from "./run-format";

const AXIS = { fontSize: 11, fill: "#71717a" } as const;

/** One picked label's line. */
export interface TLabelLine {
  index: number;
  label: string;
  color: string;
  /** Relative seconds (`t`) → value in ms, ascending. */
  points: { t: number; value: number }[];
}

/**
 * Response time per second of the picked labels, one line each (a mixed line hides the slow
 * request behind the fast ones). Loaded lazily like the other charts (recharts).
 */
export const LabelResponseChart = memo(function LabelResponseChart({
  lines,
  domain,
  height = 220,
}: {
  lines: TLabelLine[];
  domain: [number, number];
  height?: number;
}) {
  const t = useTranslations("runs.liveLabels");
  // One row per second holding each label's value under its own key: recharts' shared x axis.
  const data = useMemo(() => {
    const byT = new Map<number, Record<string, number>>();
    for (const l of lines)
      for (const p of l.points) {
        let row = byT.get(p.t);
        if (!row) byT.set(p.t, (row = { t: p.t }));
        row[`l${l.index}`] = p.value;
      }
    return [...byT.values()].sort((a, b) => a.t! - b.t!);
  }, [lines]);
  return (
    <figure className="min-w-0" data-testid="chart-label-response" data-lines={lines.length}>
      <figcaption className="mb-1 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs">
        {lines.map((l) => (
          <span key={l.index} className="inline-flex max-w-[14rem] items-center gap-1 text-zinc-600">
            <span aria-hidden className="inline-block h-0.5 w-3 shrink-0 rounded" style={{ background: l.color }} />
            <span className="truncate">{l.label}</span>
          </span>
        ))}
        {lines.length === 0 ? <span className="text-zinc-500">{t("pickHint")}</span> : null}
      </figcaption>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
            <CartesianGrid stroke="#f0f0f2" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={domain}
              allowDataOverflow
              tickFormatter={clock}
              tick={AXIS}
              stroke="#d4d4d8"
              tickCount={6}
            />
            <YAxis tick={AXIS} stroke="#d4d4d8" width={52} interval={0} />
            <Tooltip
              labelFormatter={(label) => clock(Number(label))}
              formatter={(value, name) => [`${Math.round(Number(value) * 10) / 10} ms`, name]}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
              isAnimationActive={false}
            />
            {lines.map((l) => (
              <Line
                key={l.index}
                type="linear"
                dataKey={`l${l.index}`}
                name={l.label}
                stroke={l.color}
                strokeWidth={1.5}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
