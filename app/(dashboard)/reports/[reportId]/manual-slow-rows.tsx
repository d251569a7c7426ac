"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { issuesByField, isActionError } from "@/app/_lib/action-result";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import type { TReportManualSlowRow } from "@/lib/reports/report.types";
import { createSlowRowAction, deleteSlowRowAction, updateSlowRowAction } from "@/app/(dashboard)/reports/actions";

interface TDraft {
  url: string;
  method: string;
  module: string;
  avgMs: string;
}

const toDraft = (r?: TReportManualSlowRow): TDraft => ({
  url: r?.url ?? "",
  method: r?.method ?? "",
  module: r?.module ?? "",
  avgMs: r ? String(r.avgMs) : "",
});
const toInput = (d: TDraft) => ({
  url: d.url,
  method: d.method.trim() ? d.method : null,
  module: d.module,
  avgMs: d.avgMs.trim() === "" ? Number.NaN : Number(d.avgMs),
});

/**
 * Slow-list rows entered by hand (a round of summariser logs has no per-URL figures): add, edit,
 * remove. They show in the table above, the Markdown and the share page marked "manual".
 */
export function ManualSlowRows({ reportId, rows }: { reportId: string; rows: TReportManualSlowRow[] }) {
  const t = useTranslations("reports.slowRows");
  return (
    <details className="border-t border-zinc-100 px-4 py-2.5 text-sm" data-testid="manual-slow-rows" open={rows.length > 0}>
      <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none">{t("title", { count: rows.length })}</summary>
      <p className="mt-1.5 text-xs text-zinc-500">{t("hint")}</p>
      <div className="mt-2 flex flex-col gap-1.5">
        {rows.map((r) => (
          <SlowRowForm key={`${r.id}-${r.url}-${r.avgMs}-${r.method}-${r.module}`} reportId={reportId} row={r} />
        ))}
        <SlowRowForm key={`new-${rows.length}`} reportId={reportId} />
      </div>
    </details>
  );
}

function SlowRowForm({ reportId, row }: { reportId: string; row?: TReportManualSlowRow }) {
  const t = useTranslations("reports.slowRows");
  const router = useRouter();
  const { toast } = useToast();
  const [draft, setDraft] = useState(() => toDraft(row));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isPending, startTransition] = useTransition();
  const isDirty = JSON.stringify(draft) !== JSON.stringify(toDraft(row));
  const set = (k: keyof TDraft) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const prefix = row ? t("rowLabel", { url: row.url }) : t("newLabel");

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = row
        ? await updateSlowRowAction(reportId, row.id, toInput(draft))
        : await createSlowRowAction(reportId, toInput(draft));
      if (isActionError(result)) {
        setErrors({ ...issuesByField(result.issues), form: result.error });
        return;
      }
      setErrors({});
      toast(row ? t("saved") : t("added"));
      router.refresh();
    });
  };
  const onDelete = () => {
    if (!row) return;
    startTransition(async () => {
      const result = await deleteSlowRowAction(reportId, row.id);
      if (isActionError(result)) toast(result.error, "error");
      else {
        toast(t("removed"));
        router.refresh();
      }
    });
  };

  // Fields are full width: the wrapper sizes each one (as the other inline editors do).
  const field = (k: keyof TDraft, width: string, inputClass = "", extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className={width}>
      <input
        aria-label={`${prefix}: ${t(`fields.${k}`)}`}
        placeholder={t(`placeholders.${k}`)}
        value={draft[k]}
        onChange={set(k)}
        aria-invalid={Boolean(errors[k])}
        className={cn(FIELD_CLASS, "h-8 text-[13px]", inputClass)}
        {...extra}
      />
    </div>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-start gap-1.5">
      {field("method", "w-20 shrink-0", "font-mono uppercase")}
      {field("url", "min-w-64 flex-1", "font-mono")}
      {field("module", "w-40 shrink-0")}
      {field("avgMs", "w-28 shrink-0", "text-right tabular-nums", { inputMode: "decimal" })}
      <Button type="submit" size="sm" variant="outline" disabled={isPending || !isDirty || !draft.url.trim()}>
        {row ? t("save") : t("add")}
      </Button>
      {row ? (
        <Button size="sm" variant="ghost-destructive" onClick={onDelete} disabled={isPending}>
          {t("remove")}
        </Button>
      ) : null}
      {errors.form ? (
        <p role="alert" className="basis-full text-xs text-red-600">
          {errors.form}
        </p>
      ) : null}
    </form>
  );
}
