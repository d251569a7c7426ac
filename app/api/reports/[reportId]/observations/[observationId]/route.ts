import { noContent, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { deleteObservation } from "@/lib/reports/delete-observation";
import { updateObservation } from "@/lib/reports/update-observation";

export const dynamic = "force-dynamic";

interface TContext {
  params: Promise<{ reportId: string; observationId: string }>;
}

/** PATCH /api/reports/:id/observations/:oid { feature?, seconds? | status? | value?, note?, observedAt? } → { data } */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  const { reportId, observationId } = await params;
  return ok(await updateObservation(reportId, observationId, await readJsonBody(request, 64 * 1024)));
});

/** DELETE /api/reports/:id/observations/:oid → 204 · 404 */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  const { reportId, observationId } = await params;
  await deleteObservation(reportId, observationId);
  return noContent();
});
