import { prisma } from "@/lib/db/client";
import { isOpenStatus, type TProblemStatus, type TReportProblem, type TSeverity } from "./problem.types";

/** A problem's state at one moment: a ProblemRevision, or the row itself for a problem without any. */
interface TState {
  title: string;
  description: string;
  status: TProblemStatus;
  severity: TSeverity;
  owner: string | null;
  resolvedAt: Date | null;
}

/**
 * The problems a daily report lists (当前存在的问题), by problem number, each AS IT STOOD AT THE
 * END OF THE REPORT'S DAY (`end`, the next local midnight — lib/reports/report-day.ts): the last
 * ProblemRevision before `end`. Nothing that happens afterwards changes the list or its rows, so a
 * past report, its Markdown and its share page read the same forever.
 *
 * Which problems:
 * - one first reported in this report is always listed (in its state at `end`, or as it was created
 *   when it was logged against this report later);
 * - another is listed when it existed by `end`, was not first reported in a later report, and at
 *   `end` was still open / in progress, or was closed during the day itself [`start`, `end`) — the
 *   report of the day a problem was resolved says so.
 * Numbers are the problems' own (#2 stays #2), never positions in the list.
 */
export async function findReportProblems(report: { id: string; day: string; start: Date; end: Date }): Promise<TReportProblem[]> {
  const candidates = await prisma.problem.findMany({
    where: { OR: [{ reportId: report.id }, { createdAt: { lt: report.end } }] },
    orderBy: { number: "asc" },
    include: {
      report: { select: { id: true, name: true, date: true } },
      revisions: { where: { at: { lt: report.end } }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 1 },
      notes: {
        where: { createdAt: { lt: report.end } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { body: true, createdAt: true },
      },
      _count: { select: { revisions: true } },
    },
  });
  // Logged against this report after its day: shown as first recorded.
  const lateIds = candidates.filter((p) => p.reportId === report.id && p.revisions.length === 0 && p._count.revisions > 0).map((p) => p.id);
  const firstRevisions = new Map<string, TState>();
  if (lateIds.length > 0) {
    const rows = await prisma.problemRevision.findMany({
      where: { problemId: { in: lateIds } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      distinct: ["problemId"],
    });
    for (const r of rows) firstRevisions.set(r.problemId, r);
  }

  const out: TReportProblem[] = [];
  for (const p of candidates) {
    const isNew = p.reportId === report.id;
    // A problem written before revisions existed (or by raw SQL) has only its current row.
    const state: TState | undefined =
      p.revisions[0] ?? firstRevisions.get(p.id) ?? (p._count.revisions === 0 && (isNew || p.createdAt < report.end) ? p : undefined);
    if (!state) continue;
    if (!isNew) {
      if (p.report && p.report.date.toISOString().slice(0, 10) > report.day) continue;
      const isListed = isOpenStatus(state.status) || (state.resolvedAt !== null && state.resolvedAt >= report.start);
      if (!isListed) continue;
    }
    out.push({
      id: p.id,
      number: p.number,
      title: state.title,
      description: state.description,
      status: state.status,
      severity: state.severity,
      owner: state.owner,
      resolvedAt: state.resolvedAt?.toISOString() ?? null,
      isNew,
      firstReportedIn: p.report ? { id: p.report.id, name: p.report.name, date: p.report.date.toISOString().slice(0, 10) } : null,
      latestNote: p.notes[0] ? { body: p.notes[0].body, createdAt: p.notes[0].createdAt.toISOString() } : null,
    });
  }
  return out;
}
