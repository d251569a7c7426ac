import { prisma } from "@/lib/db/client";
import { checkProblemLinks, PROBLEM_ROW_INCLUDE, toProblemRow } from "./problem-links";
import { ZProblemCreate } from "./problem.schema";
import { isOpenStatus, type TProblemRow } from "./problem.types";
import { writeProblemRevision } from "./write-problem-revision";

/**
 * Logs a problem (当前存在的问题), optionally linked to modules, runs, interfaces and the round it
 * was first reported in. A first note, if given, starts its history; the first revision records
 * the state it was created in. Unknown links → 400.
 */
export async function createProblem(input: unknown, author?: string): Promise<TProblemRow> {
  const data = ZProblemCreate.parse(input);
  const status = data.status ?? "open";
  const at = new Date();
  const row = await prisma.$transaction(async (tx) => {
    await checkProblemLinks(tx, data);
    const created = await tx.problem.create({
      data: {
        title: data.title,
        description: data.description ?? "",
        status,
        severity: data.severity,
        owner: data.owner || null,
        reportId: data.reportId ?? null,
        createdAt: at,
        resolvedAt: isOpenStatus(status) ? null : at,
        modules: { create: (data.moduleIds ?? []).map((moduleId) => ({ moduleId })) },
        runs: { create: (data.runIds ?? []).map((runId) => ({ runId })) },
        interfaces: { create: (data.interfaceIds ?? []).map((interfaceId) => ({ interfaceId })) },
        notes: data.note ? { create: { body: data.note, status, author: author ?? null, createdAt: at } } : undefined,
      },
      include: PROBLEM_ROW_INCLUDE,
    });
    await writeProblemRevision(tx, created.id, at, author ?? null);
    return created;
  });
  return toProblemRow(row);
}
