import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReportView } from "@/app/(dashboard)/reports/_components/report-view";
import type { TMarkdownLocale } from "@/lib/reports/export-markdown";
import { getReport } from "@/lib/reports/get-report";
import { resolveShareLink } from "@/lib/share/resolve-share-link";

export const dynamic = "force-dynamic";

interface TProps {
  params: Promise<{ token: string }>;
}

/** Never indexed, never sent on as a referrer: the URL is the credential. */
export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * A shared report, for people without an account: the four sections with the chart, read-only.
 * No navigation into the app, no forms, no actions. Unknown, revoked and expired tokens all get
 * the same 404, so a probe learns nothing.
 */
export default async function SharedReportPage({ params }: TProps) {
  const { token } = await params;
  const link = await resolveShareLink(token);
  if (!link) notFound();
  const report = await getReport(link.roundId).catch(() => null);
  if (!report) notFound();
  const [t, uiLocale] = await Promise.all([getTranslations("share"), getLocale()]);
  const locale: TMarkdownLocale = uiLocale === "zh-CN" ? "zh-CN" : "en";

  return (
    <div className="min-h-screen bg-zinc-50">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-8 py-3">
          <div className="flex items-center gap-2">
            <span aria-hidden className="flex size-6 items-center justify-center rounded-md bg-accent text-[11px] font-bold text-white">
              M
            </span>
            <span className="text-sm font-semibold text-zinc-900">Musterpoint</span>
            <span className="text-xs text-zinc-400">· {t("readOnly")}</span>
          </div>
          {link.expiresAt ? (
            <span className="text-xs text-zinc-500">{t("expires", { date: link.expiresAt.toISOString().slice(0, 10) })}</span>
          ) : null}
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-8 py-8">
        <div className="mb-6">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{report.name}</h1>
          <p className="mt-1 text-sm text-zinc-500">{t("subtitle", { date: report.date, runs: report.runs.length })}</p>
        </div>
        <ReportView report={report} locale={locale} />
        <p className="mt-8 text-center text-xs text-zinc-400">{t("footer")}</p>
      </main>
    </div>
  );
}
