/**
 * JMeter's running figures for one group of samples (a label, a module, the total), kept exactly as
 * JMeter keeps them: the summariser's count/sum/min/max/errors (SummariserRunningSample) and the
 * Aggregate Report's value counts (StatCalculator).
 */
import { summaryRowFrom } from "../../engine/metrics/summarize";
import { jmeterAverage } from "../../engine/metrics/summary-line";
import type { TSummaryRow } from "../../engine/metrics/types";
import { aggregateReportPercent, ExactCounts } from "./exact-counts";
import { formatSummaryLine213 } from "../summariser-format";

export class JmeterFigures {
  samples = 0;
  errors = 0;
  sumMs = 0;
  minMs = Number.POSITIVE_INFINITY;
  maxMs = Number.NEGATIVE_INFINITY;
  firstStartMs = Number.POSITIVE_INFINITY;
  lastEndMs = Number.NEGATIVE_INFINITY;
  readonly values = new ExactCounts();

  add(startMs: number, elapsedMs: number, endMs: number, sampleCount: number, errorCount: number): void {
    this.samples += sampleCount;
    this.errors += errorCount;
    this.sumMs += elapsedMs;
    if (elapsedMs < this.minMs) this.minMs = elapsedMs;
    if (elapsedMs > this.maxMs) this.maxMs = elapsedMs;
    if (startMs < this.firstStartMs) this.firstStartMs = startMs;
    if (endMs > this.lastEndMs) this.lastEndMs = endMs;
    // StatCalculator.addValue(time, sampleCount): an aggregate sample of n counts n × (time / n).
    if (sampleCount > 1) this.values.add(Math.trunc(elapsedMs / sampleCount), sampleCount);
    else this.values.add(elapsedMs, sampleCount);
  }

  /** Folds another group's figures into this one (a module from its labels, the total from all). */
  merge(o: JmeterFigures): void {
    this.samples += o.samples;
    this.errors += o.errors;
    this.sumMs += o.sumMs;
    this.minMs = Math.min(this.minMs, o.minMs);
    this.maxMs = Math.max(this.maxMs, o.maxMs);
    this.firstStartMs = Math.min(this.firstStartMs, o.firstStartMs);
    this.lastEndMs = Math.max(this.lastEndMs, o.lastEndMs);
    this.values.merge(o.values);
  }

  get elapsedMs(): number {
    return this.samples === 0 ? 0 : this.lastEndMs - this.firstStartMs;
  }

  /** The Aggregate Report's columns (JMeter 2.13 StatVisualizer), exact. */
  aggregateReport(pcts: [number, number, number] = [90, 95, 99]) {
    const v = this.values;
    return {
      samples: v.count,
      average: jmeterAverage({ samples: v.count, sumMs: this.sumMs }),
      median: v.percentPoint(0.5),
      pct1: v.percentPoint(aggregateReportPercent(pcts[0])),
      pct2: v.percentPoint(aggregateReportPercent(pcts[1])),
      pct3: v.percentPoint(aggregateReportPercent(pcts[2])),
      min: this.samples === 0 ? 0 : this.minMs,
      max: this.samples === 0 ? 0 : this.maxMs,
      errorPct: v.count === 0 ? 0 : (this.errors / v.count) * 100,
    };
  }

  /** The summariser's figures, for formatSummaryLine. */
  summaryFigures() {
    return {
      samples: this.samples,
      errors: this.errors,
      sumMs: this.sumMs,
      minMs: this.samples === 0 ? 0 : this.minMs,
      maxMs: this.samples === 0 ? 0 : this.maxMs,
      elapsedMs: this.elapsedMs,
    };
  }

  /**
   * The result row by the engine's own row arithmetic (summaryRowFrom: the same rounding of
   * average, error % and rate as every other run), with the Aggregate Report's exact percentiles
   * in place of a histogram's.
   */
  toSummaryRow(): TSummaryRow {
    const v = this.values;
    const empty = this.samples === 0;
    return summaryRowFrom(
      {
        count: this.samples,
        errors: this.errors,
        sumMs: this.sumMs,
        minMs: empty ? 0 : this.minMs,
        maxMs: empty ? 0 : this.maxMs,
        firstStartMs: empty ? 0 : this.firstStartMs,
        lastEndMs: empty ? 0 : this.lastEndMs,
      },
      (p) => v.percentPoint(p === 50 ? 0.5 : aggregateReportPercent(p)),
    );
  }

  summaryLine213(name = "summary"): string {
    return formatSummaryLine213(this.summaryFigures(), "=", name);
  }
}
