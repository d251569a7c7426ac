/**
 * The one error every JMeter reader throws for bad input. The message always names where: a line
 * of a CSV file or log, or an element path of an XML file / JMX plan, so a user can find it.
 */
export class JmeterImportError extends Error {
  /** 1-based line of the input where the problem was found (CSV, log, XML). */
  readonly line?: number;
  /** Element path for XML input, e.g. `/testResults/httpSample[12]`. */
  readonly path?: string;

  constructor(message: string, where: { line?: number; path?: string } = {}) {
    const at = [where.line !== undefined ? `line ${where.line}` : "", where.path ?? ""].filter(Boolean).join(", ");
    super(at ? `${at}: ${message}` : message);
    this.name = "JmeterImportError";
    this.line = where.line;
    this.path = where.path;
  }
}
