import { findReportLabelRows } from "@/lib/reports/find-report-label-rows";
import { getReport } from "@/lib/reports/get-report";
import { renderReportHtml } from "./render-report-html";
import type { TFileLocale } from "./render-run-html";

/** GET /api/reports/:id/report.html (and the share page's): the report as one HTML file. Unknown id → NOT_FOUND. */
export async function exportReportHtml(reportId: string, locale: TFileLocale = "zh-CN"): Promise<{ name: string; html: string }> {
  const [report, labels] = await Promise.all([getReport(reportId), findReportLabelRows(reportId)]);
  return { name: `${report.name} ${report.date}`.trim(), html: renderReportHtml(report, labels.rows, locale) };
}
