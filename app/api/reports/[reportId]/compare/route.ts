import { z } from "zod";
import { ok, withRoute } from "@/lib/http/route-helpers";
import { compareReport } from "@/lib/reports/compare-report";

export const dynamic = "force-dynamic";

const ZQuery = z
  .object({ baselineReportId: z.string().min(1).optional(), baselineRunId: z.string().min(1).optional() })
  .refine((q) => Boolean(q.baselineReportId) !== Boolean(q.baselineRunId), {
    error: "Give exactly one of baselineReportId or baselineRunId.",
  });

/** GET /api/reports/:id/compare?baselineReportId=… | ?baselineRunId=… → { data: TComparison } · 400 · 404 */
export const GET = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) => {
  const q = ZQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const baseline = q.baselineReportId ? { reportId: q.baselineReportId } : { runId: q.baselineRunId! };
  return ok(await compareReport({ reportId: (await params).reportId }, baseline));
});
