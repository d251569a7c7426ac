import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { findCandidateRuns } from "@/lib/reports/find-candidate-runs";
import { findReports } from "@/lib/reports/find-reports";
import { NewReportButton } from "./new-report-dialog";
import { ReportsTable } from "./reports-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

/** Test rounds (daily reports), newest day first; a new one is built from finished or imported runs. */
export default async function ReportsPage() {
  const [t, reports, runs] = await Promise.all([getTranslations("reports"), findReports(), findCandidateRuns()]);
  const button = <NewReportButton runs={runs} />;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={button} />
      {reports.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} icon="M3 13V8M6.5 13V4M10 13V6.5M13.5 13V2.5" action={button} />
      ) : (
        <ReportsTable rows={reports} />
      )}
    </>
  );
}
