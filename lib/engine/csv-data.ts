/**
 * CSV test data for `data: { file | csv, mode }`. Rows become `${column}` variables.
 * sequential: the next row each iteration, shared by the VUs of a thread, wrapping at the end;
 * random: any row; unique: each row at most once in the run — a VU that finds none left stops.
 * With worker threads, rows are spread over threads (unique: partitioned, so still once per run).
 * On agents, `sequential` and `unique` rows are leased from the controller instead (row-source.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TRowSource } from "./row-source";
import type { TData } from "./scenario";

export type TRow = Record<string, string>;

/** RFC 4180-ish: quoted fields with "" escapes, CRLF or LF. */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Load the rows of a scenario's data (file relative to `baseDir`). */
export function loadRows(data: TData, baseDir = process.cwd()): TRow[] {
  const text = data.csv ?? readFileSync(path.resolve(baseDir, data.file!), "utf8");
  const table = parseCsv(text, data.delimiter);
  const columns = data.columns ?? table.shift() ?? [];
  return table.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""])));
}

/** Hands out rows to iterations according to the mode, from memory. */
export class DataSource implements TRowSource {
  private cursor: number;
  constructor(
    private readonly rows: TRow[],
    private readonly mode: TData["mode"],
    /** Thread index / count, to spread rows over worker threads. */
    shard = 0,
    shards = 1,
    private readonly random: () => number = Math.random,
  ) {
    if (mode === "unique") this.rows = rows.filter((_, i) => i % shards === shard);
    this.cursor = mode === "sequential" ? Math.floor((rows.length * shard) / shards) : 0;
  }

  /** The next row, or null when `unique` rows are used up. */
  next(): TRow | null {
    if (this.rows.length === 0) return this.mode === "unique" ? null : {};
    if (this.mode === "random") return this.rows[Math.floor(this.random() * this.rows.length)]!;
    if (this.mode === "unique") return this.cursor < this.rows.length ? this.rows[this.cursor++]! : null;
    const row = this.rows[this.cursor % this.rows.length]!;
    this.cursor = (this.cursor + 1) % this.rows.length;
    return row;
  }
}
