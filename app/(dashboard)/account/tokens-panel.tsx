"use client";

import { useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Field, FormError } from "@/app/_components/ui/field";
import { useListPanel } from "@/app/_components/ui/use-list-panel";
import { ListTable } from "@/app/_components/ui/list-table";
import { TD, TR } from "@/app/_components/ui/table";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export interface TTokenItem {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Create (shown once) and revoke API tokens through the server actions of ./actions.ts. */
export function TokensPanel({ initial }: { initial: TTokenItem[] }) {
  const t = useTranslations("account");
  const formatTime = useFormatTime();
  const { items: tokens, setItems: setTokens, error, pending, create, call } = useListPanel(initial);
  const [created, setCreated] = useState<string | null>(null);

  const onCreate = (event: React.FormEvent<HTMLFormElement>) =>
    create(
      event,
      (form) => createApiTokenAction({ name: String(form.get("name") ?? "") }),
      ({ token, ...row }) => {
        setCreated(token);
        setTokens((list) => [row, ...list]);
      },
    );

  const onRevoke = (id: string) =>
    call(revokeApiTokenAction(id), () =>
      setTokens((list) => list.map((tk) => (tk.id === id ? { ...tk, revokedAt: new Date().toISOString() } : tk))),
    );

  const when = (iso: string | null) => (iso ? formatTime(iso, "dateTime", { zone: true }) : "—");

  return (
    <div className="mt-4 flex flex-col gap-4">
      <form onSubmit={onCreate} className="flex items-end gap-2">
        <Field id="token-name" label={t("tokenName")}>
          <Input id="token-name" name="name" placeholder={t("tokenNamePlaceholder")} required maxLength={100} className="w-72" />
        </Field>
        <Button type="submit" disabled={pending}>
          {t("createToken")}
        </Button>
      </form>
      <FormError id="token-error" error={error} />
      {created ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t("copyNow")}</p>
          <code data-testid="new-token" className="mt-1 block font-mono text-xs break-all select-all">
            {created}
          </code>
        </div>
      ) : null}
      <ListTable
        headers={[t("tokenName"), t("tokenPrefix"), t("created"), t("lastUsed"), t("status")]}
        rowCount={tokens.length}
        empty={<p className="text-sm text-zinc-500">{t("noTokens")}</p>}
      >
        {tokens.map((tk) => (
          <TR key={tk.id}>
            <TD>{tk.name}</TD>
            <TD className="font-mono text-xs">{tk.tokenPrefix}…</TD>
            <TD>{when(tk.createdAt)}</TD>
            <TD>{when(tk.lastUsedAt)}</TD>
            <TD>{tk.revokedAt ? <Badge tone="neutral">{t("revoked")}</Badge> : <Badge tone="success">{t("active")}</Badge>}</TD>
            <TD className="text-right">
              {tk.revokedAt ? null : (
                <Button variant="ghost" size="sm" onClick={() => onRevoke(tk.id)}>
                  {t("revoke")}
                </Button>
              )}
            </TD>
          </TR>
        ))}
      </ListTable>
    </div>
  );
}
