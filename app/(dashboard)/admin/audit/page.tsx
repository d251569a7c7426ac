import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormatTime } from "@/lib/i18n/get-format-time";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/app/_components/ui/table";
import { findAuditLogs } from "@/lib/audit/find-audit-logs";
import { requireRole } from "@/lib/auth/require-role";
import { AdminTabs } from "@/app/(dashboard)/admin/admin-tabs";
import { AuditAction, AuditDetails, AuditTarget } from "./audit-words";

export const dynamic = "force-dynamic";

const PAGE = 100;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("auditTitle") };
}

/** Who launched / cancelled / deleted / imported what, when — newest first, 100 a page. */
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<{ action?: string; before?: string }> }) {
  await requireRole("admin");
  const { action, before } = await searchParams;
  const query = {
    action: typeof action === "string" && action ? action : undefined,
    before: typeof before === "string" && /^\d+$/.test(before) ? before : undefined,
    limit: PAGE,
  };
  const [t, formatTime, rows] = await Promise.all([getTranslations("admin"), getFormatTime(), findAuditLogs(query)]);
  const last = rows.at(-1);
  return (
    <>
      <PageHeader title={t("title")} description={t("auditDescription")} />
      <AdminTabs current="audit" />
      <form className="mb-4 flex items-center gap-2" action="/admin/audit">
        <input
          name="action"
          defaultValue={query.action ?? ""}
          placeholder={t("auditFilter")}
          aria-label={t("auditFilter")}
          className="h-8 w-64 rounded-md border border-zinc-300 px-2 text-sm"
        />
      </form>
      {rows.length === 0 ? (
        <EmptyState title={t("auditEmpty")} body={t("auditEmptyBody")} />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>{t("auditWhen")}</TH>
              <TH>{t("auditWho")}</TH>
              <TH>{t("auditAction")}</TH>
              <TH>{t("auditTarget")}</TH>
              <TH>{t("auditDetails")}</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.id}>
                <TD className="whitespace-nowrap tabular-nums">{formatTime(r.at, "dateTimeSeconds", { zone: true })}</TD>
                <TD>{r.actorName}</TD>
                <TD className="text-xs">
                  <AuditAction action={r.action} />
                </TD>
                <TD className="text-xs">
                  <AuditTarget targetType={r.targetType} />
                  {r.targetId ? <span className="ml-1 font-mono text-zinc-500">{r.targetId}</span> : null}
                </TD>
                <TD className="max-w-md text-xs break-words text-zinc-600">
                  <AuditDetails details={r.details} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {rows.length === PAGE && last ? (
        <div className="mt-4">
          <Link
            className="text-sm font-medium text-accent hover:underline"
            href={`/admin/audit?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), before: last.id })}`}
          >
            {t("auditOlder")}
          </Link>
        </div>
      ) : null}
    </>
  );
}
