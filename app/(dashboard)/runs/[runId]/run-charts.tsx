"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { releaseBins, type TChartPoint, type TChartRange, type TChartRelease } from "./chart-points";
import { clock } from "./run-format";

/**
 * Up to this many releases in view are also marked as lines on every chart (a few releases and
 * the dip or peak they cause line up); more turn the charts into stripes, so only the count per
 * second (or per wider bin) is drawn, as bars of their own.
 */
const MAX_RELEASE_LINES = 8;

const AXIS = { fontSize: 11, fill: "#71717a" } as const;
const COLORS = {
  requests: "var(--color-accent)",
  avg: "#0f766e",
  p95: "#a16207",
  errors: "#dc2626",
  vus: "#7c3aed",
  release: "#d97706",
  saturated: "#f43f5e",
} as const;

/**
 * The four charts of a run — requests/s, response time (avg, p95), errors/s, active VUs — on one
 * time axis (synced tooltips), rendezvous releases counted per second as bars beneath (and as
 * dashed lines when there are only a few), and seconds in which the generator was saturated
 * shaded, so a dip there is not blamed on the target.
 */
export const RunCharts = memo(function RunCharts({
  points,
  releases,
  saturated,
  domain,
  height = 170,
}: {
  points: TChartPoint[];
  releases: TChartRelease[];
  saturated: TChartRange[];
  domain: [number, number];
  height?: number;
}) {
  const t = useTranslations("runs.charts");
  const [lo, hi] = domain;
  // The second a release happened in decides, as for the releases table (lib/run-metrics/figures.ts): a
  // release at 30.4 s belongs to the window that ends with second 30.
  const inDomain = releases.filter((r) => Math.floor(r.t) >= lo && Math.floor(r.t) <= hi);
  const lines = inDomain.length <= MAX_RELEASE_LINES ? inDomain : [];
  const bins = inDomain.length ? releaseBins(inDomain, domain) : null;
  const areas = saturated.filter((r) => r.to >= lo && r.from <= hi);

  const marks = (
    <>
      {areas.map((r) => (
        <ReferenceArea
          key={`s${r.from}`}
          x1={Math.max(lo, r.from - 0.5)}
          x2={Math.min(hi, r.to + 0.5)}
          fill={COLORS.saturated}
          fillOpacity={0.08}
          stroke="none"
          ifOverflow="hidden"
        />
      ))}
      {lines.map((r, i) => (
        <ReferenceLine key={`r${i}-${r.t}`} x={r.t} stroke={COLORS.release} strokeDasharray="3 3" strokeOpacity={0.7} ifOverflow="hidden" />
      ))}
    </>
  );

  const common = {
    data: points,
    syncId: "run",
    margin: { top: 8, right: 12, bottom: 0, left: -8 },
  };
  const xAxis = (
    <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow tickFormatter={clock} tick={AXIS} stroke="#d4d4d8" tickCount={6} />
  );
  const tooltip = (unit: string) => (
    <Tooltip
      labelFormatter={(label) => clock(Number(label))}
      formatter={(value, name) => [`${formatValue(Number(value))}${unit}`, name]}
      contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
      isAnimationActive={false}
    />
  );
  // Y axes draw every computed tick (a handful of round values, left of the plot, in a fixed
  // width): recharts then skips measuring each label in the DOM, a forced layout per label. The
  // time axis keeps its default, which moves the last label inside the chart.
  const grid = <CartesianGrid stroke="#f0f0f2" vertical={false} />;

  return (
    <div className="grid gap-x-6 gap-y-5 md:grid-cols-2" data-testid="run-charts" data-points={points.length}>
      <ChartFrame title={t("requests")} unit="/s" height={height} testId="chart-requests">
        <AreaChart {...common}>
          <defs>
            <linearGradient id="req-fill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={COLORS.requests} stopOpacity={0.22} />
              <stop offset="100%" stopColor={COLORS.requests} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} stroke="#d4d4d8" width={52} interval={0} allowDecimals={false} />
          {tooltip("/s")}
          {marks}
          <Area
            type="linear"
            dataKey="requestsPerSec"
            name={t("requests")}
            stroke={COLORS.requests}
            strokeWidth={1.6}
            fill="url(#req-fill)"
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ChartFrame>
      <ChartFrame
        title={t("responseTime")}
        unit="ms"
        height={height}
        testId="chart-response"
        legend={[
          { color: COLORS.avg, label: t("avg") },
          { color: COLORS.p95, label: t("p95") },
        ]}
      >
        <LineChart {...common}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} stroke="#d4d4d8" width={52} interval={0} />
          {tooltip(" ms")}
          {marks}
          <Line type="linear" dataKey="avgMs" name={t("avg")} stroke={COLORS.avg} strokeWidth={1.6} isAnimationActive={false} dot={false} />
          <Line
            type="linear"
            dataKey="p95Ms"
            name={t("p95")}
            stroke={COLORS.p95}
            strokeWidth={1.4}
            strokeDasharray="4 2"
            isAnimationActive={false}
            dot={false}
          />
        </LineChart>
      </ChartFrame>
      <ChartFrame title={t("errors")} unit="/s" height={height} testId="chart-errors">
        <AreaChart {...common}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} stroke="#d4d4d8" width={52} interval={0} allowDecimals={false} />
          {tooltip("/s")}
          {marks}
          <Area
            type="linear"
            dataKey="errorsPerSec"
            name={t("errors")}
            stroke={COLORS.errors}
            strokeWidth={1.4}
            fill={COLORS.errors}
            fillOpacity={0.08}
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ChartFrame>
      <ChartFrame title={t("vus")} height={height} testId="chart-vus">
        <AreaChart {...common}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} stroke="#d4d4d8" width={52} interval={0} allowDecimals={false} />
          {tooltip("")}
          {marks}
          <Area
            type="stepAfter"
            dataKey="activeVus"
            name={t("vus")}
            stroke={COLORS.vus}
            strokeWidth={1.4}
            fill={COLORS.vus}
            fillOpacity={0.06}
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ChartFrame>
      {bins ? (
        <div className="md:col-span-2">
          <ChartFrame
            title={bins.binSeconds === 1 ? t("releasesPerSecond") : t("releasesPerBin", { seconds: bins.binSeconds })}
            height={80}
            testId="chart-releases"
          >
            <BarChart data={bins.bins} margin={{ top: 4, right: 12, bottom: 0, left: -8 }} barCategoryGap={0}>
              {grid}
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
              <YAxis tick={AXIS} stroke="#d4d4d8" width={52} interval={0} allowDecimals={false} />
              <Tooltip
                labelFormatter={(label) => clock(Number(label))}
                formatter={(value, name) => [formatValue(Number(value)), name]}
                contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e4e4e7" }}
                isAnimationActive={false}
              />
              <Bar dataKey="releases" name={t("releases")} fill={COLORS.release} fillOpacity={0.75} isAnimationActive={false} />
            </BarChart>
          </ChartFrame>
        </div>
      ) : null}
      <p className="flex flex-wrap items-center gap-x-5 gap-y-1 text-xs text-zinc-500 md:col-span-2">
        <span className="inline-flex items-center gap-1.5" data-testid="release-legend" data-releases={inDomain.length}>
          {lines.length ? (
            <svg width="18" height="8" aria-hidden>
              <line x1="0" y1="4" x2="18" y2="4" stroke={COLORS.release} strokeDasharray="3 3" strokeWidth="1.5" />
            </svg>
          ) : (
            <span aria-hidden className="inline-block h-2.5 w-1.5 rounded-sm" style={{ background: COLORS.release }} />
          )}
          {t("releaseLegend", { count: inDomain.length })}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-2.5 w-4 rounded-sm bg-rose-500/15" />
          {t("saturatedLegend", { count: areas.reduce((n, r) => n + Math.min(hi, r.to) - Math.max(lo, r.from) + 1, 0) })}
        </span>
      </p>
    </div>
  );
});

function ChartFrame({
  title,
  unit,
  height,
  testId,
  legend,
  children,
}: {
  title: string;
  unit?: string;
  height: number;
  testId: string;
  legend?: { color: string; label: string }[];
  children: React.ReactElement;
}) {
  return (
    <figure className="min-w-0" data-testid={testId}>
      <figcaption className="mb-1 flex items-baseline gap-3 text-xs">
        <span className="font-medium text-zinc-700">
          {title}
          {unit ? <span className="ml-1 font-normal text-zinc-400">({unit})</span> : null}
        </span>
        {legend?.map((l) => (
          <span key={l.label} className="inline-flex items-center gap-1 text-zinc-500">
            <span aria-hidden className="inline-block h-0.5 w-3 rounded" style={{ background: l.color }} />
            {l.label}
          </span>
        ))}
      </figcaption>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return "—";
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en-US") : String(Math.round(v * 10) / 10);
}
