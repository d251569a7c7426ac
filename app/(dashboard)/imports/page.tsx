import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/page-header";
import { findImports } from "@/lib/imports/find-imports";
import { findModules } from "@/lib/modules/find-modules";
import { findReports } from "@/lib/reports/find-reports";
import { ImportForms } from "./import-forms";
import { ImportsTable } from "./imports-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports");
  return { title: t("title") };
}

/** JMeter imports: JTL upload with progress, pasted summariser logs, JMX plans; past imports below. */
export default async function ImportsPage() {
  const [t, imports, rounds, modules] = await Promise.all([
    getTranslations("imports"),
    findImports({ take: 100 }),
    findReports(),
    findModules(),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ImportForms
        rounds={rounds.map((r) => ({ id: r.id, name: `${r.name} · ${r.date}` }))}
        modules={modules.map((m) => ({ id: m.id, name: m.name }))}
      />
      <h2 className="mt-10 mb-3 text-sm font-semibold text-zinc-900">{t("pastImports")}</h2>
      <ImportsTable initial={imports} />
    </>
  );
}
