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

/** One second of one label's response time (`t` relative). */
export interface TSeriesPoint {
  t: number;
  avgMs: number;
  p95Ms: number;
  samples: number;
}

/**
 * One label's seconds merged to at most `max` points: avg weighted by samples (exact), p95 the
 * highest of the merged seconds (percentiles never average).
 */
export function downsampleSeries(points: readonly TSeriesPoint[], max: number): TSeriesPoint[] {
  if (points.length <= max) return points as TSeriesPoint[];
  const size = Math.ceil(points.length / max);
  const out: TSeriesPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    let samples = 0;
    let sum = 0;
    let p95 = 0;
    for (const p of points.slice(i, i + size)) {
      samples += p.samples;
      sum += p.avgMs * p.samples;
      p95 = Math.max(p95, p.p95Ms);
    }
    out.push({ t: points[i]!.t, avgMs: samples ? sum / samples : 0, p95Ms: p95, samples });
  }
  return out;
}

/** Rendezvous releases counted per time bin (`t` = the bin's first second). */
export interface TReleaseBin {
  t: number;
  /** Releases in the bin. */
  releases: number;
  /** VUs they released. */
  released: number;
}

/** Bin widths in seconds: a round one that gives at most `maxBins` bars over the domain. */
const BIN_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400];

/**
 * Releases within the domain as counts per bin (one bin per second while that gives ≤ `maxBins`
 * bars): hundreds of releases stay a readable bar chart instead of hundreds of reference lines.
 * Every bin of the domain is present (zeros included), so bars line up with the other charts.
 */
export function releaseBins(
  releases: readonly TChartRelease[],
  domain: readonly [number, number],
  maxBins = 150,
): { binSeconds: number; bins: TReleaseBin[] } {
  const [lo, hi] = domain;
  const span = Math.max(1, hi - lo + 1);
  const binSeconds = BIN_SECONDS.find((b) => span / b <= maxBins) ?? Math.ceil(span / maxBins);
  const first = Math.floor(lo / binSeconds) * binSeconds;
  const count = Math.floor((hi - first) / binSeconds) + 1;
  const bins: TReleaseBin[] = Array.from({ length: count }, (_, i) => ({ t: first + i * binSeconds, releases: 0, released: 0 }));
  for (const r of releases) {
    if (r.t < lo || r.t > hi) continue;
    const bin = bins[Math.floor((r.t - first) / binSeconds)];
    if (!bin) continue;
    bin.releases += 1;
    bin.released += r.released;
  }
  return { binSeconds, bins };
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
