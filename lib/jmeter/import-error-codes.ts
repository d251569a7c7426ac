/**
 * Every reason a JMeter import can fail, by a stable code: the parameters the code carries and its
 * English text (JmeterImportError.message, for logs and the API). The UI does not show that text:
 * it shows messages/<locale>.json `importErrors.codes.<code>` with the same parameters
 * (app/(dashboard)/imports/import-error-text.tsx), and lib/jmeter/import-error-codes.test.ts
 * checks that every locale has every code with exactly these parameters. The mechanism is the
 * generic one of lib/i18n/coded-messages.ts.
 */

import { englishOf, entry, none, type TParamsOf, type TParamValue } from "../i18n/coded-messages";

export const IMPORT_ERRORS = {
  // The file as a whole (lib/jmeter/import-jtl.ts).
  file_empty: entry(none, () => "the file is empty"),
  file_gzip: entry(none, () => "a gzip-compressed file: decompress it first"),
  file_zip: entry(none, () => "a zip archive: extract the .jtl first"),
  file_binary: entry(none, () => "binary data, not a JTL (CSV or XML) file"),
  no_samples: entry(none, () => "the file holds no samples"),
  report_not_found: entry(["reportId"], (p) => `no daily report with id ${p.reportId}`),

  // CSV JTL (lib/jmeter/csv).
  csv_binary: entry(none, () => "binary data, not a CSV JTL"),
  csv_binary_row: entry(none, () => "binary data in the file (not a text JTL, or corrupted)"),
  csv_delimiter_length: entry(["delimiter"], (p) => `the delimiter must be one character, got ${JSON.stringify(p.delimiter)}`),
  csv_row_too_long: entry(["maxMb"], (p) => `a row longer than ${p.maxMb} MB: an unterminated quote or not a CSV file`),
  csv_unterminated_quote: entry(none, () => "the file ends inside a quoted field (truncated?)"),
  csv_after_closing_quote: entry(
    ["char", "field"],
    (p) => `unexpected character ${JSON.stringify(p.char)} after a closing quote in field ${p.field}`,
  ),
  csv_too_few_fields: entry(
    ["expected", "found"],
    (p) => `expected ${p.expected} fields, found ${p.found} (a truncated row, or a different column layout)`,
  ),
  csv_too_many_fields: entry(
    ["expected", "found"],
    (p) => `expected ${p.expected} fields, found ${p.found} (an unquoted delimiter, or a different column layout)`,
  ),
  csv_not_whole_number: entry(["column", "value"], (p) => `${p.column} ${JSON.stringify(p.value)} is not a whole number`),
  csv_elapsed_empty: entry(none, () => "elapsed is empty"),
  csv_success_not_boolean: entry(["value"], (p) => `success ${JSON.stringify(p.value)} is not true/false`),
  csv_timestamp_unknown: entry(
    ["value"],
    (p) => `timeStamp ${JSON.stringify(p.value)} is neither epoch ms nor a date we know: give its format (e.g. yyyy/MM/dd HH:mm:ss.SSS)`,
  ),
  csv_timestamp_mismatch: entry(
    ["value", "format"],
    (p) => `timeStamp ${JSON.stringify(p.value)} does not match the timestamp format ${p.format}`,
  ),
  csv_unknown_field: entry(["field"], (p) => `unknown field name "${p.field}" in the given field list`),
  csv_no_layout: entry(
    ["count"],
    (p) =>
      `no header row, and ${p.count} columns match no JMeter default layout: give the field list ` +
      `(e.g. timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency)`,
  ),
  csv_missing_column: entry(["column", "columns"], (p) => `the columns lack "${p.column}" (columns: ${p.columns})`),
  date_format_unclosed_quote: entry(["format"], (p) => `unclosed quote in date format ${p.format}`),
  date_format_unsupported_letter: entry(
    ["format", "letter"],
    (p) => `date format ${p.format}: unsupported letter "${p.letter}" (use yyyy MM dd HH mm ss SSS)`,
  ),
  date_format_incomplete: entry(["format"], (p) => `date format ${p.format} needs yyyy, MM and dd`),

  // What an imported run can hold (lib/jmeter/aggregate/storage-limits.ts).
  label_too_long: entry(
    ["bytes", "label", "max"],
    (p) =>
      `a label is ${Number(p.bytes).toLocaleString("en")} bytes long (${JSON.stringify(p.label)}…); labels may be at most ${Number(p.max).toLocaleString("en")} bytes (UTF-8). Shorten the sampler names, or drop query strings from them`,
  ),
  module_too_long: entry(
    ["bytes", "module", "max"],
    (p) =>
      `a module (thread group) name is ${Number(p.bytes).toLocaleString("en")} bytes long (${JSON.stringify(p.module)}…); module names may be at most ${p.max} bytes (UTF-8)`,
  ),
  timestamp_out_of_range: entry(
    ["field", "value", "date", "range"],
    (p) =>
      `${p.field} ${p.value}${p.date ? ` (${p.date})` : ""} is outside the dates an imported run can hold: ${p.range} (timeStamp must be epoch milliseconds)`,
  ),

  // XML, JTL and JMX alike (lib/jmeter/xml, lib/jmeter/jmx/jmx-tree.ts). `detail` is the XML parser's own words.
  xml_not_well_formed: entry(["detail"], (p) => `not well-formed XML: ${p.detail}`),
  xml_truncated: entry(["element"], (p) => `the file ends inside <${p.element}> (truncated?)`),
  xml_no_test_results: entry(none, () => "no <testResults> element: an empty or non-JTL XML file"),
  xml_text_outside_sample: entry(["text"], (p) => `text outside any sample: ${JSON.stringify(p.text)} (mixed formats?)`),
  xml_is_jmx: entry(none, () => "this is a JMX test plan, not a JTL result file"),
  xml_unexpected_root: entry(["element"], (p) => `expected <testResults>, found <${p.element}>`),
  xml_unexpected_sample: entry(["element"], (p) => `expected <httpSample> or <sample>, found <${p.element}>`),
  xml_attribute_not_integer: entry(["attribute", "value"], (p) => `attribute ${p.attribute}="${p.value}" is not a whole number`),
  xml_sample_missing_time: entry(none, () => "a sample needs the attributes t and ts"),
  xml_success_not_boolean: entry(["value"], (p) => `attribute s="${p.value}" is not true/false`),

  // JMX plans (lib/jmeter/jmx/jmx-tree.ts, lib/imports/import-jmx.ts).
  jmx_empty: entry(none, () => "an empty file, not a JMX test plan"),
  jmx_is_jtl: entry(none, () => "this is a JTL result file, not a JMX test plan"),
  jmx_unexpected_root: entry(["element"], (p) => `expected <jmeterTestPlan>, found <${p.element}>`),
  jmx_no_hash_tree: entry(none, () => "<jmeterTestPlan> has no <hashTree>"),
  jmx_no_thread_group: entry(none, () => "the plan has no Thread Group"),
  jmx_no_valid_thread_group: entry(["count", "names"], (p) => `${p.count} thread group(s) do not make a valid scenario: ${p.names}`),

  // Summariser logs (lib/jmeter/log/parse-summariser-log.ts, lib/imports/import-summariser-log.ts).
  log_binary: entry(none, () => "binary data, not a JMeter log"),
  log_no_summary_lines: entry(none, () => "no `summary =` lines found: paste JMeter's console or jmeter.log output"),

  // The upload itself (app/api/imports/jmeter/route.ts, lib/imports/import-jtl-file.ts).
  upload_cut_off: entry(
    none,
    () => "The upload ended before the file did (connection lost, or a truncated request): nothing was imported.",
  ),
  upload_too_large: entry(["limit"], (p) => `The file is larger than the limit of ${p.limit}.`),

  // Warnings of an import that succeeded (Import.report.warningCodes next to the English warnings).
  warning_no_samples: entry(none, () => "the file holds no samples"),
  warning_csv_no_header: entry(["layout", "columns"], (p) => `no header row: read as the ${p.layout} layout (${p.columns})`),
  warning_csv_local_time: entry(
    ["format"],
    (p) => `formatted timestamps (${p.format}) read in this server's time zone; give utcOffsetMinutes if JMeter ran elsewhere`,
  ),
  warning_log_duplicate: entry(["earlier", "module"], (p) => `duplicate of line ${p.earlier} (module ${p.module}), ignored`),
  warning_log_fewer_samples: entry(
    ["module", "earlier"],
    (p) => `module ${p.module} appears again with fewer samples than line ${p.earlier}; the later line wins`,
  ),
  warning_log_intervals_summed: entry(
    ["module", "count"],
    (p) => `module ${p.module}: no "=" (total) line, summed ${p.count} "+" interval line(s) instead`,
  ),
  warning_log_error_pct: entry(
    ["errors", "samples", "pct", "linePct"],
    (p) => `Err ${p.errors} of ${p.samples} is ${p.pct}%, the line says ${p.linePct}%`,
  ),
  warning_log_avg_range: entry(["avg", "min", "max"], (p) => `Avg ${p.avg} is not between Min ${p.min} and Max ${p.max}`),
  warning_log_rate: entry(
    ["samples", "elapsed", "rate", "lineRate"],
    (p) => `${p.samples} samples in ${p.elapsed} s is ${p.rate}/s, the line says ${p.lineRate}/s`,
  ),
} as const;

export type TImportErrorCode = keyof typeof IMPORT_ERRORS;
/** Distributes over a union of codes, so a JmeterImportError of any code is a JmeterImportError. */
export type TImportErrorParams<C extends TImportErrorCode> = TParamsOf<typeof IMPORT_ERRORS, C>;

/** A failed import's reason as stored in Import.report.error and sent to the UI. */
export interface TStoredImportError {
  code: TImportErrorCode;
  params: Record<string, TParamValue>;
  line?: number;
  path?: string;
}

export function isImportErrorCode(code: unknown): code is TImportErrorCode {
  return typeof code === "string" && Object.hasOwn(IMPORT_ERRORS, code);
}

/** Warnings as the API has always sent them (English `texts`) and by code (`coded`, for the UI). */
export class ImportWarnings {
  readonly texts: string[] = [];
  readonly coded: TStoredImportError[] = [];

  add<C extends TImportErrorCode>(code: C, params: TImportErrorParams<C>, line?: number): void {
    const text = importErrorEnglish(code, params);
    this.texts.push(line !== undefined ? `line ${line}: ${text}` : text);
    this.coded.push({ code, params: { ...params }, ...(line !== undefined ? { line } : {}) });
  }
}

/** The English text of a code (what JmeterImportError.message says after its "line N: " prefix). */
export function importErrorEnglish<C extends TImportErrorCode>(code: C, params: TImportErrorParams<C>): string {
  return englishOf(IMPORT_ERRORS, code, params);
}
