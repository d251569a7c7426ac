import type { Prisma } from "@/lib/db/client";

/**
 * Records a problem's whole state as it is now inside `tx`, stamped `at`. Every create, edit,
 * status change and note calls it in the same transaction as the change, so the revision history
 * is exactly the sequence of states a report can look back at (find-report-problems.ts).
 */
export async function writeProblemRevision(
  tx: Prisma.TransactionClient,
  problemId: string,
  at: Date,
  actorName: string | null,
): Promise<void> {
  const p = await tx.problem.findUniqueOrThrow({
    where: { id: problemId },
    select: {
      title: true,
      description: true,
      status: true,
      severity: true,
      owner: true,
      resolvedAt: true,
      modules: { select: { moduleId: true } },
    },
  });
  await tx.problemRevision.create({
    data: {
      problemId,
      at,
      actorName,
      title: p.title,
      description: p.description,
      status: p.status,
      severity: p.severity,
      owner: p.owner,
      resolvedAt: p.resolvedAt,
      moduleIds: p.modules.map((m) => m.moduleId).sort(),
    },
  });
}
