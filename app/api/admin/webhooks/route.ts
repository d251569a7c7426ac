import { requireRole } from "@/lib/auth/require-role";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { findWebhooks } from "@/lib/notifications/find-webhooks";

export const dynamic = "force-dynamic";

/** GET /api/admin/webhooks → { data: TWebhookView[] } (admin; secrets never returned, URLs cut). */
export const GET = withRoute(async () => {
  await requireRole("admin");
  return ok(await findWebhooks());
});

/**
 * POST /api/admin/webhooks { name, format: json|wecom|dingtalk|feishu|slack, url, secret?, events[], enabled? }
 * → 201 { data: TWebhookView } · 400 (invalid, or the host is not on the webhook allow-list).
 */
export const POST = withRoute(async (request) => {
  await requireRole("admin");
  return created(await createWebhook(await readJsonBody(request, 64 * 1024)));
});
