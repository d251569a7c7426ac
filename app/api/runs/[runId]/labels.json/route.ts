import { withRoute } from "@/lib/http/route-helpers";
import { exportRunLabels } from "@/lib/report-files/export-run-labels";
import { fileHeaders } from "@/lib/report-files/file-locale";
import { downloadName } from "@/lib/reports/download-name";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/labels.json → { data: TReportLabelRow[] }, the run's per-label table, as a download · 404 */
export const GET = withRoute<TRunContext>(async (_request, { params }) => {
  const { name, rows } = await exportRunLabels((await params).runId);
  return new Response(JSON.stringify({ data: rows }, null, 1), {
    headers: fileHeaders("application/json; charset=utf-8", downloadName(name, "json")),
  });
});
