"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { signOut } from "@/app/(dashboard)/account/sign-out-button";
import { cn } from "./ui/cn";

const ITEMS = [
  { href: "/modules", key: "modules", icon: "M3 3h4v4H3zM9 3h4v4H9zM3 9h4v4H3zM9 9h4v4H9z" },
  { href: "/scenarios", key: "scenarios", icon: "M4 3h8M4 6.5h8M4 10h5M2 3h0M2 6.5h0M2 10h0" },
  { href: "/runs", key: "runs", icon: "M5 3l8 5-8 5z" },
  { href: "/schedules", key: "schedules", icon: "M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12zM8 5v3l2 1.5" },
  { href: "/agents", key: "agents", icon: "M2.5 3.5h11v6h-11zM5.5 12.5h5M8 9.5v3" },
  { href: "/reports", key: "reports", icon: "M3 13V8M6.5 13V4M10 13V6.5M13.5 13V2.5" },
  { href: "/problems", key: "problems", icon: "M8 2.5l6 11H2zM8 7v2.5M8 11.5v.01" },
  { href: "/imports", key: "imports", icon: "M8 2.5v8M5 7.5l3 3 3-3M3 13.5h10" },
] as const;

/** Own account and administration: at the foot of the sidebar, Admin only for admins. */
const ACCOUNT_ITEMS = [
  {
    href: "/account",
    key: "account",
    icon: "M8 8a2.75 2.75 0 1 0 0-5.5A2.75 2.75 0 0 0 8 8zM2.75 13.75c.6-2.5 2.7-4 5.25-4s4.65 1.5 5.25 4",
    adminOnly: false,
  },
  { href: "/admin", key: "admin", icon: "M8 1.75l5.25 2v4c0 3.1-2.2 5.4-5.25 6.5C4.95 13.15 2.75 10.85 2.75 7.75v-4z", adminOnly: true },
] as const;

export function SidebarNav() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="flex flex-col gap-0.5">
      {ITEMS.map((item) => (
        <NavLink key={item.href} href={item.href} icon={item.icon} pathname={pathname}>
          {t(item.key)}
        </NavLink>
      ))}
    </nav>
  );
}

/** Account, Admin (admins only) and sign-out, under the signed-in user's name. */
export function SidebarAccount({ name, isAdmin }: { name: string | null; isAdmin: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("accountLabel")} className="flex flex-col gap-0.5 border-t border-zinc-800 pt-3" data-testid="sidebar-account">
      {name ? (
        <p className="truncate px-2.5 pb-1 text-[11px] text-zinc-500" title={name}>
          {name}
        </p>
      ) : null}
      {ACCOUNT_ITEMS.filter((item) => isAdmin || !item.adminOnly).map((item) => (
        <NavLink key={item.href} href={item.href} icon={item.icon} pathname={pathname}>
          {t(item.key)}
        </NavLink>
      ))}
      <button
        type="button"
        onClick={() => void signOut()}
        className="flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-left text-sm font-medium text-zinc-400 transition-colors hover:bg-zinc-800/60 hover:text-zinc-100"
      >
        <NavIcon path="M6.5 2.75H3.75v10.5H6.5M10.5 5l3 3-3 3M13.25 8H6.5" isActive={false} />
        {t("signOut")}
      </button>
    </nav>
  );
}

/** One entry of a sidebar group, marked current on its own page and the pages below it. */
function NavLink({ href, icon, pathname, children }: { href: string; icon: string; pathname: string; children: React.ReactNode }) {
  const isActive = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      className={cn(
        "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
        isActive ? "bg-zinc-800 text-white" : "text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-100",
      )}
    >
      <NavIcon path={icon} isActive={isActive} />
      {children}
    </Link>
  );
}

function NavIcon({ path, isActive }: { path: string; isActive: boolean }) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden
      className={cn("size-4 shrink-0", isActive ? "text-sky-300" : "text-zinc-500")}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={path} />
    </svg>
  );
}
