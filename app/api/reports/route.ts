import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createReport } from "@/lib/reports/create-report";
import { findReports } from "@/lib/reports/find-reports";

export const dynamic = "force-dynamic";

/** GET /api/reports → { data: TReportListRow[] } (newest day first) */
export const GET = withRoute(async () => ok(await findReports()));

/**
 * POST /api/reports { name, date: "YYYY-MM-DD", runIds: string[], slowThresholdMs? }
 * → 201 { data: { id, name, date } } · 400 (bad input, unknown run ids) · 413 · 415
 */
export const POST = withRoute(async (request) => {
  return created(await createReport(await readJsonBody(request)));
});
