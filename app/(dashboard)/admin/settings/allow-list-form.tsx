"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { jsonFetch } from "../json-fetch";

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

/** One entry per line; saved through PUT /api/admin/settings/target-allow-list (validated there). */
export function AllowListForm({ initial }: { initial: TList }) {
  const t = useTranslations("admin");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ports = lines(String(form.get("ports") ?? "")).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    setPending(true);
    const result = await jsonFetch<TList>("/api/admin/settings/target-allow-list", "PUT", {
      hosts: lines(String(form.get("hosts") ?? "")),
      cidrs: lines(String(form.get("cidrs") ?? "")),
      ports,
    });
    setPending(false);
    setMessage("error" in result ? { error: true, text: result.error } : { error: false, text: t("saved") });
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 grid max-w-4xl grid-cols-1 gap-4 md:grid-cols-3">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="hosts">{t("hosts")}</Label>
        <Textarea id="hosts" name="hosts" rows={6} defaultValue={initial.hosts.join("\n")} aria-describedby="hosts-hint" />
        <FieldMessage id="hosts-hint">{t("hostsHint")}</FieldMessage>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="cidrs">{t("cidrs")}</Label>
        <Textarea id="cidrs" name="cidrs" rows={6} defaultValue={initial.cidrs.join("\n")} aria-describedby="cidrs-hint" />
        <FieldMessage id="cidrs-hint">{t("cidrsHint")}</FieldMessage>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="ports">{t("ports")}</Label>
        <Textarea id="ports" name="ports" rows={6} defaultValue={initial.ports.join("\n")} aria-describedby="ports-hint" />
        <FieldMessage id="ports-hint">{t("portsHint")}</FieldMessage>
      </div>
      <div className="flex items-center gap-3 md:col-span-3">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        {message ? (
          <FieldMessage id="allow-list-status" error={message.error}>
            {message.text}
          </FieldMessage>
        ) : null}
      </div>
    </form>
  );
}
