import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { buttonClass } from "@/app/_components/ui/button";
import { findModules } from "@/lib/modules/find-modules";
import { ScenarioEditor } from "@/app/(dashboard)/scenarios/[scenarioId]/scenario-editor";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scenarios"))("newTitle") };
}

export default async function NewScenarioPage({ searchParams }: { searchParams: Promise<{ moduleId?: string }> }) {
  const [{ moduleId }, modules, t] = await Promise.all([searchParams, findModules(), getTranslations("scenarios")]);
  if (modules.length === 0) {
    return (
      <>
        <PageHeader title={t("newTitle")} />
        <EmptyState
          title={t("errors.noModules")}
          body={t("emptyBody")}
          action={
            <Link href="/modules" className={buttonClass("primary")}>
              {t("emptyAction")}
            </Link>
          }
        />
      </>
    );
  }
  const preselected = modules.find((m) => m.id === moduleId)?.name;
  return (
    <ScenarioEditor
      scenarioId={null}
      version={null}
      definition={null}
      modules={modules.map((m) => ({ id: m.id, name: m.name }))}
      moduleName={preselected}
    />
  );
}
