/**
 * Merged per-label figures of a run over a window of epoch seconds [from, to] (inclusive), read
 * from the coarsest stored rows that fit: 600 s rollups, then 60 s rollups, then single seconds
 * at the edges. Exact: the same figures as merging every second (or every sample) of the window.
 */
import { prisma, type PrismaClient } from "../db/client";
import { decodePacked } from "../report/bucket-codec";
import { emptyMerged, mergeInto, type TMergedFigures } from "../report/merge-figures";

interface TRange {
  a: number;
  b: number;
}

export async function loadWindow(
  runId: string,
  from: number,
  to: number,
  options: { wanted?: (labelIndex: number) => boolean } = {},
  db: PrismaClient = prisma,
): Promise<Map<number, TMergedFigures>> {
  const merged = new Map<number, TMergedFigures>();
  const add = (base: number, data: Uint8Array) => {
    for (const l of decodePacked(base, data, options.wanted)) {
      let m = merged.get(l.labelIndex);
      if (!m) merged.set(l.labelIndex, (m = emptyMerged()));
      mergeInto(m, l);
    }
  };
  let ranges: TRange[] = [{ a: from, b: to }];
  for (const resolution of [600, 60]) {
    const candidates = ranges.filter((r) => r.b - r.a + 1 >= resolution);
    if (!candidates.length) continue;
    const rows = await db.runRollup.findMany({
      where: { runId, resolution, OR: candidates.map((r) => ({ start: { gte: r.a, lte: r.b - resolution + 1 } })) },
      select: { start: true, data: true },
      orderBy: { start: "asc" },
    });
    const covered: TRange[] = [];
    for (const row of rows) {
      add(row.start, row.data);
      covered.push({ a: row.start, b: row.start + resolution - 1 });
    }
    ranges = subtract(ranges, covered);
  }
  if (ranges.length) {
    const rows = await db.runSecond.findMany({
      where: { runId, data: { not: null }, OR: ranges.map((r) => ({ second: { gte: r.a, lte: r.b } })) },
      select: { second: true, data: true },
    });
    for (const row of rows) add(row.second, row.data!);
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
