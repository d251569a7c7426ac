import { requireRole } from "@/lib/auth/require-role";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getWebhookAllowList } from "@/lib/notifications/get-webhook-allow-list";
import { updateWebhookAllowList } from "@/lib/notifications/update-webhook-allow-list";

export const dynamic = "force-dynamic";

/** GET /api/admin/webhooks/allow-list — { hosts, cidrs, ports } (admin). */
export const GET = withRoute(async () => {
  await requireRole("admin");
  return ok(await getWebhookAllowList());
});

/** PUT /api/admin/webhooks/allow-list { hosts, cidrs, ports } — replaces it (admin, audited). */
export const PUT = withRoute(async (request) => {
  await requireRole("admin");
  return ok(await updateWebhookAllowList(await readJsonBody(request, 64 * 1024)));
});
