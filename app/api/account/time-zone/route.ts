import { requireActor } from "@/lib/auth/get-actor";
import { AppError, AppErrorCode } from "@/lib/errors";
import { ZTimeZoneBody } from "@/lib/http/request-schemas";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import { setUserTimeZone } from "@/lib/settings/set-user-time-zone";

export const dynamic = "force-dynamic";

/** GET /api/account/time-zone — { timeZone, source }: the zone the caller's pages use. */
export const GET = withRoute(async () => {
  const actor = await requireActor();
  return ok(await getDisplayTimeZone(actor.id));
});

/** PUT /api/account/time-zone { timeZone: "Asia/Shanghai" | null } — the caller's own zone; null follows the installation's. */
export const PUT = withRoute(async (request) => {
  const actor = await requireActor();
  if (!actor.id)
    throw new AppError(AppErrorCode.FORBIDDEN, "The bootstrap token has no account; set the installation's zone under Admin → Settings.");
  const body = ZTimeZoneBody.parse(await readJsonBody(request, 1024));
  await setUserTimeZone(actor.id, body.timeZone);
  return ok(await getDisplayTimeZone(actor.id));
});
