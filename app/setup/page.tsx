import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { countUsers } from "@/lib/auth/find-users";
import { AuthCard } from "@/app/sign-in/auth-card";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("setupTitle") };
}

/** The one-time set-up link `npm start` prints while no account exists. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const t = await getTranslations("auth");
  const { token } = await searchParams;
  if ((await countUsers()) > 0) {
    return (
      <AuthCard title={t("setupDoneTitle")} description={t("setupDoneDescription")}>
        <Link href="/sign-in" className="text-sm font-medium text-accent hover:underline">
          {t("goToSignIn")}
        </Link>
      </AuthCard>
    );
  }
  if (typeof token !== "string" || token === "") {
    return (
      <AuthCard title={t("setupTitle")} description={t("setupNeedsLink")}>
        {null}
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("setupTitle")} description={t("setupDescription")}>
      <SetupForm token={token} />
    </AuthCard>
  );
}
