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

/** Every run, newest first; a row opens the live view or the results. */
export default async function RunsPage() {
  const [t, runs] = await Promise.all([getTranslations("runs"), findRuns({ take: 200 })]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/scenarios" className={buttonClass("outline", "sm")}>
            {t("newRun")}
          </Link>
        }
      />
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
