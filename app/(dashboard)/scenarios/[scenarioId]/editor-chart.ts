// Chart data

/**
 * The step-wise VU curve as at most ~`maxPoints` points for the chart: exact when small,
 * else sampled evenly (a 100 000-VU ramp has 200 000 events; the chart needs a few hundred).
 */
export function chartPoints(
  points: readonly { t: number; vus: number }[],
  endSeconds: number,
  maxPoints = 400,
): { t: number; vus: number }[] {
  const valueAt = (t: number) => {
    let lo = 0;
    let hi = points.length - 1;
    let v = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = points[mid] as { t: number; vus: number };
      if (p.t <= t) {
        v = p.vus;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return v;
  };
  if (points.length * 2 <= maxPoints) {
    // Exact step shape: hold each value until the next point.
    const out: { t: number; vus: number }[] = [];
    points.forEach((p, i) => {
      const prev = out.at(-1);
      if (i > 0 && prev) out.push({ t: p.t, vus: prev.vus });
      out.push({ t: p.t, vus: p.vus });
    });
    const last = out.at(-1);
    if (last && last.t < endSeconds) out.push({ t: endSeconds, vus: last.vus });
    return out;
  }
  const out: { t: number; vus: number }[] = [];
  const n = maxPoints - 1;
  for (let i = 0; i <= n; i++) {
    const t = (endSeconds * i) / n;
    out.push({ t: Math.round(t * 1000) / 1000, vus: valueAt(t) });
  }
  return out;
}
