import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { buttonClass } from "@/app/_components/ui/button";
import { findRuns } from "@/lib/runs/find-runs";
import { RunsTable } from "./runs-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("runs"))("title") };
}

// TODO(runs issue): link rows to /runs/[runId], start and import actions.
export default async function RunsPage() {
  const [t, runs] = await Promise.all([getTranslations("runs"), findRuns()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {runs.length === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          body={t("emptyBody")}
          icon="M5 3l8 5-8 5z"
          action={
            <Link href="/scenarios" className={buttonClass("outline")}>
              {t("emptyAction")}
            </Link>
          }
        />
      ) : (
        <RunsTable rows={runs} />
      )}
    </>
  );
}
