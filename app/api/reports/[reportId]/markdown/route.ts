import { withRoute } from "@/lib/http/route-helpers";
import { resolveLocale } from "@/lib/i18n/locales";
import { exportReportMarkdown, type TMarkdownLocale } from "@/lib/reports/export-markdown";
import { downloadName } from "@/lib/reports/download-name";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/:id/markdown[?lang=zh-CN|en][&download=1] → text/markdown; charset=utf-8 · 404
 * Headings follow ?lang, else the UI language (NEXT_LOCALE cookie, then Accept-Language).
 */
export const GET = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) => {
  const url = new URL(request.url);
  const cookie = /(?:^|;\s*)NEXT_LOCALE=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  const locale: TMarkdownLocale = resolveLocale(url.searchParams.get("lang") ?? cookie, request.headers.get("accept-language"));
  const { name, markdown } = await exportReportMarkdown((await params).reportId, locale);
  const headers: Record<string, string> = { "content-type": "text/markdown; charset=utf-8", "cache-control": "no-store" };
  if (url.searchParams.get("download")) headers["content-disposition"] = downloadName(name, "md");
  return new Response(markdown, { headers });
});
