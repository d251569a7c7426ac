"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";

/** Ends the session (better-auth deletes it and clears the cookie), then opens the sign-in page. */
export async function signOut(): Promise<void> {
  await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => {});
  // A full load on purpose: every server component must render again with the new cookie.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/sign-in");
}

/** The account page's sign-out button (the sidebar has its own, styled for the dark frame). */
export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations("auth");
  return (
    <Button variant="outline" size="sm" className={className} onClick={signOut}>
      {t("signOut")}
    </Button>
  );
}
