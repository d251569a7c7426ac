/**
 * JMeter interop, pure TypeScript (no Next.js, no Prisma): JTL results in, summariser logs in, JMX
 * plans in and out. See README.md for what matches JMeter and where JMeter versions differ.
 */
export { importJtl, sniffFormat, type ImportJtlOptions, type ImportJtlResult } from "./import-jtl";
export type { TModuleMapping } from "./aggregate/module-mapping";
export { JmeterFigures } from "./aggregate/figures";
export { parseSummariserLog, type TSummariserRow, type ParseSummariserLogOptions, type ParseSummariserLogResult } from "./log/parse-summariser-log";
export { importJmx, type ImportJmxResult, type TJmxImportReport, type TJmxIssue } from "./jmx/import-jmx";
export { exportJmx, type ExportJmxOptions, type ExportJmxResult } from "./jmx/export-jmx";
export { formatSummaryLine213 } from "./summariser-format";
export { JmeterImportError } from "./errors";
export type { JtlSample } from "./sample";
