/**
 * Merged per-label figures → the run summary (TRunSummary, the CLI's --json shape): label rows,
 * module rows and the total, each with its JMeter summary line. Same rules as the engine's
 * summarize(): module and total rows count requests only (a transaction would count its requests
 * twice); rendezvous waits stay label rows of their own.
 */
import { formatSummaryLine } from "../engine/metrics/summary-line";
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

/** As the engine: a percentile is never above the exact max (a histogram bucket's top can be). */
export function summaryRowOf(m: TMergedFigures): TSummaryRow {
  const elapsedMs = m.count > 0 ? Math.max(0, m.lastEndMs - m.firstStartMs) : 0;
  const rate = m.count === 0 || elapsedMs <= 0 ? 0 : (m.count / elapsedMs) * 1000;
  return {
    samples: m.count,
    errors: m.errors,
    errorPct: m.count === 0 ? 0 : round((m.errors / m.count) * 100, 4),
    avgMs: m.count === 0 ? 0 : round(m.sumMs / m.count, 3),
    minMs: m.count === 0 ? 0 : round(m.minMs, 3),
    maxMs: round(m.maxMs, 3),
    p50Ms: round(Math.min(m.histogram.percentileMs(50), m.maxMs), 3),
    p90Ms: round(Math.min(m.histogram.percentileMs(90), m.maxMs), 3),
    p95Ms: round(Math.min(m.histogram.percentileMs(95), m.maxMs), 3),
    p99Ms: round(Math.min(m.histogram.percentileMs(99), m.maxMs), 3),
    ratePerSec: round(rate, 3),
    summaryLine: formatSummaryLine({ samples: m.count, errors: m.errors, sumMs: m.sumMs, minMs: m.minMs, maxMs: m.maxMs, elapsedMs }),
  };
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
