"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Field, FormError } from "@/app/_components/ui/field";
import { FieldMessage } from "@/app/_components/ui/label";
import { useFormSubmit } from "@/app/_components/ui/use-form-submit";

/** Creates the first admin through POST /api/setup, then signs in as them. */
export function SetupForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const { error, pending, handle } = useFormSubmit(t("setupFailed"));

  const onSubmit = handle(async (form) => {
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const res = await fetch("/api/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, email, name: form.get("name"), password }),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      return body.error ?? t("setupFailed");
    }
    await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    // A full load on purpose: every server component must render again with the new cookie.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/");
    return null;
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field id="name" label={t("name")}>
        <Input id="name" name="name" autoComplete="name" required autoFocus />
      </Field>
      <Field id="email" label={t("email")}>
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </Field>
      <Field id="password" label={t("password")}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          aria-describedby="password-hint"
        />
        <FieldMessage id="password-hint">{t("passwordHint")}</FieldMessage>
      </Field>
      <FormError id="setup-error" error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? t("creating") : t("createAdmin")}
      </Button>
    </form>
  );
}
