/** The run charts' data (no recharts here: the results page loads the charts after hydrating). */
import type { TTimelinePoint } from "@/lib/runs/get-run-results";

/** One point of the run's time axis; `t` is seconds since the run's first second. */
export interface TChartPoint {
  t: number;
  requestsPerSec: number;
  errorsPerSec: number;
  avgMs: number;
  p95Ms: number;
  activeVus: number;
}

/** A rendezvous release on the time axis. */
export interface TChartRelease {
  t: number;
  name: string;
  released: number;
}

/** Seconds (relative, inclusive) in which the load generator was saturated. */
export interface TChartRange {
  from: number;
  to: number;
}

/**
 * Merges consecutive points so at most `max` remain (live runs keep every second; a chart of
 * hours does not need them all). Rates are averaged per second, p95 and VUs keep the highest.
 */
export function downsample(points: TChartPoint[], max: number): TChartPoint[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out: TChartPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const chunk = points.slice(i, i + size);
    let req = 0;
    let err = 0;
    let sum = 0;
    let p95 = 0;
    let vus = 0;
    for (const p of chunk) {
      req += p.requestsPerSec;
      err += p.errorsPerSec;
      sum += p.avgMs * p.requestsPerSec;
      p95 = Math.max(p95, p.p95Ms);
      vus = Math.max(vus, p.activeVus);
    }
    out.push({
      t: chunk[0]!.t,
      requestsPerSec: req / chunk.length,
      errorsPerSec: err / chunk.length,
      avgMs: req ? sum / req : 0,
      p95Ms: p95,
      activeVus: vus,
    });
  }
  return out;
}

/**
 * The results page's timeline as one array per figure, rounded to what the charts show (0.1): a
 * third of the bytes of point objects in the page's payload (720 points of a long run).
 */
export interface TTimelineColumns {
  /** Seconds per point. */
  step: number;
  second: number[];
  requestsPerSec: number[];
  errorsPerSec: number[];
  avgMs: number[];
  p95Ms: number[];
  activeVus: number[];
}

const tenth = (v: number) => Math.round(v * 10) / 10;

export function toTimelineColumns(points: TTimelinePoint[]): TTimelineColumns {
  return {
    step: points[0]?.seconds ?? 1,
    second: points.map((p) => p.second),
    requestsPerSec: points.map((p) => tenth(p.requestsPerSec)),
    errorsPerSec: points.map((p) => tenth(p.errorsPerSec)),
    avgMs: points.map((p) => tenth(p.avgMs)),
    p95Ms: points.map((p) => tenth(p.p95Ms)),
    activeVus: points.map((p) => p.activeVus),
  };
}

/** Chart points (`t` relative to `baseSecond`) from the columns. */
export function chartPointsFrom(c: TTimelineColumns, baseSecond: number): TChartPoint[] {
  return c.second.map((second, i) => ({
    t: second - baseSecond,
    requestsPerSec: c.requestsPerSec[i]!,
    errorsPerSec: c.errorsPerSec[i]!,
    avgMs: c.avgMs[i]!,
    p95Ms: c.p95Ms[i]!,
    activeVus: c.activeVus[i]!,
  }));
}
