import { withRoute } from "@/lib/http/route-helpers";
import { exportRunLabels } from "@/lib/report-files/export-run-labels";
import { fileHeaders } from "@/lib/report-files/file-locale";
import { downloadName } from "@/lib/reports/download-name";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/labels.csv → the run's per-label table as CSV (the report CSV's columns), as a download · 404 */
export const GET = withRoute<TRunContext>(async (_request, { params }) => {
  const { name, csv } = await exportRunLabels((await params).runId);
  return new Response(csv, { headers: fileHeaders("text/csv; charset=utf-8", downloadName(name, "csv")) });
});
