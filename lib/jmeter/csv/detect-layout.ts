/** The column layout of a CSV JTL, from its first row: a header, the caller's field list, or a JMeter default layout. */
import { JmeterImportError } from "../errors";
import { type JtlField, HEADERLESS_LAYOUTS, fieldForColumn, looksLikeHeader } from "./columns";
import type { CsvJtlInfo, CsvJtlOptions } from "./csv-jtl-reader";
import { guessDateFormat } from "./timestamp";
import { type CsvRow, fieldText } from "./tokenizer";

export function detectLayout(row: CsvRow, delimiter: string, options: CsvJtlOptions): CsvJtlInfo {
  const cells = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
  let columns: (JtlField | undefined)[];
  let hasHeader = false;
  let layout: string | undefined;
  if (looksLikeHeader(cells)) {
    hasHeader = true;
    columns = cells.map(fieldForColumn);
  } else if (options.fields) {
    columns = options.fields.map((f) => {
      const field = fieldForColumn(f);
      if (!field && f.trim() !== "") throw new JmeterImportError(`unknown field name "${f}" in the given field list`);
      return field;
    });
  } else {
    const match = HEADERLESS_LAYOUTS.find((l) => l.fields.length === row.count && plausible(cells, l.fields));
    if (!match)
      throw new JmeterImportError(
        `no header row, and ${row.count} columns match no JMeter default layout: give the field list ` +
          `(e.g. timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency)`,
        { line: row.line },
      );
    columns = match.fields;
    layout = match.name;
  }
  for (const required of ["timeStamp", "elapsed", "label", "success"] as const)
    if (!columns.includes(required))
      throw new JmeterImportError(`the columns lack "${required}" (columns: ${cells.join(delimiter)})`, { line: row.line });
  return { delimiter, hasHeader, columns, layout, timestampFormat: options.timestampFormat };
}

/** Whether a header-less row's cells fit a layout: numbers and a boolean where they belong. */
function plausible(cells: string[], fields: JtlField[]): boolean {
  const at = (f: JtlField) => cells[fields.indexOf(f)] ?? "";
  const ts = at("timeStamp");
  const isInt = (s: string) => /^-?\d+$/.test(s);
  return (isInt(ts) || guessDateFormat(ts) !== undefined) && isInt(at("elapsed")) && /^(true|false)$/i.test(at("success"));
}
