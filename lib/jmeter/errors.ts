import { importErrorEnglish, type TImportErrorCode, type TImportErrorParams, type TStoredImportError } from "./import-error-codes";

/**
 * The one error every JMeter reader throws for bad input. The message always names where: a line
 * of a CSV file or log, or an element path of an XML file / JMX plan, so a user can find it.
 * `code` and `params` say the same for the UI, which words it in the reader's language
 * (lib/jmeter/import-error-codes.ts); `message` stays English for logs and the API.
 */
export class JmeterImportError<C extends TImportErrorCode = TImportErrorCode> extends Error {
  readonly code: C;
  readonly params: TImportErrorParams<C>;
  /** 1-based line of the input where the problem was found (CSV, log, XML). */
  readonly line?: number;
  /** Element path for XML input, e.g. `/testResults/httpSample[12]`. */
  readonly path?: string;

  constructor(code: C, params: TImportErrorParams<C>, where: { line?: number; path?: string } = {}) {
    const message = importErrorEnglish(code, params);
    const at = [where.line !== undefined ? `line ${where.line}` : "", where.path ?? ""].filter(Boolean).join(", ");
    super(at ? `${at}: ${message}` : message);
    this.name = "JmeterImportError";
    this.code = code;
    this.params = params;
    this.line = where.line;
    this.path = where.path;
  }

  /** What Import.report.error holds (lib/imports). */
  toStored(): TStoredImportError {
    return {
      code: this.code,
      params: { ...this.params },
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(this.path ? { path: this.path } : {}),
    };
  }
}
