/**
 * Exact per-value counts of whole-millisecond response times, for percentiles identical to JMeter's
 * Aggregate Report (org.apache.jorphan.math.StatCalculator keeps a sorted map value → count).
 * Memory is bounded by the range of values, not the number of samples: a dense array for
 * 0 … 65 535 ms (grown on demand) and a map above that.
 */
const DENSE_LIMIT = 65_536;

export class ExactCounts {
  private dense = new Float64Array(256);
  private sparse: Map<number, number> | null = null;
  count = 0;

  add(valueMs: number, n = 1): void {
    this.count += n;
    if (valueMs >= 0 && valueMs < DENSE_LIMIT) {
      if (valueMs >= this.dense.length) {
        let size = this.dense.length;
        while (size <= valueMs) size *= 2;
        const grown = new Float64Array(Math.min(size, DENSE_LIMIT));
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[valueMs] = (this.dense[valueMs] as number) + n;
      return;
    }
    this.sparse ??= new Map();
    this.sparse.set(valueMs, (this.sparse.get(valueMs) ?? 0) + n);
  }

  /** Adds another set of counts to this one. */
  merge(other: ExactCounts): void {
    for (const [value, n] of other.entries()) this.add(value, n);
  }

  /** Every (value, count) in ascending value order. */
  *entries(): Generator<[number, number]> {
    const sparse = this.sparse ? [...this.sparse.entries()].sort((a, b) => a[0] - b[0]) : [];
    let i = 0;
    while (i < sparse.length && (sparse[i] as [number, number])[0] < 0) yield sparse[i++] as [number, number];
    for (let v = 0; v < this.dense.length; v++) if (this.dense[v]) yield [v, this.dense[v] as number];
    while (i < sparse.length) yield sparse[i++] as [number, number];
  }

  /**
   * StatCalculator.getPercentPoint(double): target = Math.round(count × percent); walk the sorted
   * values subtracting counts; the first value that brings target to ≤ 0. percent ≥ 1 → max.
   */
  percentPoint(percent: number): number {
    if (this.count <= 0) return 0;
    let target = Math.round(this.count * percent);
    let last = 0;
    for (const [value, n] of this.entries()) {
      last = value;
      if (percent >= 1) continue;
      target -= n;
      if (target <= 0) return value;
    }
    return percent >= 1 ? last : 0;
  }
}

/**
 * The percent JMeter's Aggregate Report asks for: `aggregate_rpt_pctN` parsed as a float and divided
 * by 100f, then widened to double (90 → 0.89999997615814…). The median uses the double 0.5.
 */
export function aggregateReportPercent(pct: number): number {
  return Math.fround(Math.fround(pct) / 100);
}
