import { actorFromHeaders } from "@/lib/auth/actor";
import { noContent, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { deleteSchedule } from "@/lib/schedules/delete-schedule";
import { getSchedule } from "@/lib/schedules/get-schedule";
import { updateSchedule } from "@/lib/schedules/update-schedule";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ scheduleId: string }> };

/** GET /api/schedules/:id → { data: TScheduleRow } · 404 */
export const GET = withRoute<TContext>(async (_request, { params }) => ok(await getSchedule((await params).scheduleId)));

/** PATCH /api/schedules/:id (any fields of POST; enabled: false pauses) → { data: TScheduleRow } · 400 · 404 · 409 */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  const { scheduleId } = await params;
  return ok(await updateSchedule(scheduleId, await readJsonBody(request), actorFromHeaders(request.headers)));
});

/** DELETE /api/schedules/:id → 204 · 404 (the runs it started stay) */
export const DELETE = withRoute<TContext>(async (request, { params }) => {
  const { scheduleId } = await params;
  await deleteSchedule(scheduleId, actorFromHeaders(request.headers));
  return noContent();
});
