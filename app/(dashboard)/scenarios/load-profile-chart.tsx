"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { planVuCurve, type TLoad } from "@/lib/engine/scenario";
import { chartPoints } from "./[scenarioId]/editor-state";

/** Seconds as m:ss or h:mm:ss on the time axis. */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * The planned VUs over time, drawn from the load section alone (planVuCurve — the same function
 * the engine schedules VUs with), so what you see is what will run.
 */
export function LoadProfileChart({ load, height = 150 }: { load: TLoad | null; height?: number }) {
  const t = useTranslations("scenarios.editor");
  const format = useFormatter();
  const plan = useMemo(() => {
    if (!load) return null;
    const curve = planVuCurve({ load });
    if (curve.model === "open") {
      const { perSecond, durationSeconds, maxVus } = load.arrivalRate!;
      return {
        curve,
        end: durationSeconds,
        maxVus,
        data: [
          { t: 0, vus: perSecond },
          { t: durationSeconds, vus: perSecond },
        ],
      };
    }
    // With iterations there is no planned end: show the ramp and a while of steady state.
    const end = curve.totalSeconds ?? Math.max(load.rampUpSeconds * 1.5, load.rampUpSeconds + 30);
    return { curve, end, maxVus: curve.maxVus, data: chartPoints(curve.points, end) };
  }, [load]);

  if (!plan) {
    return (
      <div
        style={{ height }}
        className="flex items-center justify-center rounded-md border border-dashed border-zinc-200 text-xs text-zinc-500"
      >
        {t("chartEmpty")}
      </div>
    );
  }
  const isOpen = plan.curve.model === "open";
  const seriesName = isOpen ? t("chartArrivals") : t("chartVus");
  return (
    <figure className="grid gap-1" data-testid="load-profile-chart">
      <figcaption className="flex items-baseline gap-2 text-xs text-zinc-500">
        <span className="font-medium text-zinc-700">{t("chartTitle")}</span>
        <span className="tabular-nums">{t("chartPeak", { vus: format.number(plan.maxVus) })}</span>
        {plan.curve.totalSeconds !== null ? (
          <span className="tabular-nums">· {t("chartTotal", { seconds: format.number(plan.curve.totalSeconds) })}</span>
        ) : (
          <span>· {t("chartIterations")}</span>
        )}
      </figcaption>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={plan.data} margin={{ top: 6, right: 8, bottom: 0, left: -12 }}>
            <defs>
              <linearGradient id="vu-fill" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="var(--color-accent)" stopOpacity={0.25} />
                <stop offset="100%" stopColor="var(--color-accent)" stopOpacity={0.02} />
              </linearGradient>
            </defs>
            <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[0, plan.end]}
              tickFormatter={clock}
              tick={{ fontSize: 11, fill: "#71717a" }}
              stroke="#d4d4d8"
              tickCount={7}
            />
            <YAxis allowDecimals={isOpen} tick={{ fontSize: 11, fill: "#71717a" }} stroke="#d4d4d8" width={48} />
            <Tooltip
              formatter={(value) => [format.number(Number(value)), seriesName]}
              labelFormatter={(label) => clock(Number(label))}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
            />
            {isOpen ? <ReferenceLine y={0} stroke="#d4d4d8" /> : null}
            <Area
              type="linear"
              dataKey="vus"
              name={seriesName}
              stroke="var(--color-accent)"
              strokeWidth={1.75}
              fill="url(#vu-fill)"
              isAnimationActive={false}
              dot={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
