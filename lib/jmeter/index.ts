/**
 * JMeter interop, pure TypeScript (no Next.js, no Prisma): JTL results in, summariser logs in, JMX
 * plans in and out. See README.md for what matches JMeter and where JMeter versions differ.
 */
export { importJtl, sniffFormat, type TImportJtlOptions as ImportJtlOptions, type TImportJtlResult as ImportJtlResult } from "./import-jtl";
export type { TModuleMapping } from "./aggregate/module-mapping";
export { JmeterFigures } from "./aggregate/figures";
export {
  parseSummariserLog,
  type TSummariserRow,
  type TParseSummariserLogOptions as ParseSummariserLogOptions,
  type TParseSummariserLogResult as ParseSummariserLogResult,
} from "./log/parse-summariser-log";
export { importJmx, type TJmxImportResult as ImportJmxResult, type TJmxImportReport, type TJmxIssue } from "./jmx/import-jmx";
export { exportJmx, type TExportJmxOptions as ExportJmxOptions, type TExportJmxResult as ExportJmxResult } from "./jmx/export-jmx";
export { formatSummaryLine213 } from "./summariser-format";
export { JmeterImportError } from "./errors";
export type { TSampleResult as JtlSample } from "./sample";
