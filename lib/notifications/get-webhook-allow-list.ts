import { prisma } from "@/lib/db/client";
import { DEFAULT_WEBHOOK_ALLOW_LIST, WEBHOOK_ALLOW_LIST_SETTING, ZWebhookAllowList, type TWebhookAllowList } from "./webhook-allow-list";

/** The current webhook allow-list; the chat robots' default when unset (or, defensively, unreadable). */
export async function getWebhookAllowList(): Promise<TWebhookAllowList> {
  const row = await prisma.setting.findUnique({ where: { key: WEBHOOK_ALLOW_LIST_SETTING } });
  if (!row) return DEFAULT_WEBHOOK_ALLOW_LIST;
  const parsed = ZWebhookAllowList.safeParse(row.value);
  if (!parsed.success) {
    console.error(`[notifications] Setting ${WEBHOOK_ALLOW_LIST_SETTING} is invalid; using the default`);
    return DEFAULT_WEBHOOK_ALLOW_LIST;
  }
  return parsed.data;
}
