import { resolveLocale } from "@/lib/i18n/locales";
import type { TFileLocale } from "./render-run-html";

/** The file's language: ?lang=, else the UI language (NEXT_LOCALE cookie, then Accept-Language) — as the Markdown export. */
export function fileLocale(request: Request): TFileLocale {
  const cookie = /(?:^|;\s*)NEXT_LOCALE=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  return resolveLocale(new URL(request.url).searchParams.get("lang") ?? cookie, request.headers.get("accept-language"));
}

/** Headers of a downloaded report file. */
export function fileHeaders(type: string, disposition: string): Record<string, string> {
  return { "content-type": type, "content-disposition": disposition, "cache-control": "no-store", "x-content-type-options": "nosniff" };
}
