import { ok, withRoute } from "@/lib/http/route-helpers";
import { publicOrigin } from "@/lib/auth/public-origin";
import { markReportReady } from "@/lib/reports/mark-report-ready";

export const dynamic = "force-dynamic";

/** POST /api/reports/:id/ready → { data: { readyAt } } (tester): marks the report ready and notifies the report.ready webhooks once · 404 */
export const POST = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) => {
  return ok(await markReportReady((await params).reportId, { origin: publicOrigin(request) }));
});
