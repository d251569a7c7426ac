import { prisma, type Prisma } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import { PROBLEM_ROW_INCLUDE, toProblemRow } from "./problem-links";
import { ZProblemFilter, type TProblemFilter } from "./problem.schema";
import { SEVERITIES, type TProblemRow } from "./problem.types";

const STATUS_ORDER = ["open", "in_progress", "resolved", "wont_fix"];

/** Problems by filter (status, open group, severity, module, run, first round, text) and sort. */
export async function findProblems(filter: TProblemFilter = {}): Promise<TProblemRow[]> {
  const f = ZProblemFilter.parse(filter);
  const where: Prisma.ProblemWhereInput = {
    status: f.status
      ? { in: f.status }
      : f.isOpen === undefined
        ? undefined
        : f.isOpen
          ? { in: ["open", "in_progress"] }
          : { in: ["resolved", "wont_fix"] },
    severity: f.severity,
    reportId: f.reportId,
    modules: f.moduleId ? { some: { moduleId: f.moduleId } } : undefined,
    runs: f.runId ? { some: { runId: f.runId } } : undefined,
    OR: f.q
      ? [
          { title: { contains: escapeLike(f.q), mode: "insensitive" } },
          { description: { contains: escapeLike(f.q), mode: "insensitive" } },
          { owner: { contains: escapeLike(f.q), mode: "insensitive" } },
        ]
      : undefined,
  };
  const orderBy: Prisma.ProblemOrderByWithRelationInput =
    f.sort === "number"
      ? { number: "asc" }
      : f.sort === "updated"
        ? { updatedAt: "asc" }
        : f.sort === "-updated"
          ? { updatedAt: "desc" }
          : f.sort === "title"
            ? { title: "asc" }
            : { number: "desc" };
  const rows = (await prisma.problem.findMany({ where, orderBy, include: PROBLEM_ROW_INCLUDE })).map(toProblemRow);
  // Enum orders are the domain's, not the alphabet's.
  if (f.sort === "severity") rows.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.number - a.number);
  if (f.sort === "status") rows.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || b.number - a.number);
  return rows;
}
