import { noContent, withRoute } from "@/lib/http/route-helpers";
import { removeReportRun } from "@/lib/reports/remove-report-run";

export const dynamic = "force-dynamic";

/** DELETE /api/reports/:id/runs/:runId → 204 · 404 (the run itself stays) */
export const DELETE = withRoute<{ params: Promise<{ reportId: string; runId: string }> }>(async (_request, { params }) => {
  const { reportId, runId } = await params;
  await removeReportRun(reportId, runId);
  return noContent();
});
