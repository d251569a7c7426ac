import { prisma } from "@/lib/db/client";
import { checkProblemLinks, PROBLEM_ROW_INCLUDE, problemNotFound, toProblemRow } from "./problem-links";
import { ZProblemUpdate } from "./problem.schema";
import { isOpenStatus, type TProblemRow } from "./problem.types";
import { writeProblemRevision } from "./write-problem-revision";

/**
 * Edits a problem. A status change is always recorded in the history (with the note, if any);
 * a note without a status change is recorded as a plain note. Closing (resolved / won't fix)
 * stamps resolvedAt, which ends its carry-over to later rounds; reopening clears it.
 * Link lists, when sent, replace the current links. Every call records the resulting state as a
 * revision in the same transaction, so a past report keeps showing the state of its day.
 */
export async function updateProblem(id: string, input: unknown, author?: string): Promise<TProblemRow> {
  const data = ZProblemUpdate.parse(input);
  const at = new Date();
  const actor = author ?? data.author ?? null;
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.problem.findUnique({ where: { id }, select: { status: true } });
    if (!current) throw problemNotFound(id);
    await checkProblemLinks(tx, data);
    const statusChanged = data.status !== undefined && data.status !== current.status;
    const note = data.note?.trim();
    if (statusChanged || note) {
      await tx.problemNote.create({
        data: {
          problemId: id,
          body: note ?? "",
          status: statusChanged ? data.status : null,
          author: actor,
          createdAt: at,
        },
      });
    }
    const replace = <T>(ids: string[] | undefined, make: (id: string) => T) =>
      ids === undefined ? undefined : { deleteMany: {}, create: ids.map(make) };
    const updated = await tx.problem.update({
      where: { id },
      data: {
        title: data.title,
        description: data.description,
        severity: data.severity,
        owner: data.owner === undefined ? undefined : data.owner || null,
        reportId: data.reportId,
        status: data.status,
        resolvedAt: statusChanged ? (isOpenStatus(data.status!) ? null : at) : undefined,
        modules: replace(data.moduleIds, (moduleId) => ({ moduleId })),
        runs: replace(data.runIds, (runId) => ({ runId })),
        interfaces: replace(data.interfaceIds, (interfaceId) => ({ interfaceId })),
      },
      include: PROBLEM_ROW_INCLUDE,
    });
    await writeProblemRevision(tx, id, at, actor);
    return updated;
  });
  return toProblemRow(row);
}
