import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { assertWebhookUrlAllowed } from "./create-webhook";
import { toWebhookView } from "./webhook-view";
import { ZWebhookPatch, type TWebhookView } from "./webhook.schema";

/** Changes a webhook (admin): any subset of its fields; a new URL is checked against the allow-list. */
export async function updateWebhook(id: string, input: unknown): Promise<TWebhookView> {
  const patch = ZWebhookPatch.parse(input);
  const existing = await prisma.webhook.findUnique({ where: { id } });
  if (!existing) throw new AppError(AppErrorCode.NOT_FOUND, "Webhook not found.");
  if (patch.url !== undefined) await assertWebhookUrlAllowed(patch.url);
  const row = await prisma.webhook.update({
    where: { id },
    data: {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.format !== undefined ? { format: patch.format } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret || null } : {}),
      ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    },
  });
  await recordAudit({
    action: "webhook.update",
    targetType: "webhook",
    targetId: id,
    details: { name: row.name, fields: Object.keys(patch) },
  });
  return toWebhookView(row);
}
