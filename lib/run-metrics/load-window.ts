/**
 * Merged per-label figures of a run over a window of epoch seconds [from, to] (inclusive), read
 * from the coarsest stored rows that fit: 3600 s, 600 s, 60 s rollups, then single seconds at the
 * edges. Exact: the same figures as merging every second (or every sample) of the window.
 * Bulk bytea is read with node-postgres (raw-pool.ts).
 */
import { mergePackedInto } from "./bucket-codec";
import type { TMergedFigures } from "./merge-figures";
import { rawPool, type TPackedRow } from "./raw-pool";

interface TRange {
  a: number;
  b: number;
}

export async function loadWindow(
  runId: string,
  from: number,
  to: number,
  options: { wanted?: (labelIndex: number) => boolean } = {},
): Promise<Map<number, TMergedFigures>> {
  const merged = new Map<number, TMergedFigures>();
  const add = (base: number, data: Uint8Array) => mergePackedInto(base, data, merged, options.wanted);
  let ranges: TRange[] = [{ a: from, b: to }];
  for (const resolution of [3600, 600, 60]) {
    const candidates = ranges.filter((r) => r.b - r.a + 1 >= resolution);
    if (!candidates.length) continue;
    const { rows } = await rawPool().query<TPackedRow>(
      `SELECT "start" AS base, "data" FROM "RunRollup" r
         JOIN unnest($3::int[], $4::int[]) AS w(a, b) ON r."start" >= w.a AND r."start" + $2 - 1 <= w.b
        WHERE r."runId" = $1 AND r."resolution" = $2 ORDER BY 1`,
      [runId, resolution, candidates.map((r) => r.a), candidates.map((r) => r.b)],
    );
    const covered: TRange[] = [];
    for (const row of rows) {
      add(row.base, row.data);
      covered.push({ a: row.base, b: row.base + resolution - 1 });
    }
    ranges = subtract(ranges, covered);
  }
  if (ranges.length) {
    const { rows } = await rawPool().query<TPackedRow>(
      `SELECT "second" AS base, "data" FROM "RunSecond" s
         JOIN unnest($2::int[], $3::int[]) AS w(a, b) ON s."second" BETWEEN w.a AND w.b
        WHERE s."runId" = $1 AND s."data" IS NOT NULL`,
      [runId, ranges.map((r) => r.a), ranges.map((r) => r.b)],
    );
    for (const row of rows) add(row.base, row.data);
  }
  return merged;
}

/** Ranges minus sorted, disjoint covered ranges. */
function subtract(ranges: TRange[], covered: TRange[]): TRange[] {
  if (!covered.length) return ranges;
  const out: TRange[] = [];
  for (const r of ranges) {
    let cursor = r.a;
    for (const c of covered) {
      if (c.b < cursor || c.a > r.b) continue;
      if (c.a > cursor) out.push({ a: cursor, b: c.a - 1 });
      cursor = Math.max(cursor, c.b + 1);
    }
    if (cursor <= r.b) out.push({ a: cursor, b: r.b });
  }
  return out;
}
