import { prisma } from "@/lib/db/client";
import { PROBLEM_ROW_INCLUDE, problemNotFound, toProblemRow } from "./problem-links";
import type { TEditableField, TProblemDetail, TProblemEdit } from "./problem.types";

/** One problem with its whole history (newest first): notes, and edits read from its revisions. */
export async function getProblem(idOrNumber: string): Promise<TProblemDetail> {
  const where = /^\d+$/.test(idOrNumber) ? { number: Number(idOrNumber) } : { id: idOrNumber };
  const row = await prisma.problem.findUnique({ where, include: PROBLEM_ROW_INCLUDE });
  if (!row) throw problemNotFound(idOrNumber);
  const [notes, revisions] = await Promise.all([
    prisma.problemNote.findMany({ where: { problemId: row.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    prisma.problemRevision.findMany({ where: { problemId: row.id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
  ]);
  const edits: TProblemEdit[] = [];
  for (let i = 1; i < revisions.length; i++) {
    const [a, b] = [revisions[i - 1]!, revisions[i]!];
    const fields: TEditableField[] = [];
    if (a.title !== b.title) fields.push("title");
    if (a.description !== b.description) fields.push("description");
    if (a.severity !== b.severity) fields.push("severity");
    if (a.owner !== b.owner) fields.push("owner");
    if ([...a.moduleIds].sort().join() !== [...b.moduleIds].sort().join()) fields.push("modules");
    if (fields.length > 0) edits.push({ at: b.at.toISOString(), actorName: b.actorName, fields });
  }
  return {
    ...toProblemRow(row),
    notes: notes.map((n) => ({ id: n.id, body: n.body, status: n.status, author: n.author, createdAt: n.createdAt.toISOString() })),
    edits: edits.reverse(),
  };
}
