import { requireRole } from "@/lib/auth/require-role";
import { noContent, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { deleteWebhook } from "@/lib/notifications/delete-webhook";
import { updateWebhook } from "@/lib/notifications/update-webhook";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ webhookId: string }> };

/** PATCH /api/admin/webhooks/:id { any field of POST } → { data: TWebhookView } · 400 · 404 (admin). */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  await requireRole("admin");
  return ok(await updateWebhook((await params).webhookId, await readJsonBody(request, 64 * 1024)));
});

/** DELETE /api/admin/webhooks/:id → 204 · 404 (admin; its delivery log goes with it). */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  await requireRole("admin");
  await deleteWebhook((await params).webhookId);
  return noContent();
});
