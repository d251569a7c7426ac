import type { Prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import type { TProblemRow } from "./problem.types";

type TTx = Prisma.TransactionClient;

/** Checks that linked modules, runs, interfaces and the report exist: unknown ids → 400 naming them. */
export async function checkProblemLinks(
  tx: TTx,
  links: { moduleIds?: string[]; runIds?: string[]; interfaceIds?: string[]; reportId?: string | null },
): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const check = async (field: string, ids: string[] | undefined, found: (ids: string[]) => Promise<{ id: string }[]>) => {
    if (!ids || ids.length === 0) return;
    const known = new Set((await found(ids)).map((r) => r.id));
    ids.forEach((id, i) => {
      if (!known.has(id)) issues.push({ path: `${field}.${i}`, message: `Unknown id ${id}.` });
    });
  };
  await check("moduleIds", links.moduleIds, (ids) => tx.module.findMany({ where: { id: { in: ids } }, select: { id: true } }));
  await check("runIds", links.runIds, (ids) => tx.run.findMany({ where: { id: { in: ids } }, select: { id: true } }));
  await check("interfaceIds", links.interfaceIds, (ids) => tx.interface.findMany({ where: { id: { in: ids } }, select: { id: true } }));
  if (links.reportId) {
    const n = await tx.report.count({ where: { id: links.reportId } });
    if (n === 0) issues.push({ path: "reportId", message: `Unknown report ${links.reportId}.` });
  }
  if (issues.length > 0) {
    throw new AppError(AppErrorCode.INVALID_INPUT, `Invalid links — ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
}

/** Include clause giving a TProblemRow. */
export const PROBLEM_ROW_INCLUDE = {
  report: { select: { id: true, name: true, date: true } },
  modules: { select: { module: { select: { id: true, name: true } } } },
  runs: { select: { run: { select: { id: true, name: true } } } },
  interfaces: {
    select: { interface: { select: { id: true, method: true, urlPattern: true, module: { select: { name: true } } } } },
  },
  notes: { orderBy: { createdAt: "desc" as const }, take: 1, select: { body: true, createdAt: true } },
  _count: { select: { notes: true } },
} satisfies Prisma.ProblemInclude;

export type TProblemWithRow = Prisma.ProblemGetPayload<{ include: typeof PROBLEM_ROW_INCLUDE }>;

export function toProblemRow(p: TProblemWithRow): TProblemRow {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    description: p.description,
    status: p.status,
    severity: p.severity,
    owner: p.owner,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    resolvedAt: p.resolvedAt?.toISOString() ?? null,
    report: p.report ? { id: p.report.id, name: p.report.name, date: p.report.date.toISOString().slice(0, 10) } : null,
    modules: p.modules.map((m) => m.module).sort((a, b) => a.name.localeCompare(b.name)),
    runs: p.runs.map((r) => r.run),
    interfaces: p.interfaces.map((i) => ({
      id: i.interface.id,
      method: i.interface.method,
      urlPattern: i.interface.urlPattern,
      moduleName: i.interface.module.name,
    })),
    noteCount: p._count.notes,
    latestNote: p.notes[0] ? { body: p.notes[0].body, createdAt: p.notes[0].createdAt.toISOString() } : null,
  };
}

export function problemNotFound(id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `Problem ${id} not found.`);
}
