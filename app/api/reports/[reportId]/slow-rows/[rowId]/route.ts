import { noContent, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { deleteSlowRow } from "@/lib/reports/delete-slow-row";
import { updateSlowRow } from "@/lib/reports/update-slow-row";

export const dynamic = "force-dynamic";

interface TContext {
  params: Promise<{ reportId: string; rowId: string }>;
}

/** PATCH /api/reports/:id/slow-rows/:rowId { url?, avgMs?, method?, module?, samples?, note?, position? } → { data } · 400 · 404 */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  const { reportId, rowId } = await params;
  return ok(await updateSlowRow(reportId, rowId, await readJsonBody(request, 64 * 1024)));
});

/** DELETE /api/reports/:id/slow-rows/:rowId → 204 · 404 */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  const { reportId, rowId } = await params;
  await deleteSlowRow(reportId, rowId);
  return noContent();
});
