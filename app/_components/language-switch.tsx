"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALES } from "@/lib/i18n/locales";
import { cn } from "./ui/cn";
import { setLocaleAction } from "./language-actions";

/** English / 简体中文, a segmented control; each label is written in its own language. */
export function LanguageSwitch() {
  const t = useTranslations("language");
  const current = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  return (
    <div role="group" aria-label={t("label")} className={cn("flex rounded-md bg-zinc-800/60 p-0.5", isPending && "opacity-60")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={isPending}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(locale);
              router.refresh();
            })
          }
          className={cn(
            "flex-1 rounded px-2 py-1 text-xs font-medium transition-colors",
            current === locale ? "bg-zinc-700 text-white shadow-xs" : "text-zinc-400 hover:text-zinc-100",
          )}
        >
          {t(locale)}
        </button>
      ))}
    </div>
  );
}
