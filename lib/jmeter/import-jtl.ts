/**
 * importJtl: a JMeter result file (CSV with or without header, or XML) → the metric contract's
 * per-second buckets plus a run summary whose figures match JMeter's own.
 *
 * The whole file is read into aggregates before anything is returned, so a caller that persists
 * the result in one transaction never stores half an import: bad input throws JmeterImportError
 * naming the line (or XML element path) and nothing is returned.
 */
import type { Readable } from "node:stream";
import { JtlAggregator, type TJtlAggregate, type TJtlSeries } from "./aggregate/jtl-aggregator";
import type { TModuleMapping } from "./aggregate/module-mapping";
import { CsvJtlReader, type TCsvJtlInfo, type TCsvJtlOptions } from "./csv/csv-jtl-reader";
import { JmeterImportError } from "./errors";
import { ImportWarnings, type TStoredImportError } from "./import-error-codes";
import { ParallelCsvReader } from "./csv/parallel-csv-reader";
import { XmlJtlReader } from "./xml/xml-jtl-reader";

export interface TImportJtlOptions extends TCsvJtlOptions {
  /** Detected from the first bytes when absent. */
  format?: "csv" | "xml";
  /** How samples map to modules; default: by thread group. */
  modules?: TModuleMapping;
  /**
   * Count Transaction Controller samples in module and total figures (JMeter 2.13's summariser,
   * the default) or not (JMeter ≥ 3's, summariser.ignore_transaction_controller_sample_result).
   */
  transactionsInTotals?: boolean;
  /**
   * Read large CSV files with worker threads (they read chunk bodies; same results, see
   * csv/parallel-csv-reader.ts). Default true; falls back to one thread by itself when a worker
   * cannot start. `afterBytes`: read that much on one thread first (default 8 MB; tests use less);
   * `workers`: how many (default: cores − 1, at most two; 0 = one thread).
   */
  parallel?: boolean | { afterBytes?: number; workers?: number };
  /** Called after each chunk with the bytes read so far (for a progress bar). */
  onProgress?: (bytesRead: number) => void;
  signal?: AbortSignal;
}

export interface TImportJtlResult extends TJtlAggregate {
  format: "csv" | "xml";
  /** CSV only: delimiter, header, columns and timestamp format used. */
  csv?: TCsvJtlInfo;
  warnings: string[];
  /** The warnings by code (lib/jmeter/import-error-codes.ts), for the UI's languages. */
  warningCodes: TStoredImportError[];
}

type Chunk = Buffer | Uint8Array | string;

export async function importJtl(input: AsyncIterable<Chunk> | Readable, options: TImportJtlOptions = {}): Promise<TImportJtlResult> {
  const aggregator = new JtlAggregator(options.modules ?? { by: "threadGroup" }, options.transactionsInTotals ?? true);
  const onSample = aggregator.add.bind(aggregator);
  let reader: CsvJtlReader<TJtlSeries> | XmlJtlReader<TJtlSeries> | null = null;
  let parallel: ParallelCsvReader<TJtlSeries> | null = null;
  let format: "csv" | "xml" | undefined = options.format;
  let bytes = 0;
  try {
    for await (const raw of input as AsyncIterable<Chunk>) {
      options.signal?.throwIfAborted();
      const chunk =
        typeof raw === "string" ? Buffer.from(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      if (chunk.length === 0) continue;
      if (!reader) {
        format ??= sniffFormat(chunk);
        if (format === "xml") reader = new XmlJtlReader(options, onSample, aggregator);
        else {
          const csv = new CsvJtlReader(options, aggregator);
          const p = options.parallel ?? true;
          if (p)
            parallel = new ParallelCsvReader(
              csv,
              aggregator,
              options,
              p === true ? undefined : p.afterBytes,
              p === true ? undefined : p.workers,
            );
          reader = csv;
        }
      }
      const data = bytes === 0 ? stripBom(chunk) : chunk;
      bytes += chunk.length;
      if (parallel) await parallel.push(data);
      else reader.push(data);
      options.onProgress?.(bytes);
    }
    if (!reader) throw new JmeterImportError("file_empty", {});
    if (parallel) await parallel.end();
    else reader.end();
  } finally {
    await parallel?.close();
  }
  const result = aggregator.finish();
  const warnings = new ImportWarnings();
  const csv = reader instanceof CsvJtlReader ? (reader.details ?? undefined) : undefined;
  if (result.samples === 0) warnings.add("warning_no_samples", {});
  if (csv?.layout) warnings.add("warning_csv_no_header", { layout: csv.layout, columns: csv.columns.join(",") });
  if (csv?.timestampFormat && options.utcOffsetMinutes === undefined)
    warnings.add("warning_csv_local_time", { format: csv.timestampFormat });
  return { ...result, format: format ?? "csv", ...(csv ? { csv } : {}), warnings: warnings.texts, warningCodes: warnings.coded };
}

function stripBom(chunk: Buffer): Buffer {
  return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}

/** "xml" when the first non-blank byte is "<"; rejects compressed and binary input early. */
export function sniffFormat(head: Buffer): "csv" | "xml" {
  if (head[0] === 0x1f && head[1] === 0x8b) throw new JmeterImportError("file_gzip", {}, { line: 1 });
  if (head[0] === 0x50 && head[1] === 0x4b) throw new JmeterImportError("file_zip", {}, { line: 1 });
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  const probe = head.subarray(i, i + 512);
  if (probe.includes(0)) throw new JmeterImportError("file_binary", {}, { line: 1 });
  return head[i] === 0x3c ? "xml" : "csv";
}
