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
    const dense = other.dense;
    if (dense.length > this.dense.length) {
      const grown = new Float64Array(dense.length);
      grown.set(this.dense);
      this.dense = grown;
    }
    const mine = this.dense;
    let added = 0;
    for (let v = 0; v < dense.length; v++) {
      mine[v] = (mine[v] as number) + (dense[v] as number);
      added += dense[v] as number;
    }
    this.count += added;
    if (other.sparse) for (const [value, n] of other.sparse) this.add(value, n);
  }

  /** Every (value, count) in ascending value order. */
  *entries(): Generator<[number, number]> {
    const sparse = this.sortedSparse();
    let i = 0;
    while (i < sparse.length && (sparse[i] as [number, number])[0] < 0) yield sparse[i++] as [number, number];
    for (let v = 0; v < this.dense.length; v++) if (this.dense[v]) yield [v, this.dense[v] as number];
    while (i < sparse.length) yield sparse[i++] as [number, number];
  }

  private sortedSparse(): [number, number][] {
    return this.sparse ? [...this.sparse.entries()].sort((a, b) => a[0] - b[0]) : [];
  }

  /**
   * StatCalculator.getPercentPoint(double): target = Math.round(count × percent); walk the sorted
   * values subtracting counts; the first value that brings target to ≤ 0. percent ≥ 1 → max.
   * (A plain loop, not entries(): it runs four times per label, module and total.)
   */
  percentPoint(percent: number): number {
    if (this.count <= 0) return 0;
    const sparse = this.sortedSparse();
    if (percent >= 1) {
      const top = sparse[sparse.length - 1];
      if (top && top[0] >= 0) return top[0];
      for (let v = this.dense.length - 1; v >= 0; v--) if (this.dense[v]) return v;
      return top ? top[0] : 0;
    }
    let target = Math.round(this.count * percent);
    let i = 0;
    for (; i < sparse.length && (sparse[i] as [number, number])[0] < 0; i++) {
      target -= (sparse[i] as [number, number])[1];
      if (target <= 0) return (sparse[i] as [number, number])[0];
    }
    const dense = this.dense;
    for (let v = 0; v < dense.length; v++) {
      const n = dense[v] as number;
      if (n === 0) continue;
      target -= n;
      if (target <= 0) return v;
    }
    for (; i < sparse.length; i++) {
      target -= (sparse[i] as [number, number])[1];
      if (target <= 0) return (sparse[i] as [number, number])[0];
    }
    return 0;
  }
}

/**
 * The percent JMeter's Aggregate Report asks for: `aggregate_rpt_pctN` parsed as a float and divided
 * by 100f, then widened to double (90 → 0.89999997615814…). The median uses the double 0.5.
 */
export function aggregateReportPercent(pct: number): number {
  return Math.fround(Math.fround(pct) / 100);
}
