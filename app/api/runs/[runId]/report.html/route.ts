import { getActor } from "@/lib/auth/get-actor";
import { withRoute } from "@/lib/http/route-helpers";
import { exportRunHtml } from "@/lib/report-files/export-run-html";
import { fileHeaders, fileLocale } from "@/lib/report-files/file-locale";
import { downloadName } from "@/lib/reports/download-name";
import { getDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/report.html[?lang=zh-CN|en] → a self-contained HTML file of the results, as a download · 404 */
export const GET = withRoute<TRunContext>(async (request, { params }) => {
  const zone = await getDisplayTimeZone((await getActor())?.id);
  const { name, html } = await exportRunHtml((await params).runId, fileLocale(request), zone.timeZone);
  return new Response(html, { headers: fileHeaders("text/html; charset=utf-8", downloadName(name, "html")) });
});
