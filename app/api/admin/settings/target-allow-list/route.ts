import { requireRole } from "@/lib/auth/require-role";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getTargetAllowList } from "@/lib/security/get-target-allow-list";
import { updateTargetAllowList } from "@/lib/security/update-target-allow-list";

export const dynamic = "force-dynamic";

/** GET /api/admin/settings/target-allow-list — { hosts, cidrs, ports } (admin). */
export const GET = withRoute(async () => {
  await requireRole("admin");
  return ok(await getTargetAllowList());
});

/** PUT /api/admin/settings/target-allow-list { hosts, cidrs, ports } — replaces it (admin, audited). */
export const PUT = withRoute(async (request) => {
  await requireRole("admin");
  return ok(await updateTargetAllowList(await readJsonBody(request, 64 * 1024)));
});
