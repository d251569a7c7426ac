/**
 * k6-style pass/fail thresholds (ZThreshold: `{ label?, metric, max?, min? }`) checked against a
 * run summary — the one rule the CLI (exit code 1), the worker (Run.thresholdResults) and the web
 * (a window of the results page) all use.
 *
 * `label` names a label or, failing that, a module; absent means the run total. Iteration start
 * lag rows are never a threshold's target: their label is the scenario's name, often also its
 * module's.
 *
 * INVARIANT: nothing measured fails. A target that is missing or has zero samples has no figure
 * (`actual: null`) and fails whatever the metric or bound — a `max` on an empty total must not pass
 * just because 0 ≤ max.
 */
import type { TRunSummary, TSummaryRow } from "./metrics/types";
import type { TThreshold } from "./scenario";

export interface TThresholdResult {
  /** Readable form, e.g. `p95Ms <= 500 (total)`. */
  expression: string;
  scope: "label" | "module" | "total";
  /** The label or module name; "" for the total. */
  target: string;
  metric: TThreshold["metric"];
  max?: number;
  min?: number;
  /** The measured figure; null when the target had no samples (or does not exist). */
  actual: number | null;
  ok: boolean;
}

export function evaluateThresholds(thresholds: readonly TThreshold[], summary: TRunSummary): TThresholdResult[] {
  return thresholds.map((t) => {
    let scope: TThresholdResult["scope"] = "total";
    let row: TSummaryRow | undefined = summary.total;
    if (t.label !== undefined) {
      const label = summary.labels.find((l) => l.label === t.label && l.kind !== "iteration_lag");
      const mod = summary.modules.find((m) => m.module === t.label);
      scope = label ? "label" : "module";
      row = label ?? mod;
    }
    const actual = row && row.samples > 0 ? row[t.metric] : null;
    const ok = actual !== null && (t.max === undefined || actual <= t.max) && (t.min === undefined || actual >= t.min);
    const bounds = [t.min !== undefined ? `${t.metric} >= ${t.min}` : "", t.max !== undefined ? `${t.metric} <= ${t.max}` : ""]
      .filter(Boolean)
      .join(" and ");
    return {
      expression: `${bounds || t.metric} (${t.label ?? "total"})`,
      scope,
      target: t.label ?? "",
      metric: t.metric,
      ...(t.max !== undefined ? { max: t.max } : {}),
      ...(t.min !== undefined ? { min: t.min } : {}),
      actual,
      ok,
    };
  });
}

/**
 * "Thresholds passed" of a run, the one spelling for the run header, the runs list and the API:
 * null when the run has no thresholds (or they were not evaluated yet), else whether every one
 * passed.
 */
export function thresholdsPassed(results: readonly Pick<TThresholdResult, "ok">[] | null | undefined): boolean | null {
  return results && results.length > 0 ? results.every((r) => r.ok) : null;
}

/** One line of the CLI's "Thresholds" block. */
export function formatThresholdResult(r: TThresholdResult): string {
  return `${r.expression} = ${r.actual ?? "nothing measured"}: ${r.ok ? "ok" : "FAILED"}`;
}
