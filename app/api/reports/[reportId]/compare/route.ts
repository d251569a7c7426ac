import { ZCompareQuery } from "@/lib/http/request-schemas";
import { ok, withRoute } from "@/lib/http/route-helpers";
import { compareReport } from "@/lib/reports/compare-report";

export const dynamic = "force-dynamic";

/** GET /api/reports/:id/compare?baselineReportId=… | ?baselineRunId=… → { data: TComparison } · 400 · 404 */
export const GET = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) => {
  const q = ZCompareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const baseline = q.baselineReportId ? { reportId: q.baselineReportId } : { runId: q.baselineRunId! };
  return ok(await compareReport({ reportId: (await params).reportId }, baseline));
});
