import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { ReportView } from "@/app/(dashboard)/reports/_components/report-view";
import { getFormatTime } from "@/lib/i18n/get-format-time";
import { isLocale, type TLocale } from "@/lib/i18n/locales";
import { getReport } from "@/lib/reports/get-report";
import { reportLocale } from "@/lib/share/report-locale";
import { resolveShareLink } from "@/lib/share/resolve-share-link";
import { ShareLanguageSwitch } from "./share-language-switch";

export const dynamic = "force-dynamic";

interface TProps {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ lang?: string | string[] }>;
}

/** Never indexed, never sent on as a referrer: the URL is the credential. */
export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * A shared report, for people without an account: the four sections with the chart, read-only.
 * No navigation into the app, no forms, no actions. It reads in the report's language (the text
 * its authors typed, lib/share/report-locale.ts) unless the viewer picks one (`?lang=`, a plain
 * link: no sign-in, no cookie); a report of figures only follows the viewer's browser. Unknown,
 * revoked and expired tokens all get the same page (./not-found.tsx), so a probe learns nothing.
 */
export default async function SharedReportPage({ params, searchParams }: TProps) {
  const [{ token }, { lang }] = await Promise.all([params, searchParams]);
  const link = await resolveShareLink(token);
  if (!link) notFound();
  const report = await getReport(link.reportId).catch(() => null);
  if (!report) notFound();
  const picked = typeof lang === "string" && isLocale(lang) ? lang : null;
  const locale: TLocale = picked ?? reportLocale(report) ?? ((await getLocale()) === "zh-CN" ? "zh-CN" : "en");
  const [t, messages, tf, formatTime] = await Promise.all([
    getTranslations({ locale, namespace: "share" }),
    getMessages({ locale }),
    getTranslations({ locale, namespace: "reportFile" }),
    getFormatTime(),
  ]);

  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      <div className="min-h-screen bg-zinc-50" lang={locale} data-testid="share-page" data-locale={locale}>
        <header className="border-b border-zinc-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-8">
            <div className="flex min-w-0 items-center gap-2">
              <span
                aria-hidden
                className="flex size-6 shrink-0 items-center justify-center rounded-md bg-accent text-[11px] font-bold text-white"
              >
                M
              </span>
              <span className="text-sm font-semibold text-zinc-900">Musterpoint</span>
              <span className="truncate text-xs text-zinc-400">· {t("readOnly")}</span>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              {link.expiresAt ? (
                <span className="text-xs text-zinc-500">
                  {t("expires", { date: formatTime(link.expiresAt, "dateTime", { zone: true }) })}
                </span>
              ) : null}
              <ShareLanguageSwitch current={locale} label={t("language")} />
              <a
                href={`/share/${encodeURIComponent(token)}/report.html?lang=${locale}`}
                download
                className="text-xs font-medium text-accent hover:underline"
                data-print="hide"
                data-testid="download-share-html"
              >
                {tf("downloadHtml")}
              </a>
            </div>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-3 py-6 sm:px-8 sm:py-8">
          <div className="mb-5 px-1 sm:mb-6 sm:px-0">
            <h1 className="text-lg font-semibold tracking-tight break-words text-zinc-900 sm:text-xl">{report.name}</h1>
            <p className="mt-1 text-sm text-zinc-500">{t("subtitle", { date: report.date, runs: report.runs.length })}</p>
          </div>
          <ReportView report={report} locale={locale} />
          <p className="mt-8 text-center text-xs text-zinc-400">{t("footer")}</p>
        </main>
      </div>
    </NextIntlClientProvider>
  );
}
