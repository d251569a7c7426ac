import { actorFromHeaders } from "@/lib/auth/actor";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createSchedule } from "@/lib/schedules/create-schedule";
import { findSchedules } from "@/lib/schedules/find-schedules";

export const dynamic = "force-dynamic";

/** GET /api/schedules → { data: TScheduleRow[] } (with the next fire times) */
export const GET = withRoute(async () => ok(await findSchedules()));

/**
 * POST /api/schedules { name, scenarioIds, cron, timeZone, variables?, overrides?, thresholds?,
 * catchUp?, enabled?, report?: { name } } → 201 { data: { id, nextRunAt } } · 400 · 409
 */
export const POST = withRoute(async (request) => {
  const row = await createSchedule(await readJsonBody(request), actorFromHeaders(request.headers));
  return created({ id: row.id, nextRunAt: row.nextRunAt });
});
