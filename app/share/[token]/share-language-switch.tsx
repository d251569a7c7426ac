import Link from "next/link";
import { LOCALES, type TLocale } from "@/lib/i18n/locales";
import { cn } from "@/app/_components/ui/cn";

/** Each language's name in itself, so a reader finds theirs whatever the page is in. */
const NAMES: Record<TLocale, string> = { en: "English", "zh-CN": "简体中文" };

/**
 * The share page's language switch: plain links (`?lang=`), so it works without an account, a
 * cookie or JavaScript, and a link with `?lang=` can be passed on as it is.
 */
export function ShareLanguageSwitch({ current, label }: { current: TLocale; label: string }) {
  return (
    <nav aria-label={label} className="flex rounded-md bg-zinc-100 p-0.5" data-testid="share-language">
      {LOCALES.map((locale) => (
        <Link
          key={locale}
          href={`?lang=${locale}`}
          lang={locale}
          hrefLang={locale}
          aria-current={current === locale ? "true" : undefined}
          prefetch={false}
          replace
          className={cn(
            "rounded px-2 py-1 text-xs font-medium transition-colors",
            current === locale ? "bg-white text-zinc-900 shadow-xs" : "text-zinc-500 hover:text-zinc-900",
          )}
        >
          {NAMES[locale]}
        </Link>
      ))}
    </nav>
  );
}
