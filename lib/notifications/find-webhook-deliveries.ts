import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { decodeAttemptLog, type TAttemptLine } from "./webhook-error-codes";

/** One line of the delivery log (admin page and API). */
export interface TWebhookDeliveryView {
  id: string;
  webhookId: string;
  webhookName: string;
  event: string;
  subjectId: string;
  title: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  /** English, one line per failed attempt (newest last), as it always read. */
  lastError: string | null;
  /** The same lines with their codes (lib/notifications/webhook-error-codes.ts), for the UI's languages. */
  lastErrorLines: TAttemptLine[];
  createdAt: string;
  deliveredAt: string | null;
}

export const ZWebhookDeliveriesQuery = z.object({
  webhookId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The newest deliveries first, optionally of one webhook. */
export async function findWebhookDeliveries(input: unknown = {}): Promise<TWebhookDeliveryView[]> {
  const q = ZWebhookDeliveriesQuery.parse(input);
  const rows = await prisma.webhookDelivery.findMany({
    where: q.webhookId ? { webhookId: q.webhookId } : {},
    orderBy: { id: "desc" },
    take: q.limit,
    include: { webhook: { select: { name: true } } },
  });
  return rows.map((d) => ({
    id: d.id.toString(),
    webhookId: d.webhookId,
    webhookName: d.webhook.name,
    event: d.event,
    subjectId: d.subjectId,
    title: typeof (d.payload as { title?: unknown } | null)?.title === "string" ? (d.payload as { title: string }).title : d.event,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    ...lastErrorOf(d.lastError),
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  }));
}

function lastErrorOf(stored: string | null): { lastError: string | null; lastErrorLines: TAttemptLine[] } {
  const lines = decodeAttemptLog(stored);
  return { lastError: stored === null ? null : lines.map((l) => l.text).join("\n"), lastErrorLines: lines };
}
