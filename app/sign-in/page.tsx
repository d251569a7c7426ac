import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { safeNextPath } from "@/lib/auth/access-policy";
import { AuthCard } from "./auth-card";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const t = await getTranslations("auth");
  const { next } = await searchParams;
  return (
    <AuthCard title={t("signInTitle")} description={t("signInDescription")}>
      <SignInForm next={safeNextPath(typeof next === "string" ? next : null)} />
    </AuthCard>
  );
}
