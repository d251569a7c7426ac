"use server";

import type { TActionResult } from "@/app/_lib/action-result";
import { apiAction } from "@/app/_lib/api-action";
import { requireRole } from "@/lib/auth/require-role";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { deleteWebhook } from "@/lib/notifications/delete-webhook";
import { updateWebhook } from "@/lib/notifications/update-webhook";
import { updateWebhookAllowList } from "@/lib/notifications/update-webhook-allow-list";
import type { TWebhookAllowList } from "@/lib/notifications/webhook-allow-list";
import type { TWebhookView } from "@/lib/notifications/webhook.schema";

/**
 * Admin → Webhooks, as /api/admin/webhooks[/:id] and /api/admin/webhooks/allow-list do it: admin
 * only; validated, allow-listed and audited in lib.
 */

const PATHS = ["/admin/webhooks"];

/** { name, format, url, secret?, events[], enabled? } */
export async function createWebhookAction(input: unknown): Promise<TActionResult<TWebhookView>> {
  return apiAction(PATHS, async () => {
    await requireRole("admin");
    return createWebhook(input);
  });
}

/** Any subset of the create fields (the page sends { enabled }). */
export async function updateWebhookAction(webhookId: string, input: unknown): Promise<TActionResult<TWebhookView>> {
  return apiAction(PATHS, async () => {
    await requireRole("admin");
    return updateWebhook(String(webhookId), input);
  });
}

/** With its delivery log. */
export async function deleteWebhookAction(webhookId: string): Promise<TActionResult<{ id: string }>> {
  return apiAction(PATHS, async () => {
    await requireRole("admin");
    await deleteWebhook(String(webhookId));
    return { id: String(webhookId) };
  });
}

/** { hosts, cidrs, ports }, replacing the list. */
export async function updateWebhookAllowListAction(input: unknown): Promise<TActionResult<TWebhookAllowList>> {
  return apiAction(PATHS, async () => {
    await requireRole("admin");
    return updateWebhookAllowList(input);
  });
}
