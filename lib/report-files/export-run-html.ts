import { getRunResults } from "@/lib/runs/get-run-results";
import { renderRunHtml, type TFileLocale } from "./render-run-html";

/** GET /api/runs/:id/report.html: the results page's figures (getRunResults) as one HTML file. Unknown id → NOT_FOUND. */
export async function exportRunHtml(runId: string, locale: TFileLocale = "en", timeZone = "UTC"): Promise<{ name: string; html: string }> {
  const results = await getRunResults(runId);
  return { name: results.run.name, html: renderRunHtml(results, locale, timeZone) };
}
