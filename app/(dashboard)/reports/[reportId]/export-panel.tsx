"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, buttonClass } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { useToast } from "@/app/_components/ui/toast";

type TLang = "zh-CN" | "en";

/**
 * Markdown preview of the export (the users paste it into their chat / wiki), with copy, .md and
 * CSV downloads. Headings follow the UI language; the other language is one click away.
 */
export function ExportPanel({
  reportId,
  markdown,
  defaultLang,
}: {
  reportId: string;
  markdown: Record<TLang, string>;
  defaultLang: TLang;
}) {
  const t = useTranslations("reports.export");
  const { toast } = useToast();
  const [lang, setLang] = useState<TLang>(defaultLang);
  const text = markdown[lang];

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Not a secure context (plain http on a LAN address): fall back to a selected textarea.
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    toast(t("copied"));
  };

  return (
    <section aria-labelledby="export-title" className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3">
        <h2 id="export-title" className="text-sm font-semibold text-zinc-900">
          {t("title")}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label={t("headings")} className="inline-flex rounded-md bg-zinc-100 p-0.5">
            {(["zh-CN", "en"] as const).map((l) => (
              <button
                key={l}
                type="button"
                aria-pressed={lang === l}
                onClick={() => setLang(l)}
                className={cn(
                  "rounded px-2 py-0.5 text-xs font-medium",
                  lang === l ? "bg-white text-zinc-900 shadow-xs" : "text-zinc-500 hover:text-zinc-900",
                )}
              >
                {l === "zh-CN" ? "中文" : "English"}
              </button>
            ))}
          </div>
          <Button size="sm" onClick={onCopy}>
            {t("copy")}
          </Button>
          <a href={`/api/reports/${reportId}/markdown?lang=${lang}&download=1`} className={buttonClass("outline", "sm")} download>
            {t("downloadMd")}
          </a>
          <a href={`/api/reports/${reportId}/csv`} className={buttonClass("outline", "sm")} download>
            {t("downloadCsv")}
          </a>
        </div>
      </header>
      <pre
        data-testid="markdown-preview"
        className="max-h-96 overflow-auto bg-zinc-50 px-4 py-3 font-mono text-xs leading-relaxed whitespace-pre text-zinc-800"
      >
        {text}
      </pre>
    </section>
  );
}
