import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/page-header";
import { requireRole } from "@/lib/auth/require-role";
import { getTargetAllowList } from "@/lib/security/get-target-allow-list";
import { AdminTabs } from "../admin-tabs";
import { AllowListForm } from "./allow-list-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("settingsTitle") };
}

export default async function AdminSettingsPage() {
  await requireRole("admin");
  const [t, list] = await Promise.all([getTranslations("admin"), getTargetAllowList()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("settingsDescription")} />
      <AdminTabs current="settings" />
      <section>
        <h2 className="text-base font-semibold text-zinc-900">{t("allowListTitle")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-zinc-500">{t("allowListDescription")}</p>
        <AllowListForm initial={list} />
      </section>
    </>
  );
}
