/**
 * RunSummaryRow rows of an imported run, from the importer's exact JMeter figures (never from
 * histograms): sum, min, max, count, errors and elapsed (first sample start → last sample end)
 * as JMeter's summariser keeps them; percentiles as its Aggregate Report computes them.
 */
import type { Prisma } from "@/lib/db/client";
import type { TSummaryRow } from "@/lib/engine/metrics/types";
import type { ImportJtlResult, JmeterFigures } from "@/lib/jmeter";

type TRow = Prisma.RunSummaryRowCreateManyInput;

function fromFigures(runId: string, f: JmeterFigures, row: TSummaryRow): Omit<TRow, "scope" | "module"> {
  const s = f.summaryFigures();
  return {
    runId,
    samples: BigInt(s.samples),
    errors: BigInt(s.errors),
    sumMs: s.sumMs,
    minMs: s.minMs,
    maxMs: s.maxMs,
    elapsedMs: BigInt(Math.round(s.elapsedMs)),
    p50Ms: row.p50Ms,
    p90Ms: row.p90Ms,
    p95Ms: row.p95Ms,
    p99Ms: row.p99Ms,
    ratePerSec: row.ratePerSec,
    summaryLine: row.summaryLine,
  };
}

export function summaryRowsFromJtl(runId: string, result: Pick<ImportJtlResult, "summary" | "figures">): TRow[] {
  const rows: TRow[] = [];
  // summary.labels and figures.labels come from the same list, in the same order.
  result.summary.labels.forEach((l, i) => {
    const f = result.figures.labels[i];
    if (!f || f.label !== l.label || f.module !== l.module) throw new Error(`importer figures out of step at label ${l.label}`);
    rows.push({
      ...fromFigures(runId, f.figures, l),
      scope: "label",
      module: l.module,
      label: l.label,
      kind: l.kind,
      method: l.method ?? null,
      url: l.url ?? null,
    });
  });
  for (const m of result.summary.modules) {
    const f = result.figures.modules.get(m.module);
    if (!f) throw new Error(`importer figures missing for module ${m.module}`);
    rows.push({ ...fromFigures(runId, f, m), scope: "module", module: m.module, label: "" });
  }
  rows.push({ ...fromFigures(runId, result.figures.total, result.summary.total), scope: "total", module: "", label: "" });
  return rows;
}
