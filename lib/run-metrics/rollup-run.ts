/**
 * Per-label rollups of a run over aligned 60 s, 600 s and 3600 s periods (RunRollup), so a window of a
 * long run merges a few dozen packed rows instead of every second (results for 200 labels over
 * 6 hours stay interactive).
 *
 * INVARIANT: a rollup row is written only for a period whose seconds are all written (its last
 * second ≤ `throughSecond`), or — with `final` — for the run's last, partial periods once no more
 * seconds can come. Recomputing is idempotent (upsert), so recovery simply calls this again.
 */
import { prisma, type PrismaClient } from "../db/client";
import { encodePacked, mergePackedInto, type TPackedLabel } from "./bucket-codec";
import { toFigures, type TMergedFigures } from "./merge-figures";
import { rawPool, type TPackedRow } from "./raw-pool";

/** Period lengths, finest first; each is built from the one before (60 from seconds). */
export const ROLLUP_RESOLUTIONS = [60, 600, 3600] as const;
const FINER: Record<number, number | null> = { 60: null, 600: 60, 3600: 600 };

export interface TRollupOptions {
  /** Every second ≤ this one is written. */
  throughSecond: number;
  /** No more seconds will come: roll up the partial last periods too. */
  final?: boolean;
}

export async function rollupRun(runId: string, options: TRollupOptions, db: PrismaClient = prisma): Promise<number> {
  let written = 0;
  for (const resolution of ROLLUP_RESOLUTIONS) written += await rollupLevel(db, runId, resolution, options);
  return written;
}

async function rollupLevel(db: PrismaClient, runId: string, resolution: number, options: TRollupOptions): Promise<number> {
  const finer = FINER[resolution] ?? null;
  const last = await db.runRollup.findFirst({ where: { runId, resolution }, orderBy: { start: "desc" }, select: { start: true } });
  let from: number;
  // Closed periods never change; at the end, recompute the last one (it may be partial).
  if (last) from = options.final ? last.start : last.start + resolution;
  else {
    const first = await db.runSecond.findFirst({ where: { runId }, orderBy: { second: "asc" }, select: { second: true } });
    if (!first) return 0;
    from = Math.floor(first.second / resolution) * resolution;
  }
  const limit = options.final ? options.throughSecond : Math.floor((options.throughSecond + 1) / resolution) * resolution - 1;
  if (limit < from) return 0;
  // Source rows: seconds (for 60) or the finer rollups (for 600), over [from, limit].
  // node-postgres, not Prisma, for bulk bytea (raw-pool.ts).
  const { rows } =
    finer === null
      ? await rawPool().query<TPackedRow>(
          `SELECT "second" AS base, "data" FROM "RunSecond" WHERE "runId" = $1 AND "second" BETWEEN $2 AND $3 AND "data" IS NOT NULL ORDER BY 1`,
          [runId, from, limit],
        )
      : await rawPool().query<TPackedRow>(
          `SELECT "start" AS base, "data" FROM "RunRollup" WHERE "runId" = $1 AND "resolution" = $2 AND "start" BETWEEN $3 AND $4 ORDER BY 1`,
          [runId, finer, from, limit],
        );
  const periods = new Map<number, Map<number, TMergedFigures>>();
  for (const row of rows) {
    const start = Math.floor(row.base / resolution) * resolution;
    let perLabel = periods.get(start);
    if (!perLabel) periods.set(start, (perLabel = new Map()));
    mergePackedInto(row.base, row.data, perLabel);
  }
  for (const [start, perLabel] of periods) {
    const labels: TPackedLabel[] = [...perLabel.entries()].map(([labelIndex, m]) => ({ labelIndex, ...toFigures(m) }));
    const data = encodePacked(start, labels);
    await db.runRollup.upsert({
      where: { runId_resolution_start: { runId, resolution, start } },
      create: { runId, resolution, start, data },
      update: { data },
    });
  }
  return periods.size;
}
