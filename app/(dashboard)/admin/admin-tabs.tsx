import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/app/_components/ui/cn";

const TABS = [
  { href: "/admin/users", key: "users" },
  { href: "/admin/settings", key: "settings" },
  { href: "/admin/webhooks", key: "webhooks" },
  { href: "/admin/audit", key: "audit" },
] as const;

/** Admin sub-navigation (users · settings · webhooks · audit log). */
export async function AdminTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  const t = await getTranslations("admin");
  return (
    <nav aria-label={t("title")} className="mb-6 flex gap-1 border-b border-zinc-200">
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.key === current ? "border-accent text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-800",
          )}
        >
          {t(`tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
