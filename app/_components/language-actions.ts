"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S } from "@/lib/i18n/locales";

/** Stores the chosen UI language in a cookie; lib/i18n/request.ts reads it on every request. */
export async function setLocaleAction(locale: unknown): Promise<{ data: string } | { error: string }> {
  if (!isLocale(locale)) return { error: "Unknown language." };
  const store = await cookies();
  store.set(LOCALE_COOKIE, locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: "lax" });
  revalidatePath("/", "layout");
  return { data: locale };
}
