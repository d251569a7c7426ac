import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/**
 * A share link that opens nothing: mistyped, revoked or expired look the same (a probe learns
 * nothing). Its reader has no account, so it points to the person who shared the link, not into
 * the app (the generic 404's "Back to modules" would lead to a sign-in page).
 */
export default async function ShareLinkNotFound() {
  const t = await getTranslations("share.unavailable");
  return (
    <div className="min-h-screen bg-zinc-50" data-testid="share-unavailable">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3 sm:px-8">
          <span aria-hidden className="flex size-6 items-center justify-center rounded-md bg-accent text-[11px] font-bold text-white">
            M
          </span>
          <span className="text-sm font-semibold text-zinc-900">Musterpoint</span>
        </div>
      </header>
      <main className="mx-auto flex max-w-md flex-col items-center px-6 py-20 text-center">
        <span aria-hidden className="flex size-10 items-center justify-center rounded-full bg-zinc-200/70 text-lg text-zinc-500">
          ⌁
        </span>
        <h1 className="mt-4 text-xl font-semibold tracking-tight text-zinc-900">{t("title")}</h1>
        <p className="mt-2 text-sm text-zinc-600">{t("body")}</p>
        <ul className="mt-5 grid gap-1.5 text-left text-sm text-zinc-600">
          <li>· {t("mistyped")}</li>
          <li>· {t("revoked")}</li>
          <li>· {t("expired")}</li>
        </ul>
        <p className="mt-6 text-sm text-zinc-500">{t("next")}</p>
      </main>
    </div>
  );
}
