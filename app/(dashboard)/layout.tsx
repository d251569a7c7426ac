import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/get-actor";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { SidebarAccount, SidebarNav } from "@/app/_components/sidebar-nav";
import { ToastProvider } from "@/app/_components/ui/toast";

/** The dashboard frame: a dark, narrow sidebar (nav + language) and a calm content area. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const [t, actor] = await Promise.all([getTranslations("app"), getActor()]);
  return (
    <ToastProvider>
      <div className="flex min-h-screen">
        <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col bg-zinc-900 px-3 py-4">
          <Link href="/modules" className="mb-6 flex items-center gap-2 px-2.5">
            <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-accent text-xs font-bold text-white">
              M
            </span>
            <span className="leading-tight">
              <span className="block text-sm font-semibold text-white">{t("name")}</span>
              <span className="block text-[11px] text-zinc-400">{t("tagline")}</span>
            </span>
          </Link>
          <SidebarNav />
          <div className="mt-auto grid gap-3">
            {actor ? <SidebarAccount name={actor.name || null} isAdmin={actor.role === "admin"} /> : null}
            <div className="px-1">
              <LanguageSwitch />
            </div>
          </div>
        </aside>
        <main className="min-w-0 flex-1">
          <div className="mx-auto max-w-6xl px-8 py-8">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
