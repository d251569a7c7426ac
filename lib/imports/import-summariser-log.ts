/**
 * Pasted JMeter console / jmeter.log output (`summary = …` lines, or a report table like the seed
 * report) → a jmeter_log Run holding only summary rows: one per module (JMeter's final `=` line
 * per module), label rows for `label:` summarisers, and a total. The parser's warnings (duplicate
 * rows, contradicting figures, logs cut short) are stored in Import.report.
 *
 * The total is JMeter's own `summary =` line when the log also has per-thread-group summarisers;
 * otherwise it is derived, since a log of separate modules has no line for it: samples, errors and
 * Σ(avg × samples) summed, min of mins, max of maxes, elapsed = the longest module's (modules of a
 * round run side by side), rate = samples ÷ elapsed as JMeter computes it. Percentiles are unknown
 * (a summariser prints none): null in RunSummaryRow, 0 in Run.summary.
 */
import { z } from "zod";
import { prisma, Prisma } from "@/lib/db/client";
import { formatSummaryLine, jmeterAverage, jmeterRate } from "@/lib/engine/metrics/summary-line";
import type { TLabelSummary, TModuleSummary, TRunSummary, TSummaryRow } from "@/lib/engine/metrics/types";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import { JmeterImportError, parseSummariserLog, type TSummariserRow } from "@/lib/jmeter";
import { importErrorEnglish, type TStoredImportError } from "@/lib/jmeter/import-error-codes";
import { ensureImportedModules } from "@/lib/modules/ensure-imported-modules";
import { ImportFailed } from "./import-error-fields";
import { storableJson } from "./storable";

const noNul = (s: string) => !s.includes("\u0000");
export const ZImportSummariserLogInput = z.object({
  text: z
    .string()
    .min(1, "Paste the summariser output.")
    .max(20 * 1024 * 1024)
    .refine(noNul, "The text contains a NUL character."),
  module: z.string().trim().min(1).max(200).refine(noNul, "NUL character").optional(),
  /** The daily report to add the run to. */
  reportId: z.string().min(1).optional(),
  /** Deprecated alias of reportId (the API's name before #16); reportId wins when both are given. */
  roundId: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200).refine(noNul, "NUL character").optional(),
});
export type TImportSummariserLogInput = z.input<typeof ZImportSummariserLogInput>;

export interface TImportSummariserLogResult {
  importId: string;
  runId: string;
  rows: number;
  warnings: string[];
  /** The warnings by code (lib/jmeter/import-error-codes.ts), for the UI's languages. */
  warningCodes: TStoredImportError[];
}

const LABEL_PREFIX = "label:";
/** The parser's module for lines that name none (parse-summariser-log.ts). */
const DEFAULT_LOG_MODULE = "jmeter";

function rowOf(r: TSummariserRow): TSummaryRow {
  return {
    samples: r.samples,
    errors: r.errors,
    errorPct: r.errorPct,
    avgMs: r.avgMs,
    minMs: r.minMs,
    maxMs: r.maxMs,
    p50Ms: 0,
    p90Ms: 0,
    p95Ms: 0,
    p99Ms: 0,
    ratePerSec: r.ratePerSec,
    summaryLine: r.summaryLine,
  };
}

export async function importSummariserLog(
  raw: TImportSummariserLogInput,
  actor?: { id: string | null; name: string } | null,
): Promise<TImportSummariserLogResult> {
  const parsed = ZImportSummariserLogInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(AppErrorCode.INVALID_INPUT, parsed.error.issues[0]?.message ?? "invalid input", toFieldIssues(parsed.error.issues));
  const input = parsed.data;
  const reportId = input.reportId ?? input.roundId;
  const reportPath = input.reportId ? "reportId" : "roundId";
  if (reportId && !(await prisma.report.findUnique({ where: { id: reportId }, select: { id: true } })))
    throw new AppError(AppErrorCode.INVALID_INPUT, "unknown report", [{ path: reportPath, message: "no report with this id" }]);

  let result: ReturnType<typeof parseSummariserLog>;
  try {
    result = parseSummariserLog(input.text, input.module ? { module: input.module } : {});
  } catch (error) {
    // A 400 with the reason's code, so the form words it in the reader's language.
    if (error instanceof JmeterImportError) throw new ImportFailed(error.message, error.toStored());
    throw error;
  }
  if (result.rows.length === 0)
    throw new ImportFailed(importErrorEnglish("log_no_summary_lines", {}), { code: "log_no_summary_lines", params: {} }, null, [
      { path: "text", message: "no summariser lines" },
    ]);

  // Per module (or label), the last row wins, as the parser already keeps JMeter's final line.
  // A log of one JMeter run with per-thread-group summarisers (Generate Summary Results named
  // after the group) also has the plain `summary` line: that one is the total, not a module.
  const fallbackModule = input.module ?? DEFAULT_LOG_MODULE;
  const isGroupRow = (r: TSummariserRow) => r.name !== "summary" && !r.name.startsWith(LABEL_PREFIX);
  const hasGroups = result.rows.some(isGroupRow);
  const modules = new Map<string, TModuleSummary & { elapsedMs: number }>();
  const labelRows: TSummariserRow[] = [];
  let totalRow: TSummariserRow | null = null;
  for (const r of result.rows) {
    if (r.name.startsWith(LABEL_PREFIX)) labelRows.push(r);
    else if (hasGroups && r.name === "summary" && r.module === fallbackModule) totalRow = r;
    else modules.set(r.module, { ...rowOf(r), module: r.module, elapsedMs: Math.round(r.elapsedSeconds * 1000) });
  }
  const only = modules.size === 1 ? [...modules.keys()][0]! : "";
  const labels = new Map<string, TLabelSummary & { elapsedMs: number }>();
  for (const r of labelRows) {
    const label = r.name.slice(LABEL_PREFIX.length);
    labels.set(label, { ...rowOf(r), label, module: only, kind: "request", elapsedMs: Math.round(r.elapsedSeconds * 1000) });
  }
  const all = [...modules.values()];
  const totalFigures = totalRow
    ? {
        samples: totalRow.samples,
        errors: totalRow.errors,
        sumMs: totalRow.avgMs * totalRow.samples,
        minMs: totalRow.minMs,
        maxMs: totalRow.maxMs,
        elapsedMs: Math.round(totalRow.elapsedSeconds * 1000),
      }
    : {
        samples: all.reduce((a, m) => a + m.samples, 0),
        errors: all.reduce((a, m) => a + m.errors, 0),
        sumMs: all.reduce((a, m) => a + m.avgMs * m.samples, 0),
        minMs: all.length ? Math.min(...all.map((m) => m.minMs)) : 0,
        maxMs: all.length ? Math.max(...all.map((m) => m.maxMs)) : 0,
        elapsedMs: all.length ? Math.max(...all.map((m) => m.elapsedMs)) : 0,
      };
  const totalRate = jmeterRate(totalFigures);
  const total: TSummaryRow = totalRow
    ? rowOf(totalRow)
    : {
        samples: totalFigures.samples,
        errors: totalFigures.errors,
        errorPct: totalFigures.samples ? (totalFigures.errors / totalFigures.samples) * 100 : 0,
        avgMs: jmeterAverage(totalFigures),
        minMs: totalFigures.minMs,
        maxMs: totalFigures.maxMs,
        p50Ms: 0,
        p90Ms: 0,
        p95Ms: 0,
        p99Ms: 0,
        ratePerSec: Number.isFinite(totalRate) ? totalRate : 0,
        summaryLine: formatSummaryLine(totalFigures),
      };
  const strip = <T extends { elapsedMs: number }>({ elapsedMs: _e, ...rest }: T) => rest;
  const summary: TRunSummary = {
    elapsedSeconds: totalFigures.elapsedMs / 1000,
    labels: [...labels.values()].map(strip),
    modules: all.map(strip),
    total,
    rendezvous: [],
    errors: [],
  };
  const row = (scope: "label" | "module" | "total", module: string, label: string, r: TSummaryRow, elapsedMs: number) => ({
    scope,
    module,
    label,
    kind: scope === "label" ? ("request" as const) : null,
    samples: BigInt(r.samples),
    errors: BigInt(r.errors),
    sumMs: r.avgMs * r.samples,
    minMs: r.minMs,
    maxMs: r.maxMs,
    elapsedMs: BigInt(elapsedMs),
    ratePerSec: r.ratePerSec,
    summaryLine: r.summaryLine,
  });
  const rows = [
    ...[...labels.values()].map((l) => row("label", l.module, l.label, l, l.elapsedMs)),
    ...all.map((m) => row("module", m.module, "", m, m.elapsedMs)),
    row("total", "", "", total, totalFigures.elapsedMs),
  ];
  // The default name is read in every language: the module and the log's usual file name, no English words.
  const name =
    input.name ?? (input.module ? `${input.module} (jmeter.log)` : `jmeter.log ${new Date().toISOString().slice(0, 16).replace("T", " ")}`);
  return prisma.$transaction(async (tx) => {
    const run = await tx.run.create({
      data: {
        name,
        status: "completed",
        source: "jmeter_log",
        scenarios: [],
        summary: summary as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
        startedById: actor?.id ?? null,
        startedByName: actor?.name ?? null,
      },
      select: { id: true },
    });
    await tx.runSummaryRow.createMany({ data: rows.map((r) => ({ ...r, runId: run.id })) });
    // The parser's stand-in for lines that name no module is not a module anyone has.
    await ensureImportedModules(
      tx,
      all.map((m) => m.module).filter((m) => input.module || m !== DEFAULT_LOG_MODULE),
    );
    if (reportId) {
      const position = await tx.reportRun.count({ where: { reportId } });
      await tx.reportRun.create({ data: { reportId, runId: run.id, position } });
    }
    const imp = await tx.import.create({
      data: {
        kind: "summariser_log",
        fileName: "pasted log",
        status: "completed",
        bytesTotal: BigInt(Buffer.byteLength(input.text)),
        bytesRead: BigInt(Buffer.byteLength(input.text)),
        samples: BigInt(total.samples),
        runId: run.id,
        finishedAt: new Date(),
        report: storableJson({
          warnings: result.warnings,
          warningCodes: result.warningCodes,
          modules: all.length,
          labels: labels.size,
        }) as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return { importId: imp.id, runId: run.id, rows: rows.length, warnings: result.warnings, warningCodes: result.warningCodes };
  });
}
