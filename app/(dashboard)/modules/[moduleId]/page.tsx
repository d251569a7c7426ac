import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormatTime } from "@/lib/i18n/get-format-time";
import { cache } from "react";
import { PageHeader } from "@/app/_components/page-header";
import { Badge } from "@/app/_components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/app/_components/ui/table";
import { AppError, AppErrorCode } from "@/lib/errors";
import { getModuleById } from "@/lib/modules/get-module-by-id";
import { findModuleTrends, TREND_DAYS } from "@/lib/trends/find-module-trends";
import { ModuleTrendsSection } from "@/app/_components/trends/module-trends-section";
import { ModuleDetailActions } from "./module-detail-actions";

export const dynamic = "force-dynamic";

interface TProps {
  params: Promise<{ moduleId: string }>;
}

/** One lookup per request, shared by the metadata and the page; unknown id → the 404 page. */
const loadModule = cache(async (id: string) => {
  try {
    return await getModuleById(id);
  } catch (error) {
    if (AppError.is(error, AppErrorCode.NOT_FOUND)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const detail = await loadModule((await params).moduleId);
  return { title: detail.name };
}

export default async function ModulePage({ params }: TProps) {
  const { moduleId } = await params;
  const [detail, t, formatTime] = await Promise.all([loadModule(moduleId), getTranslations("modules"), getFormatTime()]);
  const when = (date: Date) => formatTime(date, "dateTime", { zone: true });

  return (
    <>
      <PageHeader
        back={
          <Link href="/modules" className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
            ← {t("detail.back")}
          </Link>
        }
        title={detail.name}
        description={detail.description || <span className="italic">{t("detail.noDescription")}</span>}
        actions={
          <ModuleDetailActions
            module={{
              id: detail.id,
              name: detail.name,
              description: detail.description,
              interfaceCount: detail.interfaceCount,
              scenarioCount: detail.scenarioCount,
            }}
          />
        }
      />

      <dl className="mb-8 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4">
        <Stat label={t("detail.interfaces")} value={detail.interfaceCount} numeric />
        <Stat label={t("detail.scenarios")} value={detail.scenarioCount} numeric />
        <Stat label={t("detail.created")} value={when(detail.createdAt)} />
        <Stat label={t("detail.updated")} value={when(detail.updatedAt)} />
      </dl>

      <section className="mb-8" aria-labelledby="trends-heading" data-testid="module-trends-section">
        <h2 id="trends-heading" className="mb-1 text-sm font-semibold text-zinc-900">
          {t("detail.trends", { days: TREND_DAYS })}
        </h2>
        <p className="mb-3 text-xs text-zinc-500">{t("detail.trendsHint")}</p>
        <ModuleTrendsSection trends={await findModuleTrends([detail.name])} isOpen />
      </section>

      <section className="mb-8" aria-labelledby="interfaces-heading">
        <h2 id="interfaces-heading" className="mb-3 text-sm font-semibold text-zinc-900">
          {t("detail.interfaces")}
        </h2>
        {detail.interfaces.length === 0 ? (
          <Empty>{t("detail.interfacesEmpty")}</Empty>
        ) : (
          <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
            <Table>
              <THead>
                <tr>
                  <TH className="w-24">{t("detail.method")}</TH>
                  <TH>{t("detail.urlPattern")}</TH>
                  <TH>{t("detail.interfaceName")}</TH>
                </tr>
              </THead>
              <TBody>
                {detail.interfaces.map((i) => (
                  <TR key={i.id}>
                    <TD>
                      <Badge>{i.method}</Badge>
                    </TD>
                    <TD className="font-mono text-[13px] break-all">{i.urlPattern}</TD>
                    <TD className="text-zinc-600">{i.name ?? "—"}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading" className="mb-3 text-sm font-semibold text-zinc-900">
          {t("detail.scenarios")}
        </h2>
        {detail.scenarios.length === 0 ? (
          <Empty>{t("detail.scenariosEmpty")}</Empty>
        ) : (
          <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
            <Table>
              <THead>
                <tr>
                  <TH>{t("detail.scenarioName")}</TH>
                  <TH numeric>{t("detail.version")}</TH>
                  <TH numeric>{t("detail.scenarioUpdated")}</TH>
                </tr>
              </THead>
              <TBody>
                {detail.scenarios.map((s) => (
                  <TR key={s.id}>
                    <TD className="font-medium">{s.name}</TD>
                    <TD numeric>{s.version}</TD>
                    <TD numeric>{when(s.updatedAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}

function Stat({ label, value, numeric }: { label: string; value: React.ReactNode; numeric?: boolean }) {
  return (
    <div className="bg-white px-4 py-3">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className={numeric ? "mt-1 text-lg font-semibold tabular-nums" : "mt-1 text-sm font-medium text-zinc-800"}>{value}</dd>
    </div>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-500">{children}</p>;
}
