import type { TSecondRange } from "@/lib/runs/find-saturated-seconds";

/**
 * The live view's saturated-generator ranges plus the saturated seconds among newly polled
 * `points` (ascending). Seconds the ranges already cover are skipped: the first poll overlaps the
 * list the page rendered. Returns `ranges` itself when nothing is new (the charts keep their props).
 */
export function withSaturated(ranges: TSecondRange[], points: { second: number; saturated: boolean }[]): TSecondRange[] {
  let out = ranges;
  for (const p of points) {
    if (!p.saturated) continue;
    const last = out.at(-1);
    if (last && p.second <= last.to) continue;
    if (out === ranges) out = [...ranges];
    if (last && p.second === last.to + 1) out[out.length - 1] = { from: last.from, to: p.second };
    else out.push({ from: p.second, to: p.second });
  }
  return out;
}
