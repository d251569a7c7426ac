/**
 * Daily figures of each module (rate, avg, p95, err %) and the days that regressed against the day
 * before them. Pure: the roll-up and the flag are the report comparison's own (compare-rule.ts —
 * rollUp, compareRecords, noiseBands), so a trend flags exactly what comparing the two days'
 * reports would flag.
 */
import { compareRecords, noiseBands, rollUp, type TSideNoise } from "@/lib/reports/compare-rule";
import type { TSummaryRecord } from "@/lib/reports/report-sections";

/** Which figures of a day got worse beyond noise against its baseline day. */
export interface TTrendRegression {
  rate: boolean;
  avg: boolean;
  p95: boolean;
  errPct: boolean;
}

export interface TTrendDay {
  /** YYYY-MM-DD in the installation's time zone. */
  day: string;
  runs: number;
  samples: number;
  ratePerSec: number;
  avgMs: number;
  p95Ms: number | null;
  errorPct: number;
  /** The previous day with runs of this module (null for the first). */
  baselineDay: string | null;
  /** null: nothing got worse (or no baseline). */
  regression: TTrendRegression | null;
}

export interface TModuleTrend {
  module: string;
  /** Days with runs of the module, ascending. */
  days: TTrendDay[];
}

/** Per-second variability assumed when a day's is not loaded: none (the 10 % / 1 pp floors apply). */
export const QUIET: TSideNoise = { rateCv: 0, avgCv: 0, errStdPp: 0, hasSeconds: false };

/**
 * `records`: the module-scope summary rows of the runs, `dayOf`: each run's day. `noise`: each
 * day's per-second variability (QUIET when absent — the bands are then the floors, the narrowest
 * they can be, so a day not flagged with QUIET is never flagged with its real noise).
 */
export function computeModuleTrends(
  records: readonly TSummaryRecord[],
  dayOf: ReadonlyMap<string, string>,
  modules: readonly string[],
  noise: ReadonlyMap<string, TSideNoise> = new Map(),
): TModuleTrend[] {
  const wanted = new Set(modules);
  const byDay = new Map<string, TSummaryRecord[]>();
  for (const r of records) {
    const day = dayOf.get(r.runId);
    if (r.scope !== "module" || !day || !wanted.has(r.module)) continue;
    let list = byDay.get(day);
    if (!list) byDay.set(day, (list = []));
    list.push(r);
  }
  const days = [...byDay.keys()].sort();
  return modules.map((module) => {
    const out: TTrendDay[] = [];
    let baseline: { day: string; records: TSummaryRecord[] } | null = null;
    for (const day of days) {
      const current = byDay.get(day)!.filter((r) => r.module === module);
      if (!current.length) continue;
      const figures = rollUp(current, "module").get(module)!.figures;
      let regression: TTrendRegression | null = null;
      if (baseline) {
        const bands = noiseBands(noise.get(baseline.day) ?? QUIET, noise.get(day) ?? QUIET);
        const row = compareRecords(baseline.records, current, "module", bands)[0]!;
        const worse = { rate: row.rate.isWorse, avg: row.avg.isWorse, p95: row.p95.isWorse, errPct: row.errPct.isWorse };
        if (worse.rate || worse.avg || worse.p95 || worse.errPct) regression = worse;
      }
      out.push({
        day,
        runs: figures.runs,
        samples: figures.samples,
        ratePerSec: figures.ratePerSec,
        avgMs: figures.avgMs,
        p95Ms: figures.p95Ms,
        errorPct: figures.errorPct,
        baselineDay: baseline?.day ?? null,
        regression,
      });
      baseline = { day, records: current };
    }
    return { module, days: out };
  });
}

/** YYYY-MM-DD plus `days` calendar days. */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
