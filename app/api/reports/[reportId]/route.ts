import { noContent, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { deleteReport } from "@/lib/reports/delete-report";
import { getReport } from "@/lib/reports/get-report";
import { updateReport } from "@/lib/reports/update-report";

export const dynamic = "force-dynamic";

interface TContext {
  params: Promise<{ reportId: string }>;
}

/** GET /api/reports/:id → { data: TReport } (the four sections) · 404 */
export const GET = withRoute<TContext>(async (_request, { params }) => ok(await getReport((await params).reportId)));

/** PATCH /api/reports/:id { name?, date?, slowThresholdMs?, notes? } → { data } · 400 · 404 */
export const PATCH = withRoute<TContext>(async (request, { params }) =>
  ok(await updateReport((await params).reportId, await readJsonBody(request))),
);

/** DELETE /api/reports/:id → 204 · 404 (its runs and problems stay) */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  await deleteReport((await params).reportId);
  return noContent();
});
