/**
 * Store one run event (lib/engine/run-event.ts: a rendezvous policy that can never be met, an
 * agent lost, …) as a `RunEvent` row; the run page lists them (find-run-events.ts).
 */
import { prisma } from "@/lib/db/client";
import type { TRunEvent } from "@/lib/engine/run-event";

export async function addRunEvent(runId: string, event: TRunEvent, at: Date = new Date()): Promise<void> {
  // (runId, code, at) is unique: the same event delivered twice (a retry) is stored once.
  await prisma.runEvent.upsert({
    where: { runId_code_at: { runId, code: event.code, at } },
    create: {
      runId,
      at,
      level: event.level,
      code: event.code,
      message: event.message,
      ...(event.details ? { details: event.details } : {}),
    },
    update: {},
  });
}
