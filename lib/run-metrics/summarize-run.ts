/**
 * Merged per-label figures of a stored run → the run summary (TRunSummary, the CLI's --json
 * shape), through the engine's one roll-up (rollUpSummary in lib/engine/metrics/summarize.ts):
 * the same rows, rules and duration as the engine's own summary.
 */
import { errorExampleKey, rollUpSummary, summaryRowFrom, type TRollUpOps } from "../engine/metrics/summarize";
import type { TRendezvousRelease, TRunSummary, TSampleKind, TSummaryRow } from "../engine/metrics/types";
import { emptyMerged, mergeInto, type TMergedFigures } from "./merge-figures";

export { errorExampleKey };

export interface TLabelMeta {
  index: number;
  label: string;
  module: string;
  kind: TSampleKind;
  method?: string | null;
  url?: string | null;
}

export interface TSummarizeInput {
  labels: readonly TLabelMeta[];
  /** Merged figures by RunLabel.index (labels without samples may be absent). */
  merged: ReadonlyMap<number, TMergedFigures>;
  releases?: { name: string; releases: TRendezvousRelease[] }[];
  /** Example messages by errorExampleKey(label, kind). */
  errorExamples?: ReadonlyMap<string, string[]>;
}

const MERGED_OPS: TRollUpOps<TMergedFigures> = {
  empty: emptyMerged,
  mergeInto,
  figures: (m) => m,
  percentileMs: (m, p) => m.histogram.percentileMs(p),
};

/** The engine's row arithmetic over stored, merged figures. */
export function summaryRowOf(m: TMergedFigures): TSummaryRow {
  return summaryRowFrom(m, (p) => m.histogram.percentileMs(p));
}

export function summarizeRun(input: TSummarizeInput): TRunSummary {
  const labels = input.labels.flatMap((meta) => {
    const figures = input.merged.get(meta.index);
    return figures ? [{ ...meta, figures }] : [];
  });
  return rollUpSummary(labels, MERGED_OPS, {
    ...(input.releases ? { releases: input.releases } : {}),
    ...(input.errorExamples ? { errorExamples: input.errorExamples } : {}),
  });
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
