import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { findAgents } from "@/lib/agents/find-agents";
import { AgentsTable } from "./agents-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("agents");
  return { title: t("title") };
}

/** Load generator agents as the controller last saw them (docs/agents.md). */
export default async function AgentsPage() {
  const [t, agents] = await Promise.all([getTranslations("agents"), findAgents()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {agents.length === 0 ? <EmptyState title={t("emptyTitle")} body={t("emptyBody")} /> : <AgentsTable rows={agents} />}
    </>
  );
}
