import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/lib/auth/get-actor";
import { getDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import { isLocale, LOCALE_COOKIE, resolveLocale, type TLocale } from "./locales";

const MESSAGES: Record<TLocale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import("@/messages/en.json"),
  "zh-CN": () => import("@/messages/zh-CN.json"),
};

/**
 * next-intl request config (no i18n routing): locale from the cookie, else Accept-Language; the
 * time zone is the reader's display zone (their own, else the installation's, else the server's).
 * The root layout's NextIntlClientProvider hands the same zone to client components, so server
 * and client render a time alike (no hydration mismatch).
 */
// A page in a language of its own (the share page: the report's, or the viewer's pick) asks with
// getTranslations({ locale }), which arrives here as `locale` and wins over cookie and header.
export default getRequestConfig(async ({ locale: requested }) => {
  const [cookieStore, headerList, actor] = await Promise.all([cookies(), headers(), getActor()]);
  const locale = isLocale(requested) ? requested : resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  const [messages, zone] = await Promise.all([MESSAGES[locale]().then((m) => m.default), getDisplayTimeZone(actor?.id)]);
  return { locale, messages, timeZone: zone.timeZone };
});
