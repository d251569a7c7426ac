import { durationSeconds } from "@/lib/run-metrics/figures";
import { findReportLabelRows } from "./find-report-label-rows";
import type { TReportLabelRow } from "./report.types";

/**
 * The per-label table as CSV (RFC 4180: quoted when needed, CRLF). A UTF-8 BOM leads so that
 * Excel reads Chinese labels right. Text cells starting with = + - @ are prefixed with ' so a
 * spreadsheet never runs them as formulas (labels and URLs come from imported files).
 */
const COLUMNS: [string, (r: TReportLabelRow) => string | number | null][] = [
  ["run", (r) => r.runName],
  ["run_id", (r) => r.runId],
  ["module", (r) => r.module],
  ["label", (r) => r.label],
  ["kind", (r) => r.kind],
  ["method", (r) => r.method],
  ["url", (r) => r.url],
  ["samples", (r) => r.samples],
  ["errors", (r) => r.errors],
  ["error_pct", (r) => r.errorPct.toFixed(2)],
  ["avg_ms", (r) => r.avgMs],
  ["min_ms", (r) => Math.round(r.minMs)],
  ["max_ms", (r) => Math.round(r.maxMs)],
  ["p50_ms", (r) => round1(r.p50Ms)],
  ["p90_ms", (r) => round1(r.p90Ms)],
  ["p95_ms", (r) => round1(r.p95Ms)],
  ["p99_ms", (r) => round1(r.p99Ms)],
  ["rate_per_s", (r) => r.ratePerSec.toFixed(1)],
  ["elapsed_s", (r) => durationSeconds(r.elapsedMs)],
  ["summary_line", (r) => r.summaryLine],
];

function round1(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Pure: rows → CSV text. */
export function renderLabelCsv(rows: TReportLabelRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const r of rows) lines.push(COLUMNS.map(([, get]) => csvCell(get(r))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function exportReportCsv(reportId: string): Promise<{ name: string; csv: string }> {
  const { name, rows } = await findReportLabelRows(reportId);
  return { name, csv: renderLabelCsv(rows) };
}
