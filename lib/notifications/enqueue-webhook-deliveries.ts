import { prisma, Prisma } from "@/lib/db/client";
import type { TWebhookPayload } from "./webhook.schema";

/**
 * One pending WebhookDelivery per enabled webhook subscribed to `payload.event`, as ONE statement
 * that callers put in the same transaction as the state change it announces (the run's final
 * status, the report's readyAt) — so the event is recorded exactly when the change is.
 * INVARIANT: idempotent — the unique (webhookId, event, subjectId) makes a repeated finalize or a
 * second "Mark ready" insert nothing, so a chat never hears of one run twice.
 *
 * `onlyIfRunStatus`: insert only when the run (subject) has that status once the statements before
 * it in the transaction have run — finalizeRun's update is guarded (onlyIfStatus / onlyIfWorkerId)
 * and may change nothing.
 */
export function enqueueWebhookDeliveries(
  payload: TWebhookPayload,
  options: { onlyIfRunStatus?: string } = {},
): Prisma.PrismaPromise<number> {
  const guard = options.onlyIfRunStatus
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Run" r WHERE r."id" = ${payload.subject.id} AND r."status"::text = ${options.onlyIfRunStatus})`
    : Prisma.empty;
  return prisma.$executeRaw`
    INSERT INTO "WebhookDelivery" ("webhookId", "event", "subjectId", "payload")
    SELECT w."id", ${payload.event}, ${payload.subject.id}, ${JSON.stringify(payload)}::jsonb
    FROM "Webhook" w
    WHERE w."enabled" AND ${payload.event} = ANY (w."events") ${guard}
    ON CONFLICT ("webhookId", "event", "subjectId") DO NOTHING`;
}
