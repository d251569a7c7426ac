"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Field } from "@/app/_components/ui/field";
import { FieldMessage } from "@/app/_components/ui/label";

/** better-auth's change-password (needs the current one); other sessions are signed out. */
export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    const res = await fetch("/api/auth/change-password", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        currentPassword: form.get("currentPassword"),
        newPassword: form.get("newPassword"),
        revokeOtherSessions: true,
      }),
    }).catch(() => null);
    setPending(false);
    if (res?.ok) {
      formElement.reset();
      return setMessage({ error: false, text: t("passwordChanged") });
    }
    const body = (await res?.json().catch(() => ({}))) as { message?: string } | undefined;
    setMessage({ error: true, text: body?.message ?? t("passwordChangeFailed") });
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 flex max-w-md flex-col gap-3">
      <Field id="currentPassword" label={t("currentPassword")}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field id="newPassword" label={t("newPassword")}>
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="outline" disabled={pending}>
          {t("changePassword")}
        </Button>
        {message ? (
          <FieldMessage id="password-status" error={message.error}>
            {message.text}
          </FieldMessage>
        ) : null}
      </div>
    </form>
  );
}
