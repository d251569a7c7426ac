import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { getWebhookAllowList } from "./get-webhook-allow-list";
import { webhookUrlRefusal } from "./webhook-allow-list";
import { toWebhookView } from "./webhook-view";
import { ZWebhookInput, type TWebhookView } from "./webhook.schema";

/** Checks a webhook URL against the webhook allow-list as it is now: 400 naming what to add. */
export async function assertWebhookUrlAllowed(url: string): Promise<void> {
  const refusal = webhookUrlRefusal(url, await getWebhookAllowList());
  if (refusal) throw new AppError(AppErrorCode.INVALID_INPUT, refusal, [{ path: "url", message: refusal }]);
}

/** Adds a webhook (admin): validated, its host on the webhook allow-list, audited. */
export async function createWebhook(input: unknown): Promise<TWebhookView> {
  const data = ZWebhookInput.parse(input);
  await assertWebhookUrlAllowed(data.url);
  const row = await prisma.webhook.create({
    data: {
      name: data.name,
      format: data.format,
      url: data.url,
      secret: data.secret || null,
      events: [...new Set(data.events)],
      enabled: data.enabled,
    },
  });
  await recordAudit({
    action: "webhook.create",
    targetType: "webhook",
    targetId: row.id,
    details: { name: row.name, format: row.format, events: row.events },
  });
  return toWebhookView(row);
}
