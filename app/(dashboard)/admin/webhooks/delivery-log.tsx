import { getFormatter, getTranslations } from "next-intl/server";
import { CodedText } from "@/app/_components/coded-message";
import { Badge, type TBadgeTone } from "@/app/_components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/app/_components/ui/table";
import type { TWebhookDeliveryView } from "@/lib/notifications/find-webhook-deliveries";

const TONE: Record<TWebhookDeliveryView["status"], TBadgeTone> = { pending: "warning", delivered: "success", failed: "danger" };

/** The newest deliveries: event, status, attempts, last HTTP status and error, next retry. */
export async function DeliveryLog({ rows }: { rows: TWebhookDeliveryView[] }) {
  const [t, tErrors, format] = await Promise.all([getTranslations("webhooks"), getTranslations("webhookErrors"), getFormatter()]);
  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500">{t("deliveriesEmpty")}</p>
    );
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  return (
    <Table data-testid="delivery-log">
      <THead>
        <TR>
          <TH>{t("when")}</TH>
          <TH>{t("webhook")}</TH>
          <TH>{t("event")}</TH>
          <TH>{t("status")}</TH>
          <TH numeric>{t("attempts")}</TH>
          <TH numeric>{t("httpStatus")}</TH>
          <TH>{t("lastError")}</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((d) => (
          <TR key={d.id}>
            <TD className="whitespace-nowrap tabular-nums">{when(d.createdAt)}</TD>
            <TD>{d.webhookName}</TD>
            <TD>
              <div className="text-xs text-zinc-500">{t(`eventNames.${d.event.replace(".", "_")}`)}</div>
              <div className="max-w-72 truncate" title={d.title}>
                {d.title}
              </div>
            </TD>
            <TD>
              <Badge tone={TONE[d.status]}>{t(`statuses.${d.status}`)}</Badge>
              {d.nextAttemptAt ? (
                <div className="mt-1 text-xs text-zinc-500">{t("nextAttempt", { when: when(d.nextAttemptAt) })}</div>
              ) : null}
            </TD>
            <TD numeric>{d.attempts}</TD>
            <TD numeric>{d.lastStatusCode ?? "—"}</TD>
            <TD className="max-w-96 text-xs break-words text-zinc-600" data-testid="delivery-last-error">
              {d.lastErrorLines.map((line, i) => (
                <div key={i}>
                  <CodedText namespace="webhookErrors" text={line.text} parts={line.parts} separator={tErrors("attemptSeparator")} />
                </div>
              ))}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
