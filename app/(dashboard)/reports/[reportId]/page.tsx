import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/page-header";
import { AppError, AppErrorCode } from "@/lib/errors";
import { renderReportMarkdown, type TMarkdownLocale } from "@/lib/reports/export-markdown";
import { findCandidateRuns } from "@/lib/reports/find-candidate-runs";
import { findReports } from "@/lib/reports/find-reports";
import { getReport } from "@/lib/reports/get-report";
import { moduleNamesOf } from "@/lib/reports/report-sections";
import { getReportReadyAt } from "@/lib/reports/get-report-ready-at";
import type { TReport } from "@/lib/reports/report.types";
import { findShareLinks } from "@/lib/share/find-share-links";
import { ModuleTrendsSection } from "@/app/_components/trends/module-trends-section";
import { findModuleTrends, TREND_DAYS } from "@/lib/trends/find-module-trends";
import { ReportView } from "@/app/(dashboard)/reports/_components/report-view";
import { SectionCard } from "@/app/(dashboard)/reports/_components/section-card";
import { ComparePanel } from "./compare-panel";
import { ExportPanel } from "./export-panel";
import { ManualSlowRows } from "./manual-slow-rows";
import { ModuleOrderControl } from "./module-order-control";
import { MarkReady } from "./mark-ready";
import { ObservationsEditor } from "./observations-editor";
import { ReportProblems } from "./report-problems";
import { RunsPanel } from "./runs-panel";
import { SharePanel } from "./share-panel";
import { ThresholdControl } from "./threshold-control";

export const dynamic = "force-dynamic";

interface TProps {
  params: Promise<{ reportId: string }>;
}

/** Once per request: the metadata and the page read the same report (as the run and module pages do). */
const load = cache(async (reportId: string): Promise<TReport> => {
  try {
    return await getReport(reportId);
  } catch (error) {
    if (AppError.is(error, AppErrorCode.NOT_FOUND)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return { title: (await load((await params).reportId)).name };
}

/** One daily report: the four sections (observations and problems editable), export, share, compare, runs. */
export default async function ReportPage({ params }: TProps) {
  const { reportId } = await params;
  const report = await load(reportId);
  const [t, uiLocale, links, reports, candidates, readyAt] = await Promise.all([
    getTranslations("reports"),
    getLocale(),
    findShareLinks(reportId),
    findReports(),
    findCandidateRuns(),
    getReportReadyAt(reportId),
  ]);
  const locale: TMarkdownLocale = uiLocale === "zh-CN" ? "zh-CN" : "en";
  const modules = moduleNamesOf(report.modules);
  const trends = await findModuleTrends([...new Set(report.modules.map((m) => m.module))], { endDay: report.date });
  const baselines = [
    ...reports.filter((r) => r.id !== report.id).map((r) => ({ kind: "report" as const, id: r.id, label: `${r.date} · ${r.name}` })),
    ...candidates.map((c) => ({ kind: "run" as const, id: c.id, label: c.name })),
  ];

  return (
    <>
      <PageHeader
        title={report.name}
        description={t("subtitle", { date: report.date, runs: report.runs.length })}
        actions={<MarkReady reportId={report.id} readyAt={readyAt} lang={locale} />}
        back={
          <Link href="/reports" className="text-xs text-zinc-500 hover:text-zinc-900">
            ← {t("title")}
          </Link>
        }
      />
      <div className="flex flex-col gap-5">
        <ReportView
          report={report}
          locale={locale}
          thresholdControl={<ThresholdControl reportId={report.id} thresholdMs={report.slowThresholdMs} />}
          moduleOrderControl={<ModuleOrderControl reportId={report.id} modules={modules} />}
          slowRowsEditor={<ManualSlowRows reportId={report.id} rows={report.manualSlowRows} />}
          observations={<ObservationsEditor reportId={report.id} rows={report.observations} locale={locale} />}
          problems={<ReportProblems reportId={report.id} problems={report.problems} />}
        />
        <ExportPanel
          reportId={report.id}
          defaultLang={locale}
          markdown={{ "zh-CN": renderReportMarkdown(report, "zh-CN"), en: renderReportMarkdown(report, "en") }}
        />
        <SharePanel
          reportId={report.id}
          links={links.map((l) => ({
            id: l.id,
            createdByName: l.createdByName,
            createdAt: l.createdAt.toISOString(),
            expiresAt: l.expiresAt?.toISOString() ?? null,
            revokedAt: l.revokedAt?.toISOString() ?? null,
            isActive: l.isActive,
          }))}
        />
        <ComparePanel reportId={report.id} options={baselines} />
        {trends.modules.length ? (
          <SectionCard id="trends" title={t("trendsTitle", { days: TREND_DAYS })} aside={t("trendsAside", { date: report.date })}>
            <div className="p-4">
              <ModuleTrendsSection trends={trends} />
            </div>
          </SectionCard>
        ) : null}
        <RunsPanel reportId={report.id} runs={report.runs} candidates={candidates} />
      </div>
    </>
  );
}
