/**
 * Transactions (事务): a named span of steps with a row of its own in the results.
 *
 * INVARIANT: time spent waiting at a rendezvous is never counted in a transaction: a wait inside
 * a span (or a nested span) is subtracted from it, and reported as its own `rendezvous_wait` sample.
 * Think time inside a span is subtracted likewise (LoadRunner reports transaction times without
 * think time); pacing waits lie between iterations, never inside a span.
 * A transaction fails (error kind `transaction`) when a step inside it fails.
 */
import type { TSample } from "./metrics/recorder";

export class TransactionSpan {
  private waitMs = 0;
  private failure: string | null = null;

  constructor(
    readonly name: string,
    readonly startMs: number,
  ) {}

  /** A rendezvous wait happened inside this span. */
  addRendezvousWait(ms: number): void {
    this.waitMs += ms;
  }

  /** Think time was spent inside this span. */
  addThinkTime(ms: number): void {
    this.waitMs += ms;
  }

  /** A step inside failed; the first failure is the message. */
  fail(message: string): void {
    this.failure ??= message;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** The sample to record when the span ends at `endMs`. */
  toSample(endMs: number, module: string): TSample {
    return {
      label: this.name,
      module,
      kind: "transaction",
      startMs: this.startMs,
      elapsedMs: Math.max(0, endMs - this.startMs - this.waitMs),
      ...(this.failure !== null ? { error: { kind: "transaction" as const, message: this.failure } } : {}),
    };
  }
}
