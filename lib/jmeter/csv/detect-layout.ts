/** The column layout of a CSV JTL, from its first row: a header, the caller's field list, or a JMeter default layout. */
import { JmeterImportError } from "../errors";
import { type TJtlField, HEADERLESS_LAYOUTS, fieldForColumn, looksLikeHeader } from "./columns";
import type { TCsvJtlInfo, TCsvJtlOptions } from "./csv-jtl-reader";
import { guessDateFormat } from "./timestamp";
import { type TCsvRow, fieldText } from "./tokenizer";

export function detectLayout(row: TCsvRow, delimiter: string, options: TCsvJtlOptions): TCsvJtlInfo {
  const cells = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
  let columns: (TJtlField | undefined)[];
  let hasHeader = false;
  let layout: string | undefined;
  if (looksLikeHeader(cells)) {
    hasHeader = true;
    columns = cells.map(fieldForColumn);
  } else if (options.fields) {
    columns = options.fields.map((f) => {
      const field = fieldForColumn(f);
      if (!field && f.trim() !== "") throw new JmeterImportError("csv_unknown_field", { field: f });
      return field;
    });
  } else {
    const match = HEADERLESS_LAYOUTS.find((l) => l.fields.length === row.count && plausible(cells, l.fields));
    if (!match) throw new JmeterImportError("csv_no_layout", { count: row.count }, { line: row.line });
    columns = match.fields;
    layout = match.name;
  }
  for (const required of ["timeStamp", "elapsed", "label", "success"] as const)
    if (!columns.includes(required))
      throw new JmeterImportError("csv_missing_column", { column: required, columns: cells.join(delimiter) }, { line: row.line });
  return { delimiter, hasHeader, columns, layout, timestampFormat: options.timestampFormat };
}

/** Whether a header-less row's cells fit a layout: numbers and a boolean where they belong. */
function plausible(cells: string[], fields: TJtlField[]): boolean {
  const at = (f: TJtlField) => cells[fields.indexOf(f)] ?? "";
  const ts = at("timeStamp");
  const isInt = (s: string) => /^-?\d+$/.test(s);
  return (isInt(ts) || guessDateFormat(ts) !== undefined) && isInt(at("elapsed")) && /^(true|false)$/i.test(at("success"));
}
