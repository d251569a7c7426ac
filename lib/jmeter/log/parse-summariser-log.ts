/**
 * Summariser log import: JMeter console or jmeter.log output pasted by a user (or a report table
 * like the seed's 模块压测情况) → one result row per module, for runs whose JTL is gone.
 *
 * Understands both line formats:
 *   JMeter ≥ 3:  summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)
 *   JMeter 2.x:  summary =    559 in   6.3s =   89.0/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)
 * with log prefixes ("… INFO o.a.j.r.Summariser: "), trailing "Active: …" on `+` lines, Markdown
 * table pipes with the module in the first cell, rows broken across lines and duplicated rows.
 * For each module the last `=` line (the final cumulative total) wins; `+` lines are used only
 * when a module has no `=` line (a log cut short), summed, with a warning.
 */
import { JmeterImportError } from "../errors";
import { ImportWarnings, type TStoredImportError } from "../import-error-codes";

export interface TSummariserRow {
  module: string;
  /** The summariser's name ("summary", or a Generate Summary Results element's name). */
  name: string;
  samples: number;
  elapsedSeconds: number;
  ratePerSec: number;
  avgMs: number;
  minMs: number;
  maxMs: number;
  errors: number;
  errorPct: number;
  /** "hms" (JMeter ≥ 3, hh:mm:ss) or "seconds" (JMeter 2.x, "6.3s"). */
  elapsedFormat: "hms" | "seconds";
  /** 1-based line of the text the row came from. */
  line: number;
  /** The figures as JMeter printed them, whitespace-normalised. */
  summaryLine: string;
}

export interface TParseSummariserLogOptions {
  /** Module for lines that name none (no table cell, summariser called "summary"). */
  module?: string;
}

export interface TParseSummariserLogResult {
  rows: TSummariserRow[];
  warnings: string[];
  /** The warnings by code (lib/jmeter/import-error-codes.ts), for the UI's languages. */
  warningCodes: TStoredImportError[];
}

const LINE =
  /([=+])[ \t]*(\d+)[ \t]+in[ \t]+(\d+:\d{2}:\d{2}|\d+(?:\.\d+)?s)[ \t]*=[ \t]*([\d.]+|\*+)\/s[ \t]+Avg:[ \t]*(-?\d+)[ \t]+Min:[ \t]*(-?\d+)[ \t]+Max:[ \t]*(-?\d+)[ \t]+Err:[ \t]*(\d+)[ \t]*\(([\d.]+)%\)/g;

export function parseSummariserLog(text: string, options: TParseSummariserLogOptions = {}): TParseSummariserLogResult {
  if (text.includes("\u0000")) throw new JmeterImportError("log_binary", {});
  const warnings = new ImportWarnings();
  const totals = new Map<string, TSummariserRow>();
  const intervals = new Map<string, TSummariserRow[]>();
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineOf = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  for (const m of text.matchAll(LINE)) {
    const index = m.index ?? 0;
    const line = lineOf(index);
    const prefix = text.slice(lineStarts[line - 1], index);
    const { name, module } = nameAndModule(prefix, options.module);
    if (!name) continue; // "=" inside other text, e.g. a URL query; a summary line always has a name
    const [, type, n, elapsed, rate, avg, min, max, err, pct] = m as unknown as string[];
    const hms = (elapsed as string).includes(":");
    const row: TSummariserRow = {
      module,
      name,
      samples: Number(n),
      elapsedSeconds: hms ? parseHms(elapsed as string) : Number((elapsed as string).slice(0, -1)),
      ratePerSec: (rate as string).startsWith("*") ? Number.POSITIVE_INFINITY : Number(rate),
      avgMs: Number(avg),
      minMs: Number(min),
      maxMs: Number(max),
      errors: Number(err),
      errorPct: Number(pct),
      elapsedFormat: hms ? "hms" : "seconds",
      line,
      summaryLine: `${name} ${m[0].replace(/[ \t]+/g, " ")}`,
    };
    check(row, warnings);
    if (type === "+") {
      const list = intervals.get(module) ?? [];
      list.push(row);
      intervals.set(module, list);
      continue;
    }
    const earlier = totals.get(module);
    if (earlier && sameFigures(earlier, row)) warnings.add("warning_log_duplicate", { earlier: earlier.line, module }, line);
    else {
      if (earlier && row.samples < earlier.samples) warnings.add("warning_log_fewer_samples", { module, earlier: earlier.line }, line);
      totals.set(module, row);
    }
  }
  for (const [module, list] of intervals) {
    if (totals.has(module)) continue;
    warnings.add("warning_log_intervals_summed", { module, count: list.length });
    totals.set(module, sumIntervals(list));
  }
  if (totals.size === 0) throw new JmeterImportError("log_no_summary_lines", {});
  return { rows: [...totals.values()].sort((a, b) => a.line - b.line), warnings: warnings.texts, warningCodes: warnings.coded };
}

/** The summariser name before the `=`/`+`, and the module (table cell, summariser name or default). */
function nameAndModule(prefix: string, fallbackModule?: string): { name: string; module: string } {
  let cells = prefix.split("|").map((c) => c.trim());
  let last = cells.pop() ?? "";
  // Log prefixes: "2026/11/22 02:52:00 INFO  - jmeter.reporters.Summariser: summary", "… Summariser: summary".
  const colon = last.lastIndexOf("Summariser: ");
  if (colon >= 0) last = last.slice(colon + "Summariser: ".length);
  last = last.trim();
  cells = cells.filter(Boolean);
  const cell = cells[cells.length - 1];
  const moduleName = cell ?? (last && last !== "summary" ? last : (fallbackModule ?? "jmeter"));
  return { name: last, module: moduleName };
}

function parseHms(text: string): number {
  const [h, m, s] = text.split(":").map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
}

function sameFigures(a: TSummariserRow, b: TSummariserRow): boolean {
  return a.summaryLine === b.summaryLine;
}

/** Flags lines whose figures contradict each other (a typo in a hand-made report). */
function check(r: TSummariserRow, warnings: ImportWarnings): void {
  const pct = r.samples === 0 ? 0 : (r.errors / r.samples) * 100;
  if (Math.abs(pct - r.errorPct) > 0.006)
    warnings.add("warning_log_error_pct", { errors: r.errors, samples: r.samples, pct: pct.toFixed(2), linePct: r.errorPct }, r.line);
  if (r.minMs > r.avgMs || r.avgMs > r.maxMs) warnings.add("warning_log_avg_range", { avg: r.avgMs, min: r.minMs, max: r.maxMs }, r.line);
  if (r.elapsedSeconds > 0 && Number.isFinite(r.ratePerSec)) {
    const rate = r.samples / r.elapsedSeconds;
    // Elapsed is printed rounded to the second: allow that much.
    const lo = r.samples / (r.elapsedSeconds + 0.5);
    const hi = r.elapsedSeconds > 0.5 ? r.samples / (r.elapsedSeconds - 0.5) : Number.POSITIVE_INFINITY;
    if (r.ratePerSec < lo - 0.05 - rate * 0.001 || r.ratePerSec > hi + 0.05 + rate * 0.001)
      warnings.add(
        "warning_log_rate",
        { samples: r.samples, elapsed: r.elapsedSeconds, rate: rate.toFixed(1), lineRate: r.ratePerSec },
        r.line,
      );
  }
}

function sumIntervals(list: TSummariserRow[]): TSummariserRow {
  const first = list[0] as TSummariserRow;
  const samples = list.reduce((a, r) => a + r.samples, 0);
  const errors = list.reduce((a, r) => a + r.errors, 0);
  const elapsedSeconds = list.reduce((a, r) => a + r.elapsedSeconds, 0);
  const sum = list.reduce((a, r) => a + r.avgMs * r.samples, 0);
  return {
    ...first,
    samples,
    errors,
    elapsedSeconds,
    ratePerSec: elapsedSeconds > 0 ? samples / elapsedSeconds : 0,
    avgMs: samples ? Math.trunc(sum / samples) : 0,
    minMs: Math.min(...list.map((r) => r.minMs)),
    maxMs: Math.max(...list.map((r) => r.maxMs)),
    errorPct: samples ? (errors / samples) * 100 : 0,
    summaryLine: list.map((r) => r.summaryLine).join("\n"),
  };
}
