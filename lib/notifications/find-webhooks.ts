import { prisma } from "@/lib/db/client";
import { toWebhookView } from "./webhook-view";
import type { TWebhookView } from "./webhook.schema";

/** Every webhook, oldest first (admin page and API). */
export async function findWebhooks(): Promise<TWebhookView[]> {
  const rows = await prisma.webhook.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toWebhookView);
}
