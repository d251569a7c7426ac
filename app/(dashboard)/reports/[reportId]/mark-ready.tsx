"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/app/_components/ui/button";
import { useToast } from "@/app/_components/ui/toast";
import { markReportReadyAction } from "@/app/(dashboard)/reports/actions";

/**
 * The report's header actions: the self-contained HTML file, and "Mark ready" — which notifies
 * the report-ready webhooks once — or, once marked, since when it is ready.
 */
export function MarkReady({ reportId, readyAt, lang }: { reportId: string; readyAt: string | null; lang: string }) {
  const t = useTranslations("reportFile");
  const format = useFormatter();
  const { toast } = useToast();
  const [ready, setReady] = useState(readyAt);
  const [pending, startTransition] = useTransition();

  const onClick = () =>
    startTransition(async () => {
      const result = await markReportReadyAction(reportId);
      if ("error" in result) return toast(result.error, "error");
      setReady(result.data.readyAt);
      toast(t("markedReady"));
    });

  return (
    <div className="flex flex-wrap items-center gap-2" data-print="hide">
      <a
        href={`/api/reports/${encodeURIComponent(reportId)}/report.html?lang=${lang}`}
        className={buttonClass("outline", "sm")}
        download
        data-testid="download-report-html"
      >
        {t("downloadHtml")}
      </a>
      {ready ? (
        <span className="text-xs font-medium text-emerald-700" data-testid="report-ready">
          ✓ {t("ready", { when: format.dateTime(new Date(ready), { dateStyle: "medium", timeStyle: "short" }) })}
        </span>
      ) : (
        <Button size="sm" onClick={onClick} disabled={pending}>
          {t("markReady")}
        </Button>
      )}
    </div>
  );
}
