/**
 * The worker's sender (lib/worker/webhook-loop.ts): claims due pending deliveries, sends each in
 * its webhook's format, and records the outcome. A failed attempt is retried with exponential
 * back-off (base, 2×, 4×, …) until MAX_WEBHOOK_ATTEMPTS; then the delivery is `failed`.
 *
 * Claimed as runs are: `FOR UPDATE SKIP LOCKED`, and the claim itself moves nextAttemptAt a lease
 * ahead and counts the attempt, so two workers never send one delivery at once and a worker that
 * dies mid-send leaves the delivery to be retried after the lease.
 *
 * The log: `lastStatusCode` is the last answer's; `lastError` keeps one line per failed attempt
 * ("attempt 2 of 5: HTTP 502: …", newest last; the schema has no attempts table), also once a
 * retry got through — so the log shows what it took.
 */
import { prisma } from "@/lib/db/client";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import { getWebhookAllowList } from "./get-webhook-allow-list";
import { renderWebhookMessage } from "./render-webhook-message";
import { sendWebhook, WEBHOOK_TIMEOUT_MS, type TSendResult } from "./send-webhook";
import { webhookUrlRefusal } from "./webhook-allow-list";
import { encodeAttemptLine, webhookError, webhookErrorEnglish } from "./webhook-error-codes";
import { ZWebhookPayload, type TWebhookFormat } from "./webhook.schema";

export const MAX_WEBHOOK_ATTEMPTS = 5;
/** First retry after 30 s, then 1, 2, 4 min: a chat service's hiccup, not an outage, is what it rides out. */
export const WEBHOOK_BACKOFF_BASE_MS = 30_000;
const LEASE_MS = WEBHOOK_TIMEOUT_MS * 3;

export interface TDeliverOptions {
  now?: Date;
  limit?: number;
  backoffBaseMs?: number;
  timeoutMs?: number;
}

export interface TDeliverResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export function backoffMs(attempt: number, baseMs = WEBHOOK_BACKOFF_BASE_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export async function deliverDueWebhooks(o: TDeliverOptions = {}): Promise<TDeliverResult> {
  const now = o.now ?? new Date();
  const limit = o.limit ?? 20;
  const claimed = await prisma.$queryRaw<{ id: bigint; webhookId: string; payload: unknown; attempts: number; lastError: string | null }[]>`
    UPDATE "WebhookDelivery" d SET "attempts" = d."attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
    WHERE d."id" IN (
      SELECT "id" FROM "WebhookDelivery" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d."id", d."webhookId", d."payload", d."attempts", d."lastError"`;
  const result: TDeliverResult = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return result;
  const [webhooks, allowList] = await Promise.all([
    prisma.webhook.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.webhookId))] } } }),
    getWebhookAllowList(),
  ]);
  const byId = new Map(webhooks.map((w) => [w.id, w]));

  await Promise.all(
    claimed.map(async (d) => {
      const webhook = byId.get(d.webhookId);
      const payload = ZWebhookPayload.safeParse(d.payload);
      let outcome: TSendResult & { final?: boolean };
      const give = (reason: TCodedMessage) => ({ ok: false, statusCode: null, error: webhookErrorEnglish(reason), reason, final: true });
      if (!webhook || !webhook.enabled) outcome = give(webhookError("disabled", {}));
      else if (!payload.success) outcome = give(webhookError("payload_unreadable", {}));
      else {
        const refusal = webhookUrlRefusal(webhook.url, allowList);
        if (refusal) outcome = give(refusalReason(webhook.url));
        else {
          const message = renderWebhookMessage(
            { format: webhook.format as TWebhookFormat, url: webhook.url, secret: webhook.secret },
            payload.data,
            new Date(),
          );
          outcome = await sendWebhook(message, o.timeoutMs);
        }
      }
      if (outcome.ok) {
        result.delivered++;
        await prisma.webhookDelivery.update({
          where: { id: d.id },
          data: { status: "delivered", deliveredAt: new Date(), lastStatusCode: outcome.statusCode, lastError: d.lastError },
        });
        return;
      }
      const giveUp = outcome.final === true || d.attempts >= MAX_WEBHOOK_ATTEMPTS;
      if (giveUp) result.failed++;
      else result.retrying++;
      await prisma.webhookDelivery.update({
        where: { id: d.id },
        data: {
          status: giveUp ? "failed" : "pending",
          lastStatusCode: outcome.statusCode,
          lastError: attemptLog(d.lastError, d.attempts, MAX_WEBHOOK_ATTEMPTS, outcome.reason ?? webhookError("failed", {})),
          ...(giveUp ? {} : { nextAttemptAt: new Date(now.getTime() + backoffMs(d.attempts, o.backoffBaseMs)) }),
        },
      });
    }),
  );
  return result;
}

/**
 * One line per failed attempt, newest last (lib/notifications/webhook-error-codes.ts: English, then
 * codes); what the receiver said is cut at 300 characters and kept on one line, the log at 8000
 * characters (about 2000 of English, as before codes).
 */
export function attemptLog(previous: string | null, attempt: number, max: number, reason: TCodedMessage): string {
  const params = Object.fromEntries(
    Object.entries(reason.params).map(([k, v]) => [k, typeof v === "string" ? v.replace(/\s*\n\s*/g, " ").slice(0, 300) : v]),
  );
  const lines = [...(previous ? previous.split("\n") : []), encodeAttemptLine(attempt, max, { code: reason.code, params })];
  while (lines.join("\n").length > 8000) lines.shift();
  return lines.join("\n");
}

/** Why the URL is refused, by code (webhookUrlRefusal says it in English, with what to add). */
function refusalReason(rawUrl: string): TCodedMessage {
  try {
    const url = new URL(rawUrl);
    return webhookError("url_not_allowed", { host: url.hostname, port: url.port || (url.protocol === "https:" ? 443 : 80) });
  } catch {
    return webhookError("url_invalid", {});
  }
}
