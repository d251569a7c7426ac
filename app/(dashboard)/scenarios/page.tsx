import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { buttonClass } from "@/app/_components/ui/button";
import { findModules } from "@/lib/modules/find-modules";
import { findScenarios } from "@/lib/scenarios/find-scenarios";
import { maskScenarioList } from "@/lib/scenarios/mask-scenario-for";
import { ScenariosTable, type TScenarioRow } from "./scenarios-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scenarios"))("title") };
}

export default async function ScenariosPage({ searchParams }: { searchParams: Promise<{ moduleId?: string }> }) {
  const [{ moduleId }, t, modules, scenarios] = await Promise.all([
    searchParams,
    getTranslations("scenarios"),
    findModules(),
    findScenarios({ take: 500 }),
  ]);
  const newHref = moduleId ? `/scenarios/new?moduleId=${encodeURIComponent(moduleId)}` : "/scenarios/new";
  const newButton = (
    <Link href={modules.length === 0 ? "/modules" : newHref} className={buttonClass("primary")}>
      <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
        <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      {modules.length === 0 ? t("emptyAction") : t("new")}
    </Link>
  );
  // Plain serialisable rows for the client table. Base URLs masked for every role, as on the
  // scenario's own page: the list edits nothing, and a `user:password@` has no business on screen.
  const rows: TScenarioRow[] = maskScenarioList(scenarios).map((s) => ({
    id: s.id,
    name: s.name,
    moduleId: s.moduleId,
    moduleName: s.moduleName,
    baseUrl: s.baseUrl,
    vus: s.vus,
    durationSeconds: s.durationSeconds,
    stepCount: "stepCount" in s && typeof s.stepCount === "number" ? s.stepCount : null,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={newButton} />
      {rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} action={newButton} icon="M4 3h8M4 6.5h8M4 10h5" />
      ) : (
        <ScenariosTable rows={rows} modules={modules.map((m) => ({ id: m.id, name: m.name }))} initialModuleId={moduleId ?? ""} />
      )}
    </>
  );
}
