"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Badge, RUN_STATUS_TONE } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import type { TCandidateRun } from "@/lib/reports/find-candidate-runs";
import type { TReportRun } from "@/lib/reports/report.types";
import { addReportRunsAction, removeReportRunAction } from "@/app/(dashboard)/reports/actions";

/** The runs the round is made of, in report order; add another finished run or take one out. */
export function RunsPanel({ reportId, runs, candidates }: { reportId: string; runs: TReportRun[]; candidates: TCandidateRun[] }) {
  const t = useTranslations("reports.runs");
  const tr = useTranslations("runs");
  const { toast } = useToast();
  const [adding, setAdding] = useState("");
  const [isPending, startTransition] = useTransition();
  const present = new Set(runs.map((r) => r.id));
  const available = candidates.filter((c) => !present.has(c.id));

  const onAdd = () =>
    startTransition(async () => {
      const result = await addReportRunsAction(reportId, [adding]);
      if (isActionError(result)) toast(result.error, "error");
      else setAdding("");
    });
  const onRemove = (runId: string) =>
    startTransition(async () => {
      const result = await removeReportRunAction(reportId, runId);
      if (isActionError(result)) toast(result.error, "error");
    });

  return (
    <section aria-labelledby="runs-title" className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3">
        <h2 id="runs-title" className="text-sm font-semibold text-zinc-900">
          {t("title", { count: runs.length })}
        </h2>
        <div className="flex items-center gap-2">
          <div className="w-64 shrink-0">
            <select
              aria-label={t("add")}
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              className={cn(FIELD_CLASS, "h-8 text-[13px]")}
            >
              <option value="">{available.length ? t("choose") : t("noneLeft")}</option>
              {available.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <Button size="sm" variant="outline" onClick={onAdd} disabled={isPending || !adding}>
            {t("add")}
          </Button>
        </div>
      </header>
      {runs.length === 0 ? (
        <p className="px-4 py-4 text-sm text-zinc-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {runs.map((r, i) => (
            <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
              <span className="w-5 text-right font-mono text-xs text-zinc-400">{i + 1}</span>
              <span className="flex-1 truncate font-medium text-zinc-900">{r.name}</span>
              <Badge tone={RUN_STATUS_TONE[r.status] ?? "neutral"}>
                {r.source === "engine" ? tr(`status.${r.status}`) : tr(`source.${r.source}`)}
              </Badge>
              <Button size="sm" variant="ghost" onClick={() => onRemove(r.id)} disabled={isPending} aria-label={`${t("remove")} ${r.name}`}>
                {t("remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
