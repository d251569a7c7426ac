import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/app/_components/ui/button";

/** The run's files: the self-contained HTML report (in the UI language), the per-label table as CSV and JSON. */
export async function RunDownloads({ runId }: { runId: string }) {
  const [t, locale] = await Promise.all([getTranslations("reportFile"), getLocale()]);
  const base = `/api/runs/${encodeURIComponent(runId)}`;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2" data-print="hide" aria-label={t("downloads")} role="group">
      <a href={`${base}/report.html?lang=${locale}`} className={buttonClass("outline", "sm")} download data-testid="download-run-html">
        {t("downloadHtml")}
      </a>
      <a href={`${base}/labels.csv`} className={buttonClass("outline", "sm")} download>
        {t("downloadCsv")}
      </a>
      <a href={`${base}/labels.json`} className={buttonClass("outline", "sm")} download>
        {t("downloadJson")}
      </a>
    </div>
  );
}
