/**
 * k6-style thresholds (ZThreshold: `{ label?, metric, max?, min? }`) evaluated against a run
 * summary. `label` names a label or a module; absent means the run total. A threshold whose
 * label/module has no samples fails (nothing proves it passed). Iteration start lag rows are
 * never a threshold's target: their label is the scenario's name, often also its module's.
 */
import type { TThreshold } from "../engine/scenario";
import type { TRunSummary, TSummaryRow } from "../engine/metrics/types";

export interface TThresholdResult {
  /** Readable form, e.g. `p95Ms < 500 (total)`. */
  expression: string;
  scope: "label" | "module" | "total";
  /** The label or module name; "" for the total. */
  target: string;
  metric: TThreshold["metric"];
  max?: number;
  min?: number;
  /** The measured figure, null when the target had no samples. */
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
