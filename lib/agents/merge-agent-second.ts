/**
 * Merge one agent's second into the run's `RunSecond` row, exactly: per label the figures fold and
 * the HDR histograms merge (lib/run-metrics/merge-figures.ts), never averaged; active VUs, dropped
 * iterations and open sockets add up; CPU and loop lag keep the worst agent; saturated if any was.
 * The `RunAgentSecond` row is inserted in the same transaction: a message redelivered after a
 * controller restart finds it and changes nothing.
 */
import { prisma, type PrismaClient } from "../db/client";
import type { TMetricBucket } from "../engine/metrics/types";
import { decodePacked, encodePacked, type TPackedLabel } from "../run-metrics/bucket-codec";
import { emptyMerged, mergeInto, toFigures } from "../run-metrics/merge-figures";
import { bucketToPacked, secondTotals } from "../run-metrics/pack-second";
import type { TAgentSecond } from "./protocol";

/** The run's label numbers (RunLabel), loaded once per controller and grown as labels appear. */
export class RunLabelIndex {
  private readonly byKey = new Map<string, number>();
  private readonly requests = new Set<number>();
  private loaded = false;

  constructor(readonly runId: string) {}

  async load(db: PrismaClient = prisma): Promise<void> {
    if (this.loaded) return;
    const rows = await db.runLabel.findMany({
      where: { runId: this.runId },
      select: { index: true, label: true, module: true, kind: true },
    });
    for (const r of rows) this.remember(`${r.kind}\u0000${r.module}\u0000${r.label}`, r.index, r.kind === "request");
    this.loaded = true;
  }

  private remember(key: string, index: number, isRequest: boolean): void {
    this.byKey.set(key, index);
    if (isRequest) this.requests.add(index);
  }

  isRequest = (index: number): boolean => this.requests.has(index);

  /** Index of a bucket's label; new labels are returned to be inserted. */
  indexOf(b: TMetricBucket, created: { index: number; b: TMetricBucket }[]): number {
    const key = `${b.kind}\u0000${b.module}\u0000${b.label}`;
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.byKey.size;
      this.remember(key, index, b.kind === "request");
      created.push({ index, b });
    }
    return index;
  }
}

/** Returns false when this agent's second was merged before (a redelivery). */
export async function mergeAgentSecond(s: TAgentSecond, labels: RunLabelIndex, db: PrismaClient = prisma): Promise<boolean> {
  await labels.load(db);
  const created: { index: number; b: TMetricBucket }[] = [];
  const incoming = s.buckets.map((b) => bucketToPacked(b as TMetricBucket, labels.indexOf(b as TMetricBucket, created)));
  return db.$transaction(async (tx) => {
    const inserted =
      await tx.$executeRaw`INSERT INTO "RunAgentSecond" ("runId", "agentName", "second") VALUES (${s.runId}, ${s.agent}, ${s.second}) ON CONFLICT DO NOTHING`;
    if (inserted === 0) return false;
    if (created.length)
      await tx.runLabel.createMany({
        data: created.map(({ index, b }) => ({
          runId: s.runId,
          index,
          label: b.label,
          module: b.module,
          kind: b.kind,
          method: b.method ?? null,
          url: b.url ?? null,
        })),
        skipDuplicates: true,
      });
    const rows = await tx.$queryRaw<
      {
        data: Uint8Array | null;
        activeVus: number;
        droppedIterations: number;
        cpuPct: number | null;
        eventLoopLagMs: number | null;
        openSockets: number | null;
        saturated: boolean;
      }[]
    >`
      SELECT "data", "activeVus", "droppedIterations", "cpuPct", "eventLoopLagMs", "openSockets", "saturated"
        FROM "RunSecond" WHERE "runId" = ${s.runId} AND "second" = ${s.second} FOR UPDATE`;
    const old = rows[0];
    const byIndex = new Map<number, TPackedLabel[]>();
    for (const l of [...(old?.data ? decodePacked(s.second, old.data) : []), ...incoming])
      byIndex.set(l.labelIndex, [...(byIndex.get(l.labelIndex) ?? []), l]);
    const merged: TPackedLabel[] = [...byIndex.entries()].map(([labelIndex, list]) => {
      if (list.length === 1) return list[0]!;
      const m = emptyMerged();
      for (const l of list) mergeInto(m, l);
      return { labelIndex, ...toFigures(m) };
    });
    const totals = secondTotals(merged, labels.isRequest);
    const figures = {
      activeVus: (old?.activeVus ?? 0) + s.activeVus,
      droppedIterations: (old?.droppedIterations ?? 0) + s.dropped,
      cpuPct: Math.max(old?.cpuPct ?? 0, s.cpuPct),
      eventLoopLagMs: Math.max(old?.eventLoopLagMs ?? 0, s.eventLoopLagMs),
      openSockets: (old?.openSockets ?? 0) + s.openSockets,
      saturated: (old?.saturated ?? false) || s.saturated,
      ...totals,
      data: merged.length ? encodePacked(s.second, merged) : null,
    };
    await tx.runSecond.upsert({
      where: { runId_second: { runId: s.runId, second: s.second } },
      create: { runId: s.runId, second: s.second, ...figures },
      update: figures,
    });
    return true;
  });
}
