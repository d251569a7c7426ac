"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { FieldMessage, Label } from "@/app/_components/ui/label";

export interface TTimeZoneState {
  timeZone: string;
  source: "user" | "installation" | "server";
  /** "UTC+08:00" now, from the server. */
  offset: string;
}

/**
 * The display time zone: the installation's (Admin → Settings) or the user's own (Account). Saved
 * with the server action `save` { timeZone | null } (null: back to the default), which revalidates
 * every page, so this one re-renders in the new zone.
 */
export function TimeZoneForm({
  save: saveAction,
  initial,
  zones,
  idPrefix,
}: {
  save: (input: { timeZone: string | null }) => Promise<{ data: unknown } | { error: string; issues: unknown[] }>;
  initial: TTimeZoneState;
  zones: string[];
  idPrefix: string;
}) {
  const t = useTranslations("timeZone");
  const [value, setValue] = useState(initial.source === "user" || initial.source === "installation" ? initial.timeZone : "");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(timeZone: string | null) {
    setPending(true);
    setMessage(null);
    try {
      const result = await saveAction({ timeZone });
      // Field issues: the zone is not one this server knows (what a 400 from the API meant).
      if ("error" in result) setMessage({ error: true, text: result.issues.length > 0 ? t("invalid") : result.error });
      else {
        if (timeZone === null) setValue("");
        setMessage({ error: false, text: t("saved") });
      }
    } catch (error) {
      setMessage({ error: true, text: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="mt-4 grid max-w-xl gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save(value.trim() || null);
      }}
    >
      <p className="text-sm text-zinc-700" data-testid={`${idPrefix}time-zone-current`}>
        {t("current", { zone: initial.timeZone, offset: initial.offset })}{" "}
        <span className="text-zinc-500">· {t(`sources.${initial.source}`)}</span>
      </p>
      <Label htmlFor={`${idPrefix}time-zone`}>{t("label")}</Label>
      <div className="flex items-center gap-2">
        <div className="w-72">
          <Input
            id={`${idPrefix}time-zone`}
            name="timeZone"
            list={`${idPrefix}time-zones`}
            value={value}
            placeholder={initial.timeZone}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={`${idPrefix}time-zone-hint`}
            autoComplete="off"
          />
          <datalist id={`${idPrefix}time-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => void save(null)}>
          {t("useDefault")}
        </Button>
      </div>
      <FieldMessage id={`${idPrefix}time-zone-hint`}>{t(idPrefix === "account-" ? "accountHint" : "adminHint")}</FieldMessage>
      {message ? (
        <FieldMessage id={`${idPrefix}time-zone-status`} error={message.error}>
          {message.text}
        </FieldMessage>
      ) : null}
    </form>
  );
}
