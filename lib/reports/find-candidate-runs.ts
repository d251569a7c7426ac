import { prisma } from "@/lib/db/client";

export interface TCandidateRun {
  id: string;
  name: string;
  status: string;
  source: string;
  startedAt: string | null;
  createdAt: string;
  modules: string[];
  samples: number;
}

/**
 * Runs a round can be built from: finished or imported ones with results (summary rows), newest
 * first. Queued and running runs have no results yet, so they are left out.
 */
export async function findCandidateRuns(limit = 200): Promise<TCandidateRun[]> {
  const runs = await prisma.run.findMany({
    where: { status: { notIn: ["queued", "running"] }, summaries: { some: {} } },
    orderBy: [{ startedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      status: true,
      source: true,
      startedAt: true,
      createdAt: true,
      summaries: { where: { scope: { in: ["module", "total"] } }, select: { scope: true, module: true, samples: true } },
    },
  });
  return runs.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    source: r.source,
    startedAt: r.startedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    modules: [...new Set(r.summaries.filter((s) => s.scope === "module").map((s) => s.module))].sort(),
    samples: Number(r.summaries.find((s) => s.scope === "total")?.samples ?? 0n),
  }));
}
