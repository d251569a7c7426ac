/**
 * Merged per-label figures → the run summary (TRunSummary, the CLI's --json shape): label rows,
 * module rows and the total, each with its JMeter summary line. Same rules as the engine's
 * summarize(): module and total rows count requests only (a transaction would count its requests
 * twice); rendezvous waits and iteration start lag stay label rows of their own.
 */
import { lagFigures, summaryRowFrom } from "../engine/metrics/summarize";
import type {
  TErrorKind,
  TErrorSummary,
  TLabelSummary,
  TModuleSummary,
  TRendezvousRelease,
  TRunSummary,
  TSampleKind,
  TSummaryRow,
} from "../engine/metrics/types";
import { emptyMerged, mergeInto, type TMergedFigures } from "./merge-figures";

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
  /** Example messages by `${label}\u0000${kind}`. */
  errorExamples?: ReadonlyMap<string, string[]>;
  /** Wall time covered; default: last sample end − first sample start of the total. */
  elapsedSeconds?: number;
}

/** The engine's row arithmetic over stored, merged figures. */
export function summaryRowOf(m: TMergedFigures): TSummaryRow {
  return summaryRowFrom(m, (p) => m.histogram.percentileMs(p));
}

export const errorExampleKey = (label: string, kind: string) => `${label}\u0000${kind}`;

export function summarizeRun(input: TSummarizeInput): TRunSummary {
  const labels: TLabelSummary[] = [];
  const modules = new Map<string, TMergedFigures>();
  const total = emptyMerged();
  const errors: TErrorSummary[] = [];
  for (const meta of input.labels) {
    const m = input.merged.get(meta.index);
    if (!m || m.count === 0) continue;
    labels.push({
      label: meta.label,
      module: meta.module,
      kind: meta.kind,
      ...(meta.url ? { url: meta.url } : {}),
      ...(meta.method ? { method: meta.method } : {}),
      ...summaryRowOf(m),
      ...lagFigures(meta.kind, m.count, (p) => m.histogram.percentileMs(p)),
    });
    if (meta.kind === "request") {
      let mod = modules.get(meta.module);
      if (!mod) modules.set(meta.module, (mod = emptyMerged()));
      mergeInto(mod, m);
      mergeInto(total, m);
    }
    for (const [kind, count] of Object.entries(m.errorsByKind) as [TErrorKind, number][])
      if (count > 0) errors.push({ label: meta.label, kind, count, examples: input.errorExamples?.get(errorExampleKey(meta.label, kind)) ?? [] });
  }
  labels.sort((a, b) => a.module.localeCompare(b.module) || kindOrder(a.kind) - kindOrder(b.kind) || a.label.localeCompare(b.label));
  const moduleRows: TModuleSummary[] = [...modules.entries()]
    .map(([module, m]) => ({ module, ...summaryRowOf(m) }))
    .sort((a, b) => a.module.localeCompare(b.module));
  errors.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const elapsedSeconds =
    input.elapsedSeconds ?? (total.count > 0 ? round((total.lastEndMs - total.firstStartMs) / 1000, 3) : 0);
  return { elapsedSeconds, labels, modules: moduleRows, total: summaryRowOf(total), rendezvous: input.releases ?? [], errors };
}

function kindOrder(k: TSampleKind): number {
  return k === "transaction" ? 0 : k === "request" ? 1 : 2;
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
