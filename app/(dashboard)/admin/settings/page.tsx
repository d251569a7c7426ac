import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/page-header";
import { requireRole } from "@/lib/auth/require-role";
import { getTargetAllowList } from "@/lib/security/get-target-allow-list";
import { getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
import { knownTimeZones, zoneLabel } from "@/lib/time/format-time";
import { TimeZoneForm } from "@/app/_components/time-zone-form";
import { AdminTabs } from "@/app/(dashboard)/admin/admin-tabs";
import { setInstallationTimeZoneAction, updateTargetAllowListAction } from "./actions";
import { AllowListForm } from "./allow-list-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("settingsTitle") };
}

export default async function AdminSettingsPage() {
  await requireRole("admin");
  const [t, tz, list, zone] = await Promise.all([
    getTranslations("admin"),
    getTranslations("timeZone"),
    getTargetAllowList(),
    getInstallationTimeZone(),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("settingsDescription")} />
      <AdminTabs current="settings" />
      <section>
        <h2 className="text-base font-semibold text-zinc-900">{t("allowListTitle")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-500">{t("allowListDescription")}</p>
        <AllowListForm initial={list} save={updateTargetAllowListAction} />
      </section>
      <section className="mt-10">
        <h2 className="text-base font-semibold text-zinc-900">{tz("adminTitle")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-500">{tz("adminDescription")}</p>
        <TimeZoneForm
          save={setInstallationTimeZoneAction}
          idPrefix="admin-"
          initial={{ ...zone, offset: zoneLabel(zone.timeZone) }}
          zones={knownTimeZones()}
        />
      </section>
    </>
  );
}
