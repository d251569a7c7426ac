import { withRoute } from "@/lib/http/route-helpers";
import { exportReportHtml } from "@/lib/report-files/export-report-html";
import { fileHeaders, fileLocale } from "@/lib/report-files/file-locale";
import { downloadName } from "@/lib/reports/download-name";

export const dynamic = "force-dynamic";

/** GET /api/reports/:id/report.html[?lang=zh-CN|en] → the daily report as a self-contained HTML file, as a download · 404 */
export const GET = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) => {
  const { name, html } = await exportReportHtml((await params).reportId, fileLocale(request));
  return new Response(html, { headers: fileHeaders("text/html; charset=utf-8", downloadName(name, "html")) });
});
