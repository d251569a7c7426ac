import { prisma } from "@/lib/db/client";
import { PROBLEM_ROW_INCLUDE, problemNotFound, toProblemRow } from "./problem-links";
import type { TProblemDetail } from "./problem.types";

/** One problem with its whole history (newest note first). Accepts the id or the number. */
export async function getProblem(idOrNumber: string): Promise<TProblemDetail> {
  const where = /^\d+$/.test(idOrNumber) ? { number: Number(idOrNumber) } : { id: idOrNumber };
  const row = await prisma.problem.findUnique({ where, include: PROBLEM_ROW_INCLUDE });
  if (!row) throw problemNotFound(idOrNumber);
  const notes = await prisma.problemNote.findMany({ where: { problemId: row.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return {
    ...toProblemRow(row),
    notes: notes.map((n) => ({ id: n.id, body: n.body, status: n.status, author: n.author, createdAt: n.createdAt.toISOString() })),
  };
}
