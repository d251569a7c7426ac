import { requireRole } from "@/lib/auth/require-role";
import { ZTimeZoneBody } from "@/lib/http/request-schemas";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
import { setDisplayTimeZone } from "@/lib/settings/set-display-time-zone";

export const dynamic = "force-dynamic";

/** GET /api/admin/settings/display-time-zone — { timeZone, source } (admin). */
export const GET = withRoute(async () => {
  await requireRole("admin");
  return ok(await getInstallationTimeZone());
});

/** PUT /api/admin/settings/display-time-zone { timeZone: "Asia/Shanghai" | null } — null: the server's TZ (admin, audited). */
export const PUT = withRoute(async (request) => {
  await requireRole("admin");
  const body = ZTimeZoneBody.parse(await readJsonBody(request, 1024));
  return ok(await setDisplayTimeZone(body.timeZone));
});
