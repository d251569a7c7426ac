import { prisma, type Prisma } from "@/lib/db/client";
import { formatSummaryLine } from "@/lib/engine/metrics/summary-line";

/**
 * Seeds finished runs with RunSummaryRow rows directly (what the worker writes at the end of an
 * engine run, or a JMeter import), for report tests and e2e.
 */
export interface TSeedLabel {
  label: string;
  url?: string;
  method?: string;
  kind?: "request" | "transaction" | "rendezvous_wait";
  samples: number;
  errors?: number;
  avgMs: number;
  p95Ms?: number;
}

export interface TSeedModule {
  module: string;
  elapsedS: number;
  labels: TSeedLabel[];
}

export async function seedRun(options: {
  name: string;
  modules: TSeedModule[];
  source?: "engine" | "jmeter_jtl" | "jmeter_log";
  startedAt?: Date;
  /** Per-second request counts for the noise rule (RunSecond rows). */
  perSecond?: number[];
}): Promise<string> {
  const startedAt = options.startedAt ?? new Date("2026-11-21T08:00:00Z");
  const run = await prisma.run.create({
    data: {
      name: options.name,
      status: "completed",
      source: options.source ?? "engine",
      scenarios: [],
      startedAt,
      finishedAt: new Date(startedAt.getTime() + Math.max(...options.modules.map((m) => m.elapsedS), 1) * 1000),
    },
  });
  const rows: Prisma.RunSummaryRowCreateManyInput[] = [];
  const fig = (samples: number, errors: number, sumMs: number, elapsedMs: number, minMs: number, maxMs: number) => ({
    samples: BigInt(samples),
    errors: BigInt(errors),
    sumMs,
    minMs,
    maxMs,
    elapsedMs: BigInt(elapsedMs),
    ratePerSec: elapsedMs > 0 ? (samples / elapsedMs) * 1000 : 0,
    summaryLine: formatSummaryLine({ samples, errors, sumMs, minMs, maxMs, elapsedMs }),
  });
  let total = { samples: 0, errors: 0, sumMs: 0, elapsedMs: 0 };
  for (const m of options.modules) {
    const elapsedMs = m.elapsedS * 1000;
    let ms = { samples: 0, errors: 0, sumMs: 0 };
    for (const l of m.labels) {
      const errors = l.errors ?? 0;
      const sumMs = l.avgMs * l.samples;
      rows.push({
        runId: run.id,
        scope: "label",
        module: m.module,
        label: l.label,
        kind: l.kind ?? "request",
        method: l.method ?? "GET",
        url: l.url ?? null,
        p95Ms: l.p95Ms ?? l.avgMs * 2,
        ...fig(l.samples, errors, sumMs, elapsedMs, 1, l.avgMs * 4),
      });
      ms = { samples: ms.samples + l.samples, errors: ms.errors + errors, sumMs: ms.sumMs + sumMs };
    }
    rows.push({ runId: run.id, scope: "module", module: m.module, ...fig(ms.samples, ms.errors, ms.sumMs, elapsedMs, 1, 999) });
    total = {
      samples: total.samples + ms.samples,
      errors: total.errors + ms.errors,
      sumMs: total.sumMs + ms.sumMs,
      elapsedMs: Math.max(total.elapsedMs, elapsedMs),
    };
  }
  rows.push({ runId: run.id, scope: "total", module: "", ...fig(total.samples, total.errors, total.sumMs, total.elapsedMs, 1, 999) });
  await prisma.runSummaryRow.createMany({ data: rows });
  if (options.perSecond) {
    const base = Math.floor(startedAt.getTime() / 1000);
    await prisma.runSecond.createMany({
      data: options.perSecond.map((samples, i) => ({
        runId: run.id,
        second: base + i,
        activeVus: 10,
        samples,
        errors: 0,
        sumMs: samples * 100,
      })),
    });
  }
  return run.id;
}

/**
 * Empties every table but the migrations (test/reset-db.ts with the `name` column cast to text:
 * adapter-pg cannot deserialise PostgreSQL's `name` type, prisma/orm#27403).
 */
export async function resetReportTables(): Promise<void> {
  const rows = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  await prisma.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"public"."${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/**
 * A problem as if its history had happened at other times: the i-th change (creation first) moves
 * to `times[i]` (the last time given is reused for later changes). Revisions, the notes written with
 * each change and the row's createdAt / resolvedAt move together, since the domain stamps all of
 * them with the change's one instant.
 */
export async function retimeProblem(id: string, times: Date[]): Promise<void> {
  const revisions = await prisma.problemRevision.findMany({ where: { problemId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const moved = new Map<number, Date>();
  revisions.forEach((r, i) => moved.set(r.at.getTime(), times[Math.min(i, times.length - 1)]!));
  const map = (d: Date | null) => (d === null ? null : (moved.get(d.getTime()) ?? d));
  for (const [i, r] of revisions.entries()) {
    const at = times[Math.min(i, times.length - 1)]!;
    await prisma.problemRevision.update({
      where: { id: r.id },
      data: { at: new Date(at.getTime() + (i >= times.length ? i : 0)), resolvedAt: map(r.resolvedAt) },
    });
  }
  for (const n of await prisma.problemNote.findMany({ where: { problemId: id } }))
    await prisma.problemNote.update({ where: { id: n.id }, data: { createdAt: map(n.createdAt)! } });
  const p = await prisma.problem.findUniqueOrThrow({ where: { id } });
  await prisma.problem.update({ where: { id }, data: { createdAt: map(p.createdAt)!, resolvedAt: map(p.resolvedAt) } });
}

/** A problem as if created on a given day, and its later changes made at `changedAt` (default: that day). */
export async function backdateProblem(id: string, createdAt: Date, changedAt?: Date | null): Promise<void> {
  await retimeProblem(id, changedAt ? [createdAt, changedAt] : [createdAt]);
}
