import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/page-header";
import { requireRole } from "@/lib/auth/require-role";
import { findWebhookDeliveries } from "@/lib/notifications/find-webhook-deliveries";
import { findWebhooks } from "@/lib/notifications/find-webhooks";
import { getWebhookAllowList } from "@/lib/notifications/get-webhook-allow-list";
import { AdminTabs } from "@/app/(dashboard)/admin/admin-tabs";
import { AllowListForm } from "@/app/(dashboard)/admin/settings/allow-list-form";
import { updateWebhookAllowListAction } from "./actions";
import { DeliveryLog } from "./delivery-log";
import { WebhooksAdmin } from "./webhooks-admin";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("title") };
}

/** Webhooks (admin): the list with add / enable / delete, their allow-list, and the delivery log. */
export default async function AdminWebhooksPage() {
  await requireRole("admin");
  const [t, ta, webhooks, list, deliveries] = await Promise.all([
    getTranslations("webhooks"),
    getTranslations("admin"),
    findWebhooks(),
    getWebhookAllowList(),
    findWebhookDeliveries({ limit: 100 }),
  ]);
  return (
    <>
      <PageHeader title={ta("title")} description={t("description")} />
      <AdminTabs current="webhooks" />
      <div className="flex flex-col gap-10">
        <section aria-labelledby="webhooks-title">
          <h2 id="webhooks-title" className="text-base font-semibold text-zinc-900">
            {t("title")}
          </h2>
          <p className="mt-1 mb-4 max-w-3xl text-sm text-zinc-500">{t("intro")}</p>
          <WebhooksAdmin initial={webhooks} />
        </section>
        <section aria-labelledby="webhook-allow-list-title">
          <h2 id="webhook-allow-list-title" className="text-base font-semibold text-zinc-900">
            {t("allowListTitle")}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-zinc-500">{t("allowListDescription")}</p>
          <AllowListForm initial={list} save={updateWebhookAllowListAction} idPrefix="webhook-" />
        </section>
        <section aria-labelledby="deliveries-title">
          <h2 id="deliveries-title" className="text-base font-semibold text-zinc-900">
            {t("deliveriesTitle")}
          </h2>
          <p className="mt-1 mb-4 max-w-3xl text-sm text-zinc-500">{t("deliveriesDescription")}</p>
          <DeliveryLog rows={deliveries} />
        </section>
      </div>
    </>
  );
}
