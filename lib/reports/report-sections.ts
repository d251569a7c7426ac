import { formatSummaryLine } from "@/lib/engine/metrics/summary-line";
import { averageMs, displayAverageMs, errorPercent } from "@/lib/run-metrics/figures";
import { slowInterfaces } from "@/lib/run-metrics/slow-interfaces";
import type { TReportLabelRow, TReportModuleRow, TReportRun, TReportSlowInterface } from "./report.types";

/**
 * Pure assembly of the report's computed sections from RunSummaryRow records.
 *
 * Roll-up (several runs of one module in a round): ONE ROW PER RUN AND MODULE, in the round's run
 * order, labelled by the module name — the users' own report lists each run's summariser line,
 * duplicates included (case4答题_linux twice). Merging would invent a line nobody measured:
 * elapsed times of separate runs do not add into one wall time, and a merged rate or Max would
 * hide the run that went wrong. The page shows the run name beside each row to tell them apart.
 *
 * The slow list, in contrast, is per interface over the whole round: an average is exactly
 * mergeable (Σ time ÷ Σ samples), and the users want each slow URL once.
 */

export const SUMMARY_LINE_RE = /^summary = +\d+ in \d\d:\d\d:\d\d = +[\d.]+\/s Avg: +\d+ Min: +\d+ Max: +\d+ Err: +\d+ \(\d+\.\d\d%\)$/;

/** A RunSummaryRow with BigInts as numbers. */
export interface TSummaryRecord {
  runId: string;
  scope: "label" | "module" | "total";
  module: string;
  label: string;
  kind: string | null;
  method: string | null;
  url: string | null;
  samples: number;
  errors: number;
  sumMs: number;
  minMs: number;
  maxMs: number;
  elapsedMs: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  ratePerSec: number;
  summaryLine: string;
}

/**
 * The row's `summary = …` line in JMeter's own padding (lib/engine/metrics/summary-line.ts), so one
 * table has one style: a line pasted from a log was stored whitespace-normalised
 * (`Avg: 17 Min: 1`), an engine run's line padded (`Avg:    17 Min:     1`). Every figure is the
 * row's; only the rate is taken as stored rather than recomputed, because a pasted line's elapsed
 * time is known to the whole second only (57553848 in 05:55:19 is 2699.65/s, JMeter printed the
 * 2699.6/s of its exact milliseconds).
 */
export function summaryLineOf(r: TSummaryRecord): string {
  const line = formatSummaryLine({
    samples: r.samples,
    errors: r.errors,
    sumMs: r.sumMs,
    minMs: r.minMs,
    maxMs: r.maxMs,
    elapsedMs: r.elapsedMs,
  });
  if (r.samples === 0 || !Number.isFinite(r.ratePerSec) || r.ratePerSec <= 0) return line;
  const computed = formatSummaryLine({ samples: 1, errors: 0, sumMs: 0, minMs: 0, maxMs: 0, elapsedMs: 1000 / r.ratePerSec });
  // The rate field of a line formatted at exactly the stored rate (1 sample in 1/rate seconds).
  const rate = /= +([\d.]+|\*+)\/s/.exec(computed)?.[0];
  return rate ? line.replace(/= +([\d.]+|\*+)\/s/, rate) : line;
}

/** Error % and average as every view shows them (lib/run-metrics/figures.ts). */
function errorPct(samples: number, errors: number): number {
  return errorPercent(errors, samples);
}

function shownAverage(r: Pick<TSummaryRecord, "sumMs" | "samples">): number {
  return displayAverageMs(averageMs(r.sumMs, r.samples));
}

/**
 * Section 1: module rows per run in run order (modules by name within a run); a run without module
 * rows shows its total. `moduleOrder` (the report's, set by the user) then decides: its modules
 * first, in its order, the rows of one module kept in run order; modules it does not name after.
 */
export function buildModuleRows(runs: TReportRun[], records: TSummaryRecord[], moduleOrder: readonly string[] = []): TReportModuleRow[] {
  const out: TReportModuleRow[] = [];
  for (const run of [...runs].sort((a, b) => a.position - b.position)) {
    const mine = records.filter((r) => r.runId === run.id);
    let rows = mine.filter((r) => r.scope === "module").sort((a, b) => a.module.localeCompare(b.module));
    let isRunTotal = false;
    if (rows.length === 0) {
      rows = mine.filter((r) => r.scope === "total").slice(0, 1);
      isRunTotal = true;
    }
    for (const r of rows) {
      out.push({
        module: isRunTotal ? r.module || run.name : r.module,
        runId: run.id,
        runName: run.name,
        samples: r.samples,
        errors: r.errors,
        errorPct: errorPct(r.samples, r.errors),
        avgMs: shownAverage(r),
        minMs: r.minMs,
        maxMs: r.maxMs,
        p95Ms: r.p95Ms,
        ratePerSec: r.ratePerSec,
        elapsedMs: r.elapsedMs,
        summaryLine: summaryLineOf(r),
        isRunTotal,
      });
    }
  }
  const rank = new Map(moduleOrder.map((name, i) => [name, i]));
  const rankOf = (m: TReportModuleRow) => rank.get(m.module) ?? moduleOrder.length;
  // Array.prototype.sort is stable: equal ranks keep the run order built above.
  return out.sort((a, b) => rankOf(a) - rankOf(b));
}

/** The distinct modules of the rows, in the rows' order: what the order control lists. */
export function moduleNamesOf(rows: readonly TReportModuleRow[]): string[] {
  return [...new Set(rows.map((m) => m.module))];
}

/** Section 2: the slow list over the round's runs — the one rule in lib/run-metrics/slow-interfaces.ts. */
export function buildSlowInterfaces(records: TSummaryRecord[], thresholdMs: number): TReportSlowInterface[] {
  return slowInterfaces(
    records.filter((r) => r.scope === "label"),
    thresholdMs,
  );
}

/** The per-label table (CSV export): every label row of every run, in run order. */
export function buildLabelRows(runs: TReportRun[], records: TSummaryRecord[]): TReportLabelRow[] {
  const out: TReportLabelRow[] = [];
  for (const run of [...runs].sort((a, b) => a.position - b.position)) {
    const rows = records
      .filter((r) => r.runId === run.id && r.scope === "label")
      .sort((a, b) => a.module.localeCompare(b.module) || a.label.localeCompare(b.label));
    for (const r of rows) {
      out.push({
        runId: run.id,
        runName: run.name,
        module: r.module,
        label: r.label,
        kind: r.kind,
        method: r.method,
        url: r.url,
        samples: r.samples,
        errors: r.errors,
        errorPct: errorPct(r.samples, r.errors),
        avgMs: shownAverage(r),
        minMs: r.minMs,
        maxMs: r.maxMs,
        p50Ms: r.p50Ms,
        p90Ms: r.p90Ms,
        p95Ms: r.p95Ms,
        p99Ms: r.p99Ms,
        ratePerSec: r.ratePerSec,
        elapsedMs: r.elapsedMs,
        summaryLine: summaryLineOf(r),
      });
    }
  }
  return out;
}
