/**
 * Persist seconds of a run: new labels, RunSecond rows (totals + packed per-label data) and
 * rendezvous releases, in one transaction. Idempotent (skipDuplicates), so a batch whose commit
 * was uncertain (the database went away) can simply be written again.
 * Used by the worker (lib/worker/persist-metrics.ts) and usable by importers of other sources.
 */
import { prisma, type PrismaClient } from "../db/client";
import type { TReleaseReason, TSampleKind } from "../engine/metrics/types";
import { encodePacked, type TPackedLabel } from "./bucket-codec";
import type { TSecondTotals } from "./pack-second";

export interface TNewRunLabel {
  index: number;
  label: string;
  module: string;
  kind: TSampleKind;
  method?: string;
  url?: string;
}

export interface TRunSecondWrite {
  second: number;
  activeVus: number;
  droppedIterations?: number;
  cpuPct?: number;
  eventLoopLagMs?: number;
  openSockets?: number;
  saturated?: boolean;
  /** The second's labels, or `packed`: the same already encoded (encodePacked). */
  labels?: TPackedLabel[];
  packed?: Uint8Array<ArrayBuffer> | null;
  totals: TSecondTotals;
}

export interface TReleaseWrite {
  name: string;
  /** Epoch ms. */
  at: number;
  released: number;
  reason: TReleaseReason;
  skewMs: number | null;
}

export interface TRunSecondsBatch {
  labels: TNewRunLabel[];
  seconds: TRunSecondWrite[];
  releases: TReleaseWrite[];
}

export async function writeRunSeconds(runId: string, batch: TRunSecondsBatch, db: PrismaClient = prisma): Promise<void> {
  const ops = [];
  if (batch.labels.length)
    ops.push(
      db.runLabel.createMany({
        data: batch.labels.map((l) => ({
          runId,
          index: l.index,
          label: l.label,
          module: l.module,
          kind: l.kind,
          method: l.method ?? null,
          url: l.url ?? null,
        })),
        skipDuplicates: true,
      }),
    );
  if (batch.seconds.length)
    ops.push(
      db.runSecond.createMany({
        data: batch.seconds.map((s) => ({
          runId,
          second: s.second,
          activeVus: s.activeVus,
          droppedIterations: s.droppedIterations ?? 0,
          cpuPct: s.cpuPct ?? null,
          eventLoopLagMs: s.eventLoopLagMs ?? null,
          openSockets: s.openSockets ?? null,
          saturated: s.saturated ?? false,
          ...s.totals,
          data: s.packed !== undefined ? s.packed : s.labels?.length ? encodePacked(s.second, s.labels) : null,
        })),
        skipDuplicates: true,
      }),
    );
  if (batch.releases.length)
    ops.push(
      db.rendezvousRelease.createMany({
        data: batch.releases.map((r) => ({
          runId,
          name: r.name,
          at: BigInt(Math.round(r.at)),
          released: r.released,
          reason: r.reason,
          skewMs: r.skewMs,
        })),
        skipDuplicates: true,
      }),
    );
  if (ops.length) await db.$transaction(ops);
}
