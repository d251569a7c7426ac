/** A run's events (RunEvent rows), oldest first, as plain rows for the run page and the API. */
import { prisma } from "@/lib/db/client";
import type { TRunEvent } from "@/lib/engine/run-event";

export interface TRunEventRow extends TRunEvent {
  id: string;
  /** ISO time. */
  at: string;
}

/** At most this many: a run that repeats a warning every second must not flood the page. */
const MAX_EVENTS = 200;

export async function findRunEvents(runId: string): Promise<TRunEventRow[]> {
  const rows = await prisma.runEvent.findMany({ where: { runId }, orderBy: [{ at: "asc" }, { id: "asc" }], take: MAX_EVENTS });
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    level: r.level,
    code: r.code,
    message: r.message,
    ...(r.details && typeof r.details === "object" && !Array.isArray(r.details) ? { details: r.details as TRunEvent["details"] } : {}),
  }));
}
