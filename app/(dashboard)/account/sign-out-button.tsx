"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";

/** Ends the session (better-auth deletes it and clears the cookie). Usable from the sidebar too. */
export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations("auth");
  async function onSignOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => {});
    // A full load on purpose: every server component must render again with the new cookie.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
  }
  return (
    <Button variant="outline" size="sm" className={className} onClick={onSignOut}>
      {t("signOut")}
    </Button>
  );
}
