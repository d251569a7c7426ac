/**
 * Pass/fail thresholds of scenarios (`thresholds:`), checked against the run summary. The CLI
 * exits 1 when one fails.
 */
import type { TRunSummary, TSummaryRow } from "./metrics/types";
import type { TScenario, TThreshold } from "./scenario";

export interface TThresholdResult {
  threshold: TThreshold;
  scenario: string;
  /** The measured figure (null: the label or module was not in the results). */
  value: number | null;
  passed: boolean;
  message: string;
}

export function evaluateThresholds(scenarios: TScenario[], summary: TRunSummary): TThresholdResult[] {
  const results: TThresholdResult[] = [];
  for (const scenario of scenarios)
    for (const threshold of scenario.thresholds ?? []) {
      const row: TSummaryRow | undefined =
        threshold.label === undefined
          ? summary.total
          : (summary.labels.find((l) => l.label === threshold.label) ?? summary.modules.find((m) => m.module === threshold.label));
      const value = row ? row[threshold.metric] : null;
      const tooHigh = value !== null && threshold.max !== undefined && value > threshold.max;
      const tooLow = value !== null && threshold.min !== undefined && value < threshold.min;
      const passed = value !== null && !tooHigh && !tooLow;
      const bound = [threshold.min !== undefined ? `≥ ${threshold.min}` : "", threshold.max !== undefined ? `≤ ${threshold.max}` : ""].filter(Boolean).join(" and ");
      results.push({
        threshold,
        scenario: scenario.name,
        value,
        passed,
        message: `${threshold.label ?? "total"} ${threshold.metric} = ${value ?? "n/a"} (want ${bound || "any"}): ${passed ? "ok" : "FAILED"}`,
      });
    }
  return results;
}
