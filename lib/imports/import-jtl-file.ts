/**
 * A JMeter result file (JTL: CSV with or without header, or XML) → an imported run whose results
 * page works like any other run's.
 *
 * Flow: an Import row (processing) is created first so clients can poll its progress; the stream
 * goes through lib/jmeter's importJtl (constant memory: the file is never buffered) while
 * Import.bytesRead is updated at most every PROGRESS_INTERVAL_MS; on success ONE database
 * transaction creates the Run (source jmeter_jtl, completed), its labels and packed per-second
 * data (the same RunLabel / RunSecond rows the worker writes), the RunSummaryRow rows, an optional
 * ReportRun link, and marks the Import completed. On failure the Import is marked failed with the
 * importer's message (which names the line or XML element) and no run row exists.
 *
 * INVARIANT: RunSummaryRow rows and Run.summary come from the importer's exact JMeter figures
 * (sum, min, max, count, errors, first start → last end), not from the HDR histograms, so they
 * equal JMeter's own summariser and Aggregate Report. getRunResults shows Run.summary for a
 * finished run without a window; a window merges the per-second buckets as for engine runs.
 */
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { prisma, Prisma } from "@/lib/db/client";
import type { TMetricBucket } from "@/lib/engine/metrics/types";
import { importJtl, JmeterImportError, type ImportJtlResult, type TModuleMapping } from "@/lib/jmeter";
import { ensureImportedModules } from "@/lib/modules/ensure-imported-modules";
import { encodePacked, type TPackedLabel } from "@/lib/run-metrics/bucket-codec";
import { bucketToPacked, secondTotals } from "@/lib/run-metrics/pack-second";
import { rollupRun } from "@/lib/run-metrics/rollup-run";
import { importErrorEnglish, type TStoredImportError } from "@/lib/jmeter/import-error-codes";
import { importErrorFields, type TImportErrorFields } from "./import-error-fields";
import { storable, storableJson } from "./storable";
import { summaryRowsFromJtl } from "./summary-rows";

/** Progress writes: at most one in flight, at most ~2 per second. */
const PROGRESS_INTERVAL_MS = 500;
/** RunSecond rows per INSERT inside the transaction. */
const SECONDS_PER_INSERT = 500;
/** Generous: a multi-hour run at hundreds of labels writes tens of MB. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export interface TImportJtlFileInput {
  fileName: string;
  /** Declared size (Content-Length of the part or file size), for the progress bar. */
  bytesTotal?: number | null;
  modules?: TModuleMapping;
  fields?: string[];
  delimiter?: string;
  timestampFormat?: string;
  utcOffsetMinutes?: number;
  transactionsInTotals?: boolean;
  reportId?: string | null;
  /** Run name; default: the file name without extension. */
  runName?: string;
  startedById?: string | null;
  startedByName?: string | null;
  signal?: AbortSignal;
}

export interface TImportJtlFileResult extends TImportErrorFields {
  importId: string;
  status: "completed" | "failed";
  runId: string | null;
  samples: number;
  error: string | null;
  warnings: string[];
}

/** Creates the Import row (processing); separate so a route can answer with its id early. */
export async function createJtlImportRow(fileName: string, bytesTotal?: number | null): Promise<string> {
  const kind = /\.xml$/i.test(fileName) ? "jtl_xml" : "jtl_csv";
  const row = await prisma.import.create({
    data: { kind, fileName: storable(fileName, 500), bytesTotal: bytesTotal ? BigInt(bytesTotal) : null },
    select: { id: true },
  });
  return row.id;
}

export async function importJtlFile(
  stream: Readable | AsyncIterable<Buffer | Uint8Array | string>,
  input: TImportJtlFileInput,
  importId?: string,
): Promise<TImportJtlFileResult> {
  const id = importId ?? (await createJtlImportRow(input.fileName, input.bytesTotal));
  const progress = progressWriter(id);
  let result: ImportJtlResult;
  try {
    if (input.reportId) {
      const round = await prisma.report.findUnique({ where: { id: input.reportId }, select: { id: true } });
      if (!round) throw new JmeterImportError("report_not_found", { reportId: input.reportId });
    }
    result = await importJtl(stream, {
      modules: input.modules ?? { by: "threadGroup" },
      ...(input.fields?.length ? { fields: input.fields } : {}),
      ...(input.delimiter ? { delimiter: input.delimiter } : {}),
      ...(input.timestampFormat ? { timestampFormat: input.timestampFormat } : {}),
      ...(input.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: input.utcOffsetMinutes } : {}),
      ...(input.transactionsInTotals !== undefined ? { transactionsInTotals: input.transactionsInTotals } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
      onProgress: progress.report,
    });
    // A stream cut short (over the upload limit) may end cleanly: the abort still wins.
    input.signal?.throwIfAborted();
    if (result.samples === 0) throw new JmeterImportError("no_samples", {});
  } catch (error) {
    await progress.stop();
    return fail(id, error);
  }
  await progress.stop();
  try {
    const runId = await persist(id, input, result);
    // Rollups read committed seconds (node-postgres), so they come after the commit; they only
    // speed up windows (load-window falls back to seconds) and are idempotent.
    const last = result.buckets.at(-1)?.second;
    if (last !== undefined)
      await rollupRun(runId, { throughSecond: last, final: true }).catch((e) => console.error("[imports] rollup failed", runId, e));
    return {
      importId: id,
      status: "completed",
      runId,
      samples: result.samples,
      error: null,
      ...importErrorFields(null),
      warnings: result.warnings,
    };
  } catch (error) {
    return fail(id, error);
  }
}

async function fail(id: string, error: unknown): Promise<TImportJtlFileResult> {
  // busboy's message when the request body ends inside the file part.
  const cutOff = error instanceof Error && /^Unexpected end of (form|file)/.test(error.message);
  const known =
    cutOff || error instanceof JmeterImportError || (error instanceof Error && (error.name === "AbortError" || error.name === "AppError"));
  if (!known) console.error("[imports] JTL import failed", id, error);
  // The reason's code goes with it (Import.report.error) so the page words it in the reader's language.
  const stored: TStoredImportError | null = cutOff
    ? { code: "upload_cut_off", params: {} }
    : error instanceof JmeterImportError
      ? error.toStored()
      : null;
  const message = cutOff ? importErrorEnglish("upload_cut_off", {}) : error instanceof Error ? error.message : String(error);
  await prisma.import.update({
    where: { id },
    data: {
      status: "failed",
      error: storable(message),
      finishedAt: new Date(),
      ...(stored ? { report: storableJson({ error: stored }) as unknown as Prisma.InputJsonValue } : {}),
    },
  });
  return { importId: id, status: "failed", runId: null, samples: 0, error: message, ...importErrorFields(stored), warnings: [] };
}

function progressWriter(id: string) {
  let lastAt = 0;
  let latest = 0;
  let inFlight: Promise<unknown> | null = null;
  return {
    report(bytesRead: number) {
      latest = bytesRead;
      const now = Date.now();
      if (inFlight || now - lastAt < PROGRESS_INTERVAL_MS) return;
      lastAt = now;
      inFlight = prisma.import
        .update({ where: { id }, data: { bytesRead: BigInt(latest) } })
        .catch(() => {})
        .finally(() => (inFlight = null));
    },
    async stop() {
      await inFlight;
      await prisma.import.update({ where: { id }, data: { bytesRead: BigInt(latest) } }).catch(() => {});
    },
  };
}

/** Labels and seconds as the worker's MetricWriter packs them (lib/worker/persist-metrics.ts). */
export function packBuckets(buckets: readonly TMetricBucket[]) {
  const indexes = new Map<string, number>();
  const labels: Prisma.RunLabelCreateManyInput[] = [];
  const isRequest: boolean[] = [];
  const seconds: { second: number; labels: TPackedLabel[] }[] = [];
  for (const b of buckets) {
    const key = `${b.kind}\u0000${b.module}\u0000${b.label}`;
    let index = indexes.get(key);
    if (index === undefined) {
      index = indexes.size;
      indexes.set(key, index);
      isRequest[index] = b.kind === "request";
      labels.push({ runId: "", index, label: b.label, module: b.module, kind: b.kind, method: b.method ?? null, url: b.url ?? null });
    }
    let last = seconds.at(-1);
    if (!last || last.second !== b.second) seconds.push((last = { second: b.second, labels: [] }));
    last.labels.push(bucketToPacked(b, index));
  }
  const rows = seconds.map((s) => ({
    second: s.second,
    totals: secondTotals(s.labels, (i) => isRequest[i] === true),
    data: encodePacked(s.second, s.labels),
  }));
  return { labels, seconds: rows };
}

async function persist(importId: string, input: TImportJtlFileInput, result: ImportJtlResult): Promise<string> {
  // buckets are sorted by second (importer contract); one second's labels are distinct.
  const packed = packBuckets(result.buckets);
  const runId = randomUUID();
  const summaryRows = summaryRowsFromJtl(runId, result);
  const runName = storable(input.runName?.trim() || input.fileName.replace(/\.[^.]+$/, "") || "JMeter import", 200);
  await prisma.$transaction(
    async (tx) => {
      await tx.run.create({
        data: {
          id: runId,
          name: runName,
          status: "completed",
          source: "jmeter_jtl",
          startedAt: new Date(result.firstStartMs),
          finishedAt: new Date(result.lastEndMs),
          scenarios: [],
          summary: result.summary as unknown as Prisma.InputJsonValue,
          startedById: input.startedById ?? null,
          startedByName: input.startedByName ?? null,
        },
      });
      await tx.runLabel.createMany({ data: packed.labels.map((l) => ({ ...l, runId })) });
      for (let i = 0; i < packed.seconds.length; i += SECONDS_PER_INSERT)
        await tx.runSecond.createMany({
          data: packed.seconds
            .slice(i, i + SECONDS_PER_INSERT)
            .map((s) => ({ runId, second: s.second, activeVus: 0, ...s.totals, data: s.data })),
        });
      await tx.runSummaryRow.createMany({ data: summaryRows });
      await ensureImportedModules(
        tx,
        summaryRows.filter((r) => r.scope === "module").map((r) => r.module),
      );
      if (result.summary.errors.length)
        await tx.runError.createMany({
          data: result.summary.errors.map((e) => ({ runId, label: e.label, kind: e.kind, count: e.count, examples: e.examples })),
          skipDuplicates: true,
        });
      if (input.reportId) {
        const position = await tx.reportRun.count({ where: { reportId: input.reportId } });
        await tx.reportRun.create({ data: { reportId: input.reportId, runId, position } });
      }
      await tx.import.update({
        where: { id: importId },
        data: {
          kind: result.format === "xml" ? "jtl_xml" : "jtl_csv",
          status: "completed",
          runId,
          samples: BigInt(result.samples),
          finishedAt: new Date(),
          report: storableJson({
            warnings: result.warnings,
            warningCodes: result.warningCodes,
            ...(result.csv ? { csv: result.csv } : {}),
          }) as Prisma.InputJsonValue,
        },
      });
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
  return runId;
}
