/**
 * Writes a run's seconds as the engine produces them, so a 6-hour run never holds its samples in
 * memory: each second is packed right away (≈ 5–10 KB at 100 labels) and written in the
 * background, batched while the previous write is in flight.
 *
 * Database down: seconds stay queued (packed) and are retried with back-off until the database is
 * back — none lost — up to MAX_BUFFERED_SECONDS (2 h ≈ 70 MB at 100 labels); past that the oldest
 * are dropped and counted (`droppedSeconds`), the one case where data is lost, so memory stays
 * bounded. Writes are idempotent, so a batch whose commit was uncertain is simply written again.
 */
import type { TMetricBucket, TRendezvousRelease } from "../engine/metrics/types";
import { encodePacked, type TPackedLabel } from "../run-metrics/bucket-codec";
import { emptyMerged, mergeInto, toFigures } from "../run-metrics/merge-figures";
import { bucketToPacked, secondTotals } from "../run-metrics/pack-second";
import { rollupRun } from "../run-metrics/rollup-run";
import { writeRunSeconds, type TNewRunLabel, type TReleaseWrite, type TRunSecondWrite } from "../run-metrics/write-run-seconds";

/** One second of a running load, as the worker receives it from the engine. */
export interface TLoadSecond {
  /** Epoch second. */
  second: number;
  buckets: TMetricBucket[];
  activeVus: number;
  droppedIterations?: number;
  releases?: (TRendezvousRelease & { name: string })[];
  cpuPct?: number;
  eventLoopLagMs?: number;
  openSockets?: number;
  saturated?: boolean;
}

export const MAX_BUFFERED_SECONDS = 7200;
/** Seconds per transaction: big enough to catch up fast after an outage. */
const BATCH_SECONDS = 120;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 2000;

export interface TMetricWriterOptions {
  maxBufferedSeconds?: number;
  log?: (message: string) => void;
}

export class MetricWriter {
  private readonly labelIndexes = new Map<string, number>();
  private readonly isRequestByIndex: boolean[] = [];
  private pendingLabels: TNewRunLabel[] = [];
  private queue: TRunSecondWrite[] = [];
  private pendingReleases: TReleaseWrite[] = [];
  private flushing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  private lastRolledMinute = -1;
  private closed = false;
  /** Seconds dropped because the buffer overflowed during a long outage (should stay 0). */
  droppedSeconds = 0;
  writtenSeconds = 0;
  lastWrittenSecond: number | null = null;
  lastError: string | null = null;

  constructor(
    readonly runId: string,
    private readonly options: TMetricWriterOptions = {},
  ) {}

  get bufferedSeconds(): number {
    return this.queue.length;
  }

  /** Queue one second (packed now) and start writing it. Never throws, never blocks. */
  push(s: TLoadSecond): void {
    const labels = this.packBuckets(s.buckets);
    const totals = secondTotals(labels, (i) => this.isRequestByIndex[i] === true);
    this.queue.push({
      second: s.second,
      activeVus: s.activeVus,
      ...(s.droppedIterations !== undefined ? { droppedIterations: s.droppedIterations } : {}),
      ...(s.cpuPct !== undefined ? { cpuPct: s.cpuPct } : {}),
      ...(s.eventLoopLagMs !== undefined ? { eventLoopLagMs: s.eventLoopLagMs } : {}),
      ...(s.openSockets !== undefined ? { openSockets: s.openSockets } : {}),
      ...(s.saturated !== undefined ? { saturated: s.saturated } : {}),
      packed: labels.length ? encodePacked(s.second, labels) : null,
      totals,
    });
    for (const r of s.releases ?? [])
      this.pendingReleases.push({ name: r.name, at: r.at, released: r.released, reason: r.reason, skewMs: r.skewMs });
    const max = this.options.maxBufferedSeconds ?? MAX_BUFFERED_SECONDS;
    if (this.queue.length > max) {
      const drop = this.queue.length - max;
      this.queue.splice(0, drop);
      this.droppedSeconds += drop;
      this.options.log?.(`metric buffer full: dropped ${drop} oldest second(s)`);
    }
    this.kick();
  }

  /** Write everything queued; resolves when the queue is empty or `timeoutMs` passed (→ false). */
  async drain(timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length || this.pendingLabels.length || this.pendingReleases.length) {
      if (Date.now() > deadline) return false;
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      await (this.flushing ?? this.flush());
      if (this.queue.length || this.pendingReleases.length) await new Promise((r) => setTimeout(r, Math.min(this.retryMs, 500)));
    }
    return true;
  }

  /** Stop background writing (after drain). */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /**
   * One packed record per label. A late row of an earlier second (a stalled engine thread) is
   * stored with the second it arrived in: totals stay exact, the per-second chart shifts it by
   * a second or two.
   */
  private packBuckets(buckets: TMetricBucket[]): TPackedLabel[] {
    const byIndex = new Map<number, TPackedLabel>();
    for (const b of buckets) {
      const packed = bucketToPacked(b, this.indexOf(b));
      const existing = byIndex.get(packed.labelIndex);
      if (!existing) {
        byIndex.set(packed.labelIndex, packed);
        continue;
      }
      const m = emptyMerged();
      mergeInto(m, existing);
      mergeInto(m, packed);
      byIndex.set(packed.labelIndex, { labelIndex: packed.labelIndex, ...toFigures(m) });
    }
    return [...byIndex.values()];
  }

  private indexOf(b: TMetricBucket): number {
    const key = `${b.kind}\u0000${b.module}\u0000${b.label}`;
    let index = this.labelIndexes.get(key);
    if (index === undefined) {
      index = this.labelIndexes.size;
      this.labelIndexes.set(key, index);
      this.isRequestByIndex[index] = b.kind === "request";
      this.pendingLabels.push({
        index,
        label: b.label,
        module: b.module,
        kind: b.kind,
        ...(b.method !== undefined ? { method: b.method } : {}),
        ...(b.url !== undefined ? { url: b.url } : {}),
      });
    }
    return index;
  }

  private kick(): void {
    if (this.flushing || this.retryTimer || this.closed) return;
    void this.flush();
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      try {
        while (this.queue.length || this.pendingLabels.length || this.pendingReleases.length) {
          const seconds = this.queue.slice(0, BATCH_SECONDS);
          const labels = this.pendingLabels.slice(); // copies: pushes meanwhile append to the live arrays
          const releases = this.pendingReleases.slice();
          await writeRunSeconds(this.runId, { labels, seconds, releases });
          // Only now drop what was written (pushes meanwhile appended after it).
          this.queue.splice(0, seconds.length);
          this.pendingLabels = this.pendingLabels.slice(labels.length);
          this.pendingReleases = this.pendingReleases.slice(releases.length);
          this.writtenSeconds += seconds.length;
          if (seconds.length) this.lastWrittenSecond = seconds.at(-1)!.second;
          this.retryMs = RETRY_MIN_MS;
          if (this.lastError !== null) this.options.log?.(`database back: buffered seconds written`);
          this.lastError = null;
          await this.maybeRollup();
        }
      } catch (error) {
        const e = error as { message?: string; code?: string; cause?: { message?: string } };
        const message = e.message?.split("\n")[0] || e.cause?.message || e.code || String(error) || "unknown error";
        if (this.lastError === null) this.options.log?.(`writing metrics failed (${message}); buffering and retrying`);
        this.lastError = message;
        if (!this.closed) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.kick();
          }, this.retryMs);
          this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Roll up minutes closed by the seconds written so far (failures retried next minute / at the end). */
  private async maybeRollup(): Promise<void> {
    if (this.lastWrittenSecond === null) return;
    const minute = Math.floor((this.lastWrittenSecond + 1) / 60);
    if (minute <= this.lastRolledMinute) return;
    try {
      await rollupRun(this.runId, { throughSecond: this.lastWrittenSecond });
      this.lastRolledMinute = minute;
    } catch {
      // retried after the next write; finalizeRun rolls up everything in any case
    }
  }
}
