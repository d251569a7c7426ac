import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { findModules } from "@/lib/modules/find-modules";
import { NewModuleButton } from "./module-dialogs";
import { ModulesTable } from "./modules-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("modules");
  return { title: t("title") };
}

export default async function ModulesPage() {
  const [t, modules] = await Promise.all([getTranslations("modules"), findModules()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<NewModuleButton />} />
      {modules.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} action={<NewModuleButton />} />
      ) : (
        <ModulesTable rows={modules} />
      )}
    </>
  );
}
