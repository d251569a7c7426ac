import { withRoute } from "@/lib/http/route-helpers";
import { downloadName } from "@/lib/reports/download-name";
import { exportReportCsv } from "@/lib/reports/export-csv";

export const dynamic = "force-dynamic";

/** GET /api/reports/:id/csv → text/csv (the per-label table of every run of the round), as a download · 404 */
export const GET = withRoute<{ params: Promise<{ reportId: string }> }>(async (_request, { params }) => {
  const { name, csv } = await exportReportCsv((await params).reportId);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": downloadName(name, "csv"),
      "cache-control": "no-store",
    },
  });
});
