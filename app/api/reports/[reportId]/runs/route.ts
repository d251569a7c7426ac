import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { addReportRuns } from "@/lib/reports/add-report-runs";

export const dynamic = "force-dynamic";

/** POST /api/reports/:id/runs { runIds } → { data: { added } } · 400 · 404 */
export const POST = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) =>
  ok(await addReportRuns((await params).reportId, await readJsonBody(request))),
);
