import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale, type TLocale } from "./locales";

const MESSAGES: Record<TLocale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import("../../messages/en.json"),
  "zh-CN": () => import("../../messages/zh-CN.json"),
};

/** next-intl request config (no i18n routing): locale from the cookie, else Accept-Language. */
// A page in a language of its own (the share page: the report's, or the viewer's pick) asks with
// getTranslations({ locale }), which arrives here as `locale` and wins over cookie and header.
export default getRequestConfig(async ({ locale: requested }) => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = isLocale(requested) ? requested : resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  const messages = (await MESSAGES[locale]()).default;
  return {
    locale,
    messages,
    // The server's zone for every date; the client gets the same through the provider, so no mismatch.
    timeZone: process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  };
});
