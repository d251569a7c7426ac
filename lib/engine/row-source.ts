/**
 * Where a VU's data set takes its next row. On one machine rows are served from memory
 * (csv-data.ts `DataSource`, spread over the engine's threads); on an agent, `sequential` and
 * `unique` rows come in blocks leased from the controller's ledger (row-ledger.ts), so a `unique`
 * row is used once in the whole run and `sequential` continues across agents.
 *
 * Block size is adaptive: a block covers about BLOCK_SECONDS of what this agent's VUs draw (the
 * rate measured between leases), at least two rows per VU (every VU's iteration and the next one
 * while the following lease travels), at most MAX_LEASE_ROWS. The next block
 * is asked for when half the last one is left, so with a round trip far below a second a VU never
 * waits on the network; only the first rows of a run (fetched while the agent pre-warms) and a
 * controller that is away make a VU wait.
 */
import type { TRow } from "./csv-data";
import { MAX_LEASE_ROWS, type TLeasedMode } from "./row-ledger";

export interface TRowSource {
  /**
   * The next row; null when there is none for this VU (`unique` used up, or the source closed). A
   * promise only when the rows are on their way.
   */
  next(): TRow | null | Promise<TRow | null>;
}

/** One lease from the controller; rejecting means "not now" (asked again shortly). */
export type TLeaseRequest = (want: number) => Promise<{ rows: TRow[]; done: boolean }>;

/** A block lasts this long at the rate measured: the next is asked for with half of it left. */
const BLOCK_SECONDS = 2;
/** After a failed lease (controller away), ask again this soon. */
const RETRY_MS = 250;

export class LeasedRowSource implements TRowSource {
  private buffer: TRow[] = [];
  private head = 0;
  private done = false;
  private closed = false;
  private inflight = false;
  private readonly waiters: ((row: TRow | null) => void)[] = [];
  private want: number;
  private readonly minWant: number;
  private takenSinceLease = 0;
  private lastLeaseAt: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly mode: TLeasedMode,
    private readonly request: TLeaseRequest,
    /** VUs of this agent that draw from the set: a block is at least two rows each. */
    vus: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.minWant = Math.max(1, Math.min(MAX_LEASE_ROWS, 2 * Math.ceil(vus)));
    this.want = this.minWant;
    this.lastLeaseAt = now();
    this.fetch();
  }

  /** Rows in hand, not yet drawn. */
  get buffered(): number {
    return this.buffer.length - this.head;
  }

  next(): TRow | null | Promise<TRow | null> {
    if (this.closed) return null;
    if (this.buffered > 0) {
      const row = this.take();
      if (!this.inflight && !this.done && this.buffered <= this.want / 2) this.fetch();
      return row;
    }
    if (this.done) return this.mode === "unique" ? null : {};
    if (!this.inflight) this.fetch();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** No more leases (the run stops): waiting VUs get null and stop as for lack of rows. */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const w of this.waiters.splice(0)) w(null);
  }

  private take(): TRow {
    const row = this.buffer[this.head++]!;
    this.takenSinceLease++;
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return row;
  }

  private fetch(): void {
    const t = this.now();
    const seconds = (t - this.lastLeaseAt) / 1000;
    if (this.takenSinceLease > 0 && seconds > 0) {
      const rate = this.takenSinceLease / seconds;
      this.want = Math.max(1, Math.min(MAX_LEASE_ROWS, Math.max(this.minWant, Math.ceil(rate * BLOCK_SECONDS))));
    }
    this.takenSinceLease = 0;
    this.lastLeaseAt = t;
    this.inflight = true;
    this.request(this.want).then(
      (lease) => {
        this.inflight = false;
        if (this.closed) return;
        if (this.head > 0 && this.head === this.buffer.length) {
          this.buffer = [];
          this.head = 0;
        }
        this.buffer.push(...lease.rows);
        this.done = lease.done;
        while (this.waiters.length > 0 && this.buffered > 0) this.waiters.shift()!(this.take());
        if (this.waiters.length > 0 && this.done) for (const w of this.waiters.splice(0)) w(this.mode === "unique" ? null : {});
        if (!this.done && (this.waiters.length > 0 || this.buffered <= this.want / 2)) this.fetch();
      },
      () => {
        this.inflight = false;
        if (this.closed) return;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          if (!this.closed && !this.inflight && !this.done) this.fetch();
        }, RETRY_MS);
      },
    );
  }
}
