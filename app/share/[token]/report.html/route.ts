import { errorJson } from "@/lib/http/route-helpers";
import { exportReportHtml } from "@/lib/report-files/export-report-html";
import { fileHeaders, fileLocale } from "@/lib/report-files/file-locale";
import { downloadName } from "@/lib/reports/download-name";
import { resolveShareLink } from "@/lib/share/resolve-share-link";

export const dynamic = "force-dynamic";

/**
 * GET /share/:token/report.html → the shared report as a self-contained HTML file (no account; the
 * token is the credential). Unknown, revoked and expired tokens all get the same 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const link = await resolveShareLink((await params).token);
  const file = link ? await exportReportHtml(link.reportId, fileLocale(request)).catch(() => null) : null;
  if (!file) return errorJson(404, { error: "This link is unknown, revoked or expired.", code: "NOT_FOUND", issues: [] });
  return new Response(file.html, { headers: { ...fileHeaders("text/html; charset=utf-8", downloadName(file.name, "html")), "referrer-policy": "no-referrer" } });
}
