import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { buttonClass } from "@/app/_components/ui/button";
import { findScenarios } from "@/lib/scenarios/find-scenarios";
import { ScenariosTable } from "./scenarios-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scenarios"))("title") };
}

// TODO(scenarios issue): editor at /scenarios/[scenarioId], "New scenario".
export default async function ScenariosPage() {
  const [t, scenarios] = await Promise.all([getTranslations("scenarios"), findScenarios()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {scenarios.length === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          body={t("emptyBody")}
          icon="M4 3h8M4 6.5h8M4 10h5"
          action={
            <Link href="/modules" className={buttonClass("outline")}>
              {t("emptyAction")}
            </Link>
          }
        />
      ) : (
        <ScenariosTable rows={scenarios} />
      )}
    </>
  );
}
