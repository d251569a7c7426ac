import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { safeNextPath } from "@/lib/auth/access-policy";
import { signInNeedsHttps } from "@/lib/auth/public-origin";
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
  // Signing in here would not stick: the cookie is Secure (https public URL), the page is http.
  const httpsUrl = signInNeedsHttps(await headers());
  return (
    <AuthCard title={t("signInTitle")} description={t("signInDescription")}>
      {httpsUrl ? (
        <p
          role="alert"
          data-testid="https-needed"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t("httpsNeeded", { url: httpsUrl })}
        </p>
      ) : null}
      <SignInForm next={safeNextPath(typeof next === "string" ? next : null)} />
    </AuthCard>
  );
}
