/**
 * Seconds in which the load generator itself was the bottleneck (RunSecond.saturated: a thread
 * ≥ 95 % busy or event-loop lag ≥ 50 ms), as ranges of consecutive epoch seconds — the run page
 * shades them so nobody blames the target for what those seconds show.
 */
import { prisma } from "@/lib/db/client";

/** Consecutive saturated epoch seconds, both inclusive. */
export interface TSecondRange {
  from: number;
  to: number;
}

/** At most this many ranges come back (the newest when more): enough to shade any chart. */
export const SATURATED_MAX_RANGES = 500;

export async function findSaturatedSeconds(runId: string, options: { since?: number } = {}): Promise<TSecondRange[]> {
  const rows = await prisma.runSecond.findMany({
    where: { runId, saturated: true, ...(options.since !== undefined ? { second: { gt: options.since } } : {}) },
    orderBy: { second: "asc" },
    select: { second: true },
  });
  const ranges: TSecondRange[] = [];
  for (const { second } of rows) {
    const last = ranges.at(-1);
    if (last && second === last.to + 1) last.to = second;
    else ranges.push({ from: second, to: second });
  }
  return ranges.slice(-SATURATED_MAX_RANGES);
}
