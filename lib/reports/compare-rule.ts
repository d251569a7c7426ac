/**
 * Compare with a baseline — the pure part: roll-up of summary records per module and per label,
 * deltas, and the noise rule that decides which deltas are flagged.
 *
 * NOISE RULE (documented in docs/design-notes.md, "Daily reports"):
 * - rate, avg and p95 are compared relatively. A change is flagged when
 *     |Δ| / baseline > max(10 %, 2 × CV)
 *   where CV is the coefficient of variation (stddev ÷ mean) of the per-second figure in the runs
 *   involved — per-second request rate for `rate`, per-second average response time for `avg` and
 *   `p95` — taking the larger of baseline and current. A run whose load swings ±15 % second to
 *   second cannot tell a 20 % change from its own wobble; a steady run can show 10 %. Runs without
 *   per-second data (JMeter imports) fall back to the 10 % floor.
 * - err % is compared in percentage points: flagged when |Δ| > max(1 pp, 2 × stddev of the
 *   per-second error percentage), or when errors appear where the baseline had none (0 → ≥ 1 pp
 *   already covered; 0 → > 0 with ≥ 100 errors also flagged: a new failure mode is not noise).
 * - A flagged delta is `worse` when rate falls or avg / p95 / err % rise.
 */
import { jmeterAverage } from "@/lib/engine/metrics/summary-line";
import type { TSummaryRecord } from "./report-sections";

export const NOISE_FLOOR_PCT = 10;
export const NOISE_CV_FACTOR = 2;
export const ERR_FLOOR_PP = 1;
export const NEW_ERRORS_MIN = 100;

/** Per-second variability of a side (one run or a round's runs). */
export interface TSideNoise {
  /** stddev ÷ mean of per-second request counts (0 when unknown). */
  rateCv: number;
  /** stddev ÷ mean of per-second average response times. */
  avgCv: number;
  /** stddev of the per-second error percentage, in pp. */
  errStdPp: number;
  /** Whether per-second data existed. */
  hasSeconds: boolean;
}

export interface TFigures {
  samples: number;
  errors: number;
  errorPct: number;
  avgMs: number;
  p95Ms: number | null;
  ratePerSec: number;
  runs: number;
}

export interface TDelta {
  baseline: number | null;
  current: number | null;
  /** current − baseline (pp for err %). */
  delta: number | null;
  /** Relative change in % (null for err % and when the baseline is 0 or missing). */
  deltaPct: number | null;
  isFlagged: boolean;
  isWorse: boolean;
}

export interface TCompareRow {
  key: string;
  module: string;
  label: string | null;
  kind: string | null;
  baseline: TFigures | null;
  current: TFigures | null;
  rate: TDelta;
  avg: TDelta;
  p95: TDelta;
  errPct: TDelta;
  isFlagged: boolean;
}

export interface TNoiseBands {
  ratePct: number;
  latencyPct: number;
  errPp: number;
}

export function noiseBands(baseline: TSideNoise, current: TSideNoise): TNoiseBands {
  return {
    ratePct: Math.max(NOISE_FLOOR_PCT, NOISE_CV_FACTOR * 100 * Math.max(baseline.rateCv, current.rateCv)),
    latencyPct: Math.max(NOISE_FLOOR_PCT, NOISE_CV_FACTOR * 100 * Math.max(baseline.avgCv, current.avgCv)),
    errPp: Math.max(ERR_FLOOR_PP, NOISE_CV_FACTOR * Math.max(baseline.errStdPp, current.errStdPp)),
  };
}

/**
 * Rolls records of one side up per key. Several runs of one key (a round with two runs of a module):
 * samples, errors and time add (avg, err % exact), rate = Σ samples ÷ Σ elapsed (the mean rate
 * while running), p95 = the highest run's p95 (percentiles never average; marked by runs > 1).
 */
export function rollUp(records: TSummaryRecord[], scope: "module" | "label"): Map<string, { record: TSummaryRecord; figures: TFigures }> {
  const acc = new Map<
    string,
    {
      record: TSummaryRecord;
      samples: number;
      errors: number;
      sumMs: number;
      elapsedMs: number;
      rateSum: number;
      p95: number | null;
      runs: Set<string>;
    }
  >();
  for (const r of records) {
    if (r.scope !== scope) continue;
    const key = scope === "module" ? r.module : `${r.module}\u0000${r.label}\u0000${r.kind ?? ""}`;
    const a = acc.get(key) ?? { record: r, samples: 0, errors: 0, sumMs: 0, elapsedMs: 0, rateSum: 0, p95: null, runs: new Set<string>() };
    a.samples += r.samples;
    a.errors += r.errors;
    a.sumMs += r.sumMs;
    a.elapsedMs += r.elapsedMs;
    a.rateSum += r.ratePerSec;
    if (r.p95Ms !== null) a.p95 = Math.max(a.p95 ?? 0, r.p95Ms);
    a.runs.add(r.runId);
    acc.set(key, a);
  }
  const out = new Map<string, { record: TSummaryRecord; figures: TFigures }>();
  for (const [key, a] of acc) {
    out.set(key, {
      record: a.record,
      figures: {
        samples: a.samples,
        errors: a.errors,
        errorPct: a.samples === 0 ? 0 : (a.errors / a.samples) * 100,
        avgMs: jmeterAverage({ samples: a.samples, sumMs: a.sumMs }),
        p95Ms: a.p95,
        ratePerSec: a.elapsedMs > 0 ? (a.samples / a.elapsedMs) * 1000 : a.rateSum,
        runs: a.runs.size,
      },
    });
  }
  return out;
}

function relative(baseline: number | null, current: number | null, bandPct: number, higherIsWorse: boolean): TDelta {
  if (baseline === null || current === null) {
    return { baseline, current, delta: null, deltaPct: null, isFlagged: false, isWorse: false };
  }
  const delta = current - baseline;
  const deltaPct = baseline === 0 ? null : (delta / baseline) * 100;
  const isFlagged = deltaPct === null ? current !== 0 : Math.abs(deltaPct) > bandPct;
  return { baseline, current, delta, deltaPct, isFlagged, isWorse: isFlagged && (higherIsWorse ? delta > 0 : delta < 0) };
}

function errDelta(baseline: TFigures | null, current: TFigures | null, bandPp: number): TDelta {
  if (!baseline || !current) {
    return {
      baseline: baseline?.errorPct ?? null,
      current: current?.errorPct ?? null,
      delta: null,
      deltaPct: null,
      isFlagged: false,
      isWorse: false,
    };
  }
  const delta = current.errorPct - baseline.errorPct;
  const isNewFailure = baseline.errors === 0 && current.errors >= NEW_ERRORS_MIN;
  const isFlagged = Math.abs(delta) > bandPp || isNewFailure;
  return { baseline: baseline.errorPct, current: current.errorPct, delta, deltaPct: null, isFlagged, isWorse: isFlagged && delta > 0 };
}

/** Pure: baseline vs current records → compare rows (modules or labels), flagged ones first. */
export function compareRecords(
  baseline: TSummaryRecord[],
  current: TSummaryRecord[],
  scope: "module" | "label",
  bands: TNoiseBands,
): TCompareRow[] {
  const b = rollUp(baseline, scope);
  const c = rollUp(current, scope);
  const keys = [...new Set([...b.keys(), ...c.keys()])];
  const rows = keys.map((key): TCompareRow => {
    const base = b.get(key);
    const cur = c.get(key);
    const record = (cur ?? base)!.record;
    const bf = base?.figures ?? null;
    const cf = cur?.figures ?? null;
    const rate = relative(bf?.ratePerSec ?? null, cf?.ratePerSec ?? null, bands.ratePct, false);
    const avg = relative(bf?.avgMs ?? null, cf?.avgMs ?? null, bands.latencyPct, true);
    const p95 = relative(bf?.p95Ms ?? null, cf?.p95Ms ?? null, bands.latencyPct, true);
    const errPct = errDelta(bf, cf, bands.errPp);
    return {
      key,
      module: record.module,
      label: scope === "label" ? record.label : null,
      kind: scope === "label" ? record.kind : null,
      baseline: bf,
      current: cf,
      rate,
      avg,
      p95,
      errPct,
      isFlagged: rate.isFlagged || avg.isFlagged || p95.isFlagged || errPct.isFlagged,
    };
  });
  return rows.sort(
    (x, y) => Number(y.isFlagged) - Number(x.isFlagged) || x.module.localeCompare(y.module) || (x.label ?? "").localeCompare(y.label ?? ""),
  );
}
