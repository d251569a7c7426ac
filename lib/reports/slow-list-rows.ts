import { displayAverageMs } from "@/lib/run-metrics/figures";
import type { TReport } from "./report.types";

/** One row of section 2 as every view shows it: computed by the slow-list rule, or entered by hand. */
export interface TSlowListRow {
  url: string;
  method: string | null;
  module: string;
  samples: number | null;
  /** Whole ms, as every average is shown. */
  avgMs: number;
  p95Ms: number | null;
  /** Entered by hand (ReportSlowRow): the id to edit it by. */
  manualId: string | null;
  note: string;
}

/**
 * Section 2 for the page, the share page and the Markdown: the computed interfaces (the one rule,
 * lib/run-metrics/slow-interfaces.ts — nothing is recomputed here) and the hand-entered rows beside
 * them, slowest first; on a tie the computed row leads, hand rows keep their own order. Hand rows
 * are listed whatever their average: the tester chose to put them there.
 */
export function slowListRows(report: Pick<TReport, "slowInterfaces" | "manualSlowRows">): TSlowListRow[] {
  const computed: TSlowListRow[] = report.slowInterfaces.map((s) => ({
    url: s.url,
    method: s.method,
    module: s.module,
    samples: s.samples,
    avgMs: s.avgMs,
    p95Ms: s.p95Ms,
    manualId: null,
    note: "",
  }));
  const manual: TSlowListRow[] = report.manualSlowRows.map((m) => ({
    url: m.url,
    method: m.method,
    module: m.module,
    samples: m.samples,
    avgMs: displayAverageMs(m.avgMs),
    p95Ms: null,
    manualId: m.id,
    note: m.note,
  }));
  return [...computed, ...manual].sort((a, b) => b.avgMs - a.avgMs);
}
