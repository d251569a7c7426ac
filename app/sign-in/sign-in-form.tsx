"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Field, FormError } from "@/app/_components/ui/field";
import { useFormSubmit } from "@/app/_components/ui/use-form-submit";

/**
 * Posts to better-auth's /api/auth/sign-in/email (rate limited there; it sets the session cookie),
 * checks that the browser kept the cookie, then goes to `next` — a local path, checked by the page.
 */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("auth");
  const { error, pending, handle } = useFormSubmit(t("signInFailed"));

  const onSubmit = handle(async (form) => {
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    });
    if (res.ok) {
      // The browser may have dropped the cookie (Secure over plain http://): say so rather than
      // land on the sign-in page again with no word.
      const session: unknown = await fetch("/api/auth/get-session", { cache: "no-store" })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null);
      if (!session) return t("cookieNotKept");
      window.location.assign(next);
      return null;
    }
    if (res.status === 429) return t("tooManyAttempts", { seconds: Number(res.headers.get("x-retry-after")) || 60 });
    if (res.status === 401 || res.status === 400) return t("wrongCredentials");
    return t("signInFailed");
  });

  return (
    // method="post": if the script never loads, a native submit must not put the password in the URL.
    <form onSubmit={onSubmit} method="post" className="flex flex-col gap-4" noValidate>
      <Field id="email" label={t("email")}>
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label={t("password")}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <FormError id="sign-in-error" error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
