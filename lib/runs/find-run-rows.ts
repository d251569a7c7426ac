/**
 * The runs list page: newest runs with what a QA engineer scans for — scenarios and modules,
 * status, start, duration, samples, error share, who started it. Totals come from the `total`
 * RunSummaryRow written at the end (one small row per run), not from the Run.summary JSON, which
 * holds every label and would make the list heavy for runs with hundreds of labels.
 */
import { prisma } from "../db/client";
import type { TRunStatus } from "./get-run-by-id";
import type { TFrozenScenario } from "./run.schema";

export interface TRunRow {
  id: string;
  name: string;
  status: TRunStatus;
  source: string;
  scenarios: string[];
  modules: { id: string; name: string }[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Wall seconds from start to finish (or to now while running); null before the start. */
  durationSeconds: number | null;
  samples: number | null;
  errorPct: number | null;
  thresholdsPassed: boolean | null;
  startedByName: string | null;
}

/** Newest first, at most `take` (default 200). */
export async function findRunRows(options: { take?: number } = {}): Promise<TRunRow[]> {
  const take = Math.min(Math.max(options.take ?? 200, 1), 500);
  const runs = await prisma.run.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      name: true,
      status: true,
      source: true,
      scenarios: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      thresholdResults: true,
      startedByName: true,
    },
  });
  const totals = runs.length
    ? await prisma.runSummaryRow.findMany({
        where: { runId: { in: runs.map((r) => r.id) }, scope: "total" },
        select: { runId: true, samples: true, errors: true },
      })
    : [];
  const totalByRun = new Map(totals.map((t) => [t.runId, t]));
  const now = Date.now();
  return runs.map((r) => {
    const frozen = (r.scenarios as unknown as TFrozenScenario[] | null) ?? [];
    const modules = new Map<string, string>();
    for (const s of frozen) modules.set(s.moduleId, s.definition?.module ?? s.definition?.name ?? s.moduleId);
    const total = totalByRun.get(r.id);
    const samples = total ? Number(total.samples) : null;
    const errors = total ? Number(total.errors) : 0;
    const th = r.thresholdResults as { ok: boolean }[] | null;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      source: r.source,
      scenarios: frozen.map((s) => s.definition?.name ?? s.scenarioId),
      modules: [...modules.entries()].map(([id, name]) => ({ id, name })),
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationSeconds: r.startedAt ? Math.max(0, Math.round(((r.finishedAt?.getTime() ?? now) - r.startedAt.getTime()) / 1000)) : null,
      samples,
      // Two decimals, as JMeter's `Err: n (x.xx%)`.
      errorPct: samples ? Math.round((errors / samples) * 10_000) / 100 : samples === 0 ? 0 : null,
      thresholdsPassed: th && th.length ? th.every((t) => t.ok) : null,
      startedByName: r.startedByName,
    };
  });
}
