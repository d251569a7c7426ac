import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { findSchedules } from "@/lib/schedules/find-schedules";
import { findScenarios } from "@/lib/scenarios/find-scenarios";
import { NewScheduleButton } from "./schedule-dialogs";
import { SchedulesTable } from "./schedules-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("schedules");
  return { title: t("title") };
}

export default async function SchedulesPage() {
  const [t, schedules, scenarios, actor] = await Promise.all([
    getTranslations("schedules"),
    findSchedules(),
    findScenarios({ take: 200 }),
    getActor(),
  ]);
  const canWrite = actor ? hasRole(actor.role, "tester") : false;
  const options = scenarios.map((s) => ({ id: s.id, name: s.name, module: s.moduleName }));
  const action = canWrite ? <NewScheduleButton scenarios={options} /> : null;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={action} />
      {schedules.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t(canWrite ? "emptyBody" : "emptyBodyViewer")} action={action} />
      ) : (
        <SchedulesTable rows={schedules} scenarios={options} canWrite={canWrite} />
      )}
    </>
  );
}
