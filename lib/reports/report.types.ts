/**
 * The assembled daily report (get-report.ts), plain and serialisable: pages, the share page, the
 * Markdown/CSV exports and the API all read this shape.
 */
import type { TReportProblem } from "@/lib/problems/problem.types";

export type { TReportProblem };
import type { TSlowInterface } from "@/lib/run-metrics/slow-interfaces";

export interface TReportRun {
  id: string;
  name: string;
  status: string;
  source: string;
  position: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Section 1 (模块压测情况): one row per module per run — see docs/design-notes.md, "Daily reports" (roll-up). */
export interface TReportModuleRow {
  module: string;
  runId: string;
  runName: string;
  samples: number;
  errors: number;
  errorPct: number;
  avgMs: number;
  minMs: number;
  maxMs: number;
  p95Ms: number | null;
  ratePerSec: number;
  elapsedMs: number;
  /** JMeter's `summary = …` line. */
  summaryLine: string;
  /** True when the run had no module rows and its total stands in for the module (named after the run). */
  isRunTotal: boolean;
}

/** Section 2 (接口平均响应时间大于3s的接口): interfaces whose average is over the round's threshold. */
export type TReportSlowInterface = TSlowInterface;

/** A section-2 row entered by hand (ReportSlowRow), shown with the computed ones, marked manual. */
export interface TReportManualSlowRow {
  id: string;
  url: string;
  method: string | null;
  module: string;
  /** As entered; shown truncated to whole ms like every other average. */
  avgMs: number;
  samples: number | null;
  note: string;
  position: number;
}

/** Section 3 (压力下实际终端显影情况). Exactly one of seconds (min/max) or status is set. */
export interface TReportObservation {
  id: string;
  feature: string;
  secondsMin: number | null;
  secondsMax: number | null;
  /** A word such as 正常, as the tester typed it. */
  status: string | null;
  note: string | null;
  observedAt: string | null;
  position: number;
}

export interface TReport {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  date: string;
  slowThresholdMs: number;
  notes: string;
  createdAt: string;
  updatedAt: string;
  runs: TReportRun[];
  /** Module names in the user's order for section 1 (modules not named follow in run order). */
  moduleOrder: string[];
  modules: TReportModuleRow[];
  slowInterfaces: TReportSlowInterface[];
  /** Entered by hand, in their own order (position). */
  manualSlowRows: TReportManualSlowRow[];
  observations: TReportObservation[];
  problems: TReportProblem[];
}

/** One row of the per-label table (CSV export and the report page's detail table). */
export interface TReportLabelRow {
  runId: string;
  runName: string;
  module: string;
  label: string;
  kind: string | null;
  method: string | null;
  url: string | null;
  samples: number;
  errors: number;
  errorPct: number;
  avgMs: number;
  minMs: number;
  maxMs: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  ratePerSec: number;
  elapsedMs: number;
  summaryLine: string;
}
