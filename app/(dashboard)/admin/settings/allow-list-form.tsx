"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";

interface TList {
  hosts: string[];
  cidrs: string[];
  ports: number[];
}

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * One entry per line; saved with the server action `save` (validated in lib): the target
 * allow-list's on Admin → Settings, the webhook allow-list's on Admin → Webhooks (same shape).
 * `idPrefix` keeps field ids unique.
 */
export function AllowListForm({
  initial,
  save,
  idPrefix = "",
}: {
  initial: TList;
  /** Ports are sent as typed when not a number, so the schema words the refusal. */
  save: (input: { hosts: string[]; cidrs: string[]; ports: (number | string)[] }) => Promise<{ data: TList } | { error: string }>;
  idPrefix?: string;
}) {
  const t = useTranslations("admin");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ports = lines(String(form.get("ports") ?? "")).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    setPending(true);
    const result = await save({
      hosts: lines(String(form.get("hosts") ?? "")),
      cidrs: lines(String(form.get("cidrs") ?? "")),
      ports,
    }).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    setPending(false);
    setMessage("error" in result ? { error: true, text: result.error } : { error: false, text: t("saved") });
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 grid max-w-4xl grid-cols-1 gap-4 md:grid-cols-3">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${idPrefix}hosts`}>{t("hosts")}</Label>
        <Textarea
          id={`${idPrefix}hosts`}
          name="hosts"
          rows={6}
          defaultValue={initial.hosts.join("\n")}
          aria-describedby={`${idPrefix}hosts-hint`}
        />
        <FieldMessage id={`${idPrefix}hosts-hint`}>{t("hostsHint")}</FieldMessage>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${idPrefix}cidrs`}>{t("cidrs")}</Label>
        <Textarea
          id={`${idPrefix}cidrs`}
          name="cidrs"
          rows={6}
          defaultValue={initial.cidrs.join("\n")}
          aria-describedby={`${idPrefix}cidrs-hint`}
        />
        <FieldMessage id={`${idPrefix}cidrs-hint`}>{t("cidrsHint")}</FieldMessage>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${idPrefix}ports`}>{t("ports")}</Label>
        <Textarea
          id={`${idPrefix}ports`}
          name="ports"
          rows={6}
          defaultValue={initial.ports.join("\n")}
          aria-describedby={`${idPrefix}ports-hint`}
        />
        <FieldMessage id={`${idPrefix}ports-hint`}>{t("portsHint")}</FieldMessage>
      </div>
      <div className="flex items-center gap-3 md:col-span-3">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        {message ? (
          <FieldMessage id={`${idPrefix}allow-list-status`} error={message.error}>
            {message.text}
          </FieldMessage>
        ) : null}
      </div>
    </form>
  );
}
