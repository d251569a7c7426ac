import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { WEBHOOK_ALLOW_LIST_SETTING, ZWebhookAllowList, type TWebhookAllowList } from "./webhook-allow-list";

/** Replaces the webhook allow-list (admin). Duplicates are dropped; the change is audited. */
export async function updateWebhookAllowList(input: unknown): Promise<TWebhookAllowList> {
  const parsed = ZWebhookAllowList.parse(input);
  const value: TWebhookAllowList = {
    hosts: [...new Set(parsed.hosts)],
    cidrs: [...new Set(parsed.cidrs)],
    ports: [...new Set(parsed.ports)].sort((a, b) => a - b),
  };
  await prisma.setting.upsert({
    where: { key: WEBHOOK_ALLOW_LIST_SETTING },
    create: { key: WEBHOOK_ALLOW_LIST_SETTING, value },
    update: { value },
  });
  await recordAudit({
    action: "settings.webhookAllowList.update",
    targetType: "setting",
    targetId: WEBHOOK_ALLOW_LIST_SETTING,
    details: value,
  });
  return value;
}
