import { requireRole } from "@/lib/auth/require-role";
import { ok, withRoute } from "@/lib/http/route-helpers";
import { findWebhookDeliveries } from "@/lib/notifications/find-webhook-deliveries";

export const dynamic = "force-dynamic";

/** GET /api/admin/webhooks/deliveries[?webhookId=&limit=] → { data: TWebhookDeliveryView[] }, newest first (admin). */
export const GET = withRoute(async (request) => {
  await requireRole("admin");
  const q = new URL(request.url).searchParams;
  return ok(await findWebhookDeliveries({ webhookId: q.get("webhookId") ?? undefined, limit: q.get("limit") ?? undefined }));
});
