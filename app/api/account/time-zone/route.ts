import { requireActor } from "@/lib/auth/get-actor";
import { ZTimeZoneBody } from "@/lib/http/request-schemas";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import { setOwnTimeZone } from "@/lib/settings/set-user-time-zone";

export const dynamic = "force-dynamic";

/** GET /api/account/time-zone — { timeZone, source }: the zone the caller's pages use. */
export const GET = withRoute(async () => {
  const actor = await requireActor();
  return ok(await getDisplayTimeZone(actor.id));
});

/** PUT /api/account/time-zone { timeZone: "Asia/Shanghai" | null } — the caller's own zone; null follows the installation's. */
export const PUT = withRoute(async (request) => {
  const actor = await requireActor();
  const body = ZTimeZoneBody.parse(await readJsonBody(request, 1024));
  return ok(await setOwnTimeZone(actor, body.timeZone));
});
