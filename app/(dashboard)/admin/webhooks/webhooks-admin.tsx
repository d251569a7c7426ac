"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS, Input } from "@/app/_components/ui/input";
import { Field, FormError } from "@/app/_components/ui/field";
import { FieldMessage } from "@/app/_components/ui/label";
import { useListPanel } from "@/app/_components/ui/use-list-panel";
import { ListTable } from "@/app/_components/ui/list-table";
import { TD, TR } from "@/app/_components/ui/table";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type TWebhookView } from "@/lib/notifications/webhook.schema";
import { createWebhookAction, deleteWebhookAction, updateWebhookAction } from "./actions";

/** Add, enable / pause and delete webhooks through the server actions of ./actions.ts (validated and allow-listed in lib). */
export function WebhooksAdmin({ initial }: { initial: TWebhookView[] }) {
  const t = useTranslations("webhooks");
  const { items: webhooks, setItems: setWebhooks, error, pending, create, call } = useListPanel(initial);

  const onCreate = (event: React.FormEvent<HTMLFormElement>) =>
    create(
      event,
      (form) =>
        createWebhookAction({
          name: form.get("name"),
          format: form.get("format"),
          url: form.get("url"),
          secret: String(form.get("secret") ?? "") || null,
          events: form.getAll("events"),
        }),
      (webhook) => setWebhooks((list) => [...list, webhook]),
    );

  const onToggle = (w: TWebhookView) =>
    call(updateWebhookAction(w.id, { enabled: !w.enabled }), (fresh) =>
      setWebhooks((list) => list.map((x) => (x.id === w.id ? fresh : x))),
    );

  async function onDelete(w: TWebhookView) {
    if (!window.confirm(t("confirmDelete", { name: w.name }))) return;
    // The action revalidates the page, so the delivery log drops the webhook's rows too.
    await call(deleteWebhookAction(w.id), () => setWebhooks((list) => list.filter((x) => x.id !== w.id)));
  }

  return (
    <div className="flex flex-col gap-5">
      <form onSubmit={onCreate} className="grid grid-cols-1 gap-3 rounded-lg border border-zinc-200 p-4 md:grid-cols-6 md:items-end">
        <Field id="webhook-name" label={t("name")} className="md:col-span-2">
          <Input id="webhook-name" name="name" required maxLength={200} />
        </Field>
        <Field id="webhook-format" label={t("format")}>
          <select id="webhook-format" name="format" defaultValue="wecom" className={cn(FIELD_CLASS, "h-9")}>
            {WEBHOOK_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="webhook-url" label={t("url")} className="md:col-span-3">
          <Input id="webhook-url" name="url" type="url" required placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
        </Field>
        <Field id="webhook-secret" label={t("secret")} className="md:col-span-2">
          <Input id="webhook-secret" name="secret" type="password" autoComplete="off" aria-describedby="webhook-secret-hint" />
          <FieldMessage id="webhook-secret-hint">{t("secretHint")}</FieldMessage>
        </Field>
        <fieldset className="flex flex-col gap-1.5 md:col-span-3">
          <legend className="mb-1.5 text-sm font-medium text-zinc-800">{t("events")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {WEBHOOK_EVENTS.map((e) => (
              <label key={e} className="inline-flex items-center gap-1.5 text-sm text-zinc-700">
                <input type="checkbox" name="events" value={e} defaultChecked={e !== "run.threshold_failed"} />
                {t(`eventNames.${e.replace(".", "_")}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={pending}>
          {t("add")}
        </Button>
      </form>
      <FormError id="webhooks-error" error={error} />
      <ListTable
        headers={[t("name"), t("format"), t("url"), t("events"), t("state")]}
        rowCount={webhooks.length}
        empty={<p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500">{t("empty")}</p>}
      >
        {webhooks.map((w) => (
          <TR key={w.id}>
            <TD className="font-medium">{w.name}</TD>
            <TD>
              {t(`formats.${w.format}`)}
              {w.hasSecret ? <span className="ml-1 text-xs text-zinc-500">· {t("signed")}</span> : null}
            </TD>
            <TD className="max-w-72 truncate font-mono text-xs" title={w.url}>
              {w.url}
            </TD>
            <TD className="text-xs">{w.events.map((e) => t(`eventNames.${e.replace(".", "_")}`)).join(", ")}</TD>
            <TD>
              <Badge tone={w.enabled ? "success" : "neutral"}>{w.enabled ? t("enabled") : t("paused")}</Badge>
            </TD>
            <TD className="text-right whitespace-nowrap">
              <Button size="sm" variant="ghost" onClick={() => onToggle(w)}>
                {w.enabled ? t("pause") : t("enable")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onDelete(w)}>
                {t("delete")}
              </Button>
            </TD>
          </TR>
        ))}
      </ListTable>
    </div>
  );
}
