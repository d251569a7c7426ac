import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/page-header";
import { findUsers } from "@/lib/auth/find-users";
import { requireRole } from "@/lib/auth/require-role";
import { AdminTabs } from "@/app/(dashboard)/admin/admin-tabs";
import { UsersAdmin } from "./users-admin";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("usersTitle") };
}

export default async function AdminUsersPage() {
  const actor = await requireRole("admin");
  const [t, users] = await Promise.all([getTranslations("admin"), findUsers()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("usersDescription")} />
      <AdminTabs current="users" />
      <UsersAdmin
        selfId={actor.id}
        initial={users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString() }))}
      />
    </>
  );
}
