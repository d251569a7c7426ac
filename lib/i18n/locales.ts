/**
 * Locales of the UI. Pure module (no next/* imports) so unit tests and the request config share it.
 * No i18n routing: the choice lives in a cookie; without one, Accept-Language decides.
 */
export const LOCALES = ["en", "zh-CN"] as const;
export type TLocale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: TLocale = "en";

/** Same name next-intl's middleware would use, so a later switch to routing keeps users' choice. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** One year: the choice is a preference, not a session. */
export const LOCALE_COOKIE_MAX_AGE_S = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Maps a language tag to one of our locales: any Chinese tag → zh-CN (our users write in
 * simplified Chinese; zh-TW readers still get more from it than from English), any English → en.
 */
export function matchLocale(tag: string): TLocale | undefined {
  const t = tag.trim().toLowerCase();
  if (t === "" || t === "*") return undefined;
  if (t === "zh" || t.startsWith("zh-")) return "zh-CN";
  if (t === "en" || t.startsWith("en-")) return "en";
  return undefined;
}

/** Picks the best locale from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null | undefined): TLocale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    // Stable: equal q keeps header order.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const locale = matchLocale(entry.tag);
    if (locale) return locale;
  }
  return undefined;
}

/** Cookie first (an explicit choice), then the browser's languages, then English. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): TLocale {
  if (isLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
