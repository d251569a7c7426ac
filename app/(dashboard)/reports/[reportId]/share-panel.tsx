"use client";

import { useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useState, useTransition } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS, Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { createShareLinkAction, revokeShareLinkAction } from "@/app/(dashboard)/reports/actions";

export interface TShareLinkView {
  id: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  isActive: boolean;
}

const DAYS = [1, 7, 30, 90];

/**
 * Read-only links for people without an account. The URL (its token) is shown once, right after
 * creation — only a hash is stored — so it is copied from here or made again.
 */
export function SharePanel({ reportId, links }: { reportId: string; links: TShareLinkView[] }) {
  const t = useTranslations("reports.share");
  const formatTime = useFormatTime();
  const { toast } = useToast();
  const [days, setDays] = useState(7);
  const [url, setUrl] = useState<string>();
  const [isPending, startTransition] = useTransition();

  const onCreate = () =>
    startTransition(async () => {
      const result = await createShareLinkAction(reportId, days);
      if (isActionError(result)) {
        toast(result.error, "error");
        return;
      }
      setUrl(new URL(result.data.path, window.location.origin).toString());
    });
  const onRevoke = (linkId: string) =>
    startTransition(async () => {
      const result = await revokeShareLinkAction(reportId, linkId);
      if (isActionError(result)) toast(result.error, "error");
      else toast(t("revoked"));
    });

  return (
    <section aria-labelledby="share-title" className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3">
        <div>
          <h2 id="share-title" className="text-sm font-semibold text-zinc-900">
            {t("title")}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500">{t("description")}</p>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="share-days" className="text-xs whitespace-nowrap text-zinc-500">
            {t("expiresIn")}
          </label>
          <div className="w-28 shrink-0">
            <select
              id="share-days"
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
              className={cn(FIELD_CLASS, "h-8 text-[13px]")}
            >
              {DAYS.map((d) => (
                <option key={d} value={d}>
                  {t("days", { count: d })}
                </option>
              ))}
            </select>
          </div>
          <Button size="sm" onClick={onCreate} disabled={isPending}>
            {t("create")}
          </Button>
        </div>
      </header>
      {url ? (
        <div className="flex items-center gap-2 border-b border-emerald-100 bg-emerald-50/60 px-4 py-2.5">
          <div className="flex-1">
            <Input
              readOnly
              value={url}
              inputSize="sm"
              aria-label={t("url")}
              data-testid="share-url"
              onFocus={(e) => e.target.select()}
              className="font-mono"
            />
          </div>
          <Button
            size="sm"
            variant="outline"
            onClick={async () => {
              await navigator.clipboard?.writeText(url).catch(() => undefined);
              toast(t("copied"));
            }}
          >
            {t("copy")}
          </Button>
          <span className="text-xs text-emerald-800">{t("onceOnly")}</span>
        </div>
      ) : null}
      {links.length === 0 ? (
        <p className="px-4 py-4 text-sm text-zinc-500">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {links.map((l) => (
            <li key={l.id} className="flex items-center gap-3 px-4 py-2 text-sm">
              <Badge tone={l.isActive ? "success" : "neutral"}>
                {l.isActive ? t("active") : l.revokedAt ? t("revokedState") : t("expired")}
              </Badge>
              <span className="flex-1 text-zinc-600">
                {t("createdBy", {
                  who: l.createdByName ?? "—",
                  when: formatTime(l.createdAt, "dateTime", { zone: true }),
                })}
                {l.expiresAt ? ` · ${t("expires", { when: formatTime(l.expiresAt, "dateTime", { zone: true }) })}` : ""}
              </span>
              {l.isActive ? (
                <Button size="sm" variant="ghost" onClick={() => onRevoke(l.id)} disabled={isPending}>
                  {t("revoke")}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
