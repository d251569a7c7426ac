import { prisma } from "@/lib/db/client";
import { isOpenStatus, type TRoundProblem } from "./problem.types";

const DAY_MS = 86_400_000;

/**
 * The problems a round's report lists (当前存在的问题), by problem number.
 *
 * Carry-over rule, so that an old report still reads as it did on its day:
 * - a problem first reported in this round is always listed;
 * - otherwise it is listed when it existed by the round's day (its first round's date, or the day
 *   it was created when it has no round) and was not closed by then: still open / in progress, or
 *   resolved / won't fix on a LATER day than the round's.
 * So an open problem shows on every later round until it is resolved, and never on earlier ones.
 */
export async function findRoundProblems(round: { id: string; date: Date }): Promise<TRoundProblem[]> {
  const roundDay = startOfDay(round.date);
  const nextDay = new Date(roundDay.getTime() + DAY_MS);
  const candidates = await prisma.problem.findMany({
    where: {
      OR: [
        { roundId: round.id },
        { status: { in: ["open", "in_progress"] } },
        { resolvedAt: { gte: nextDay } },
      ],
    },
    orderBy: { number: "asc" },
    include: {
      round: { select: { id: true, name: true, date: true } },
      notes: { orderBy: { createdAt: "desc" }, take: 1, select: { body: true, createdAt: true } },
    },
  });
  return candidates
    .filter((p) => {
      if (p.roundId === round.id) return true;
      const origin = startOfDay(p.round ? p.round.date : p.createdAt);
      if (origin.getTime() > roundDay.getTime()) return false;
      if (isOpenStatus(p.status)) return true;
      return p.resolvedAt !== null && p.resolvedAt.getTime() >= nextDay.getTime();
    })
    .map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      description: p.description,
      status: p.status,
      severity: p.severity,
      owner: p.owner,
      isNew: p.roundId === round.id,
      firstReportedIn: p.round ? { id: p.round.id, name: p.round.name, date: p.round.date.toISOString().slice(0, 10) } : null,
      latestNote: p.notes[0] ? { body: p.notes[0].body, createdAt: p.notes[0].createdAt.toISOString() } : null,
    }));
}

function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
