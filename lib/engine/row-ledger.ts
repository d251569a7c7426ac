/**
 * The one cursor of a run's `sequential` and `unique` CSV rows when several machines draw from
 * them: the controller owns a ledger and leases blocks of rows to agents (row-source.ts is the
 * agent's side). `unique`: every row is leased once in the whole run, then the set is done;
 * `sequential`: the cursor continues where the previous block ended, wrapping at the end of the
 * file, so the rows go by in file order across every agent, block after block.
 *
 * Positions are absolute (a `sequential` cursor is not wrapped), so "leased up to" is one number
 * per set that only grows: a controller that restarts `restore`s the highest one recorded, and a
 * row leased before the restart is never leased again. Rows leased to an agent that is lost or
 * stops stay unused.
 */
import type { TRow } from "./csv-data";
import type { TData } from "./scenario";

export type TLeasedMode = Extract<TData["mode"], "sequential" | "unique">;

/** The modes whose rows are leased; `random` rows go whole to every machine. */
export const isLeasedMode = (mode: TData["mode"]): mode is TLeasedMode => mode === "sequential" || mode === "unique";

/** A data set's key in a run: scenario index / data set index (dataSets order). */
export const rowSetKey = (scenario: number, set: number): string => `${scenario}/${set}`;

export interface TRowLease {
  rows: TRow[];
  /** No row will ever come again (`unique` used up, or an empty file). */
  done: boolean;
  /** Absolute position after this lease: what to record before handing the rows out. */
  to: number;
}

/** Largest block, rows: a lease is one NATS message (1 MB by default, see maxBytes). */
export const MAX_LEASE_ROWS = 2000;
/** Largest block, bytes of JSON: a quarter of NATS's default 1 MB max_payload. */
const DEFAULT_MAX_BYTES = 256 * 1024;

interface TSet {
  rows: TRow[];
  mode: TLeasedMode;
  cursor: number;
  /** Each agent's latest ask: its share of the tail. */
  wants: Map<string, number>;
}

export class RowLedger {
  private readonly sets = new Map<string, TSet>();
  private readonly maxBytes: number;

  constructor(sets: { key: string; rows: TRow[]; mode: TLeasedMode }[], options: { maxBytes?: number } = {}) {
    for (const s of sets) this.sets.set(s.key, { rows: s.rows, mode: s.mode, cursor: 0, wants: new Map() });
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  has(key: string): boolean {
    return this.sets.has(key);
  }

  /** Rows never leased yet (`unique`); Infinity for `sequential` with rows. */
  remaining(key: string): number {
    const s = this.set(key);
    if (s.mode === "sequential") return s.rows.length === 0 ? 0 : Number.POSITIVE_INFINITY;
    return Math.max(0, s.rows.length - s.cursor);
  }

  /**
   * Up to `want` rows for `agent`. `holders`: the agents still drawing from the run. Near the end of
   * a `unique` file an agent gets at most its share of what is left, in proportion to what it asks
   * for (an agent asks for about two seconds of its own draws, row-source.ts): so every agent runs
   * dry at about the same moment, and no slow one holds the tail while the fast ones wait.
   */
  lease(key: string, want: number, agent = "", holders: readonly string[] = [agent]): TRowLease {
    const s = this.set(key);
    const n = s.rows.length;
    let count = Math.max(1, Math.min(Math.floor(want), MAX_LEASE_ROWS));
    s.wants.set(agent, count);
    if (s.mode === "unique") {
      const left = Math.max(0, n - s.cursor);
      const asked = holders.reduce((sum, h) => sum + (h === agent ? 0 : (s.wants.get(h) ?? 0)), count);
      count = Math.min(count, left, Math.max(1, Math.ceil((left * count) / asked)));
    } else if (n === 0) count = 0;
    const rows: TRow[] = [];
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const row = s.rows[(s.cursor + i) % n]!;
      bytes += JSON.stringify(row).length + 1;
      // At least one row, however large.
      if (i > 0 && bytes > this.maxBytes) break;
      rows.push(row);
    }
    s.cursor += rows.length;
    return { rows, done: n === 0 || (s.mode === "unique" && s.cursor >= n), to: s.cursor };
  }

  /** After a restart: positions below `to` were leased already. */
  restore(key: string, to: number): void {
    const s = this.sets.get(key);
    if (s) s.cursor = Math.max(s.cursor, to);
  }

  private set(key: string): TSet {
    const s = this.sets.get(key);
    if (!s) throw new Error(`no leased data set ${key}`);
    return s;
  }
}
