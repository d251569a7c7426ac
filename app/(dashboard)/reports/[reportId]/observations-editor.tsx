"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Button } from "@/app/_components/ui/button";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { cn } from "@/app/_components/ui/cn";
import { useToast } from "@/app/_components/ui/toast";
import { formatObservationValue } from "@/lib/reports/observation-value";
import type { TReportObservation } from "@/lib/reports/report.types";
import { createObservationAction, deleteObservationAction, updateObservationAction } from "@/app/(dashboard)/reports/actions";

const CELL =
  "block h-8 w-full rounded-md border border-transparent bg-transparent px-2 text-sm hover:border-zinc-200 " +
  "focus-visible:border-accent focus-visible:bg-white focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-accent/20";

/**
 * Observations (压力下实际终端显影情况), edited inline: each cell saves when it loses focus. The
 * response cell takes "2-5", "3" or a word such as 正常 / normal; the server parses it.
 */
export function ObservationsEditor({ reportId, rows, locale }: { reportId: string; rows: TReportObservation[]; locale: string }) {
  const t = useTranslations("reports");
  return (
    <div>
      <table className="w-full text-sm" aria-label={t("observationsTable")}>
        <thead className="border-b border-zinc-200 bg-zinc-50/80">
          <tr>
            <th className="h-9 w-[38%] px-3 text-left text-xs font-medium text-zinc-500">{t("columns.feature")}</th>
            <th className="h-9 w-36 px-3 text-left text-xs font-medium text-zinc-500">
              {t("columns.response")} <span className="font-normal text-zinc-400">(s)</span>
            </th>
            <th className="h-9 px-3 text-left text-xs font-medium text-zinc-500">{t("columns.note")}</th>
            <th className="w-px" />
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((o) => (
            <ObservationRow
              key={`${o.id}-${o.feature}-${o.status}-${o.secondsMin}-${o.secondsMax}-${o.note}`}
              reportId={reportId}
              row={o}
              locale={locale}
            />
          ))}
          <NewObservationRow reportId={reportId} />
        </tbody>
      </table>
      {rows.length === 0 ? <p className="px-4 pt-1 pb-3 text-xs text-zinc-500">{t("observationsHint")}</p> : null}
    </div>
  );
}

function ObservationRow({ reportId, row, locale }: { reportId: string; row: TReportObservation; locale: string }) {
  const t = useTranslations("reports");
  const common = useTranslations("common");
  const { toast } = useToast();
  const [isPending, startTransition] = useTransition();
  const initial = { feature: row.feature, value: formatObservationValue(row, locale), note: row.note ?? "" };
  const [values, setValues] = useState(initial);

  const save = (field: keyof typeof initial) => {
    const next = values[field].trim();
    if (next === initial[field]) return;
    if (field !== "note" && next === "") {
      setValues(initial);
      return;
    }
    startTransition(async () => {
      const result = await updateObservationAction(reportId, row.id, { [field]: next });
      if (isActionError(result)) {
        toast(result.error, "error");
        setValues(initial);
      }
    });
  };
  const onDelete = () =>
    startTransition(async () => {
      const result = await deleteObservationAction(reportId, row.id);
      if (isActionError(result)) toast(result.error, "error");
    });
  const input = (field: keyof typeof initial, label: string, extra?: string) => (
    <input
      aria-label={`${label}: ${row.feature}`}
      value={values[field]}
      onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
      onBlur={() => save(field)}
      onKeyDown={(e) => {
        if (e.key === "Enter") (e.target as HTMLInputElement).blur();
        if (e.key === "Escape") setValues(initial);
      }}
      className={cn(CELL, extra)}
    />
  );

  return (
    <tr className={cn("group", isPending && "opacity-60")}>
      <td className="px-1.5 py-1">{input("feature", t("columns.feature"), "font-medium")}</td>
      <td className="px-1.5 py-1">{input("value", t("columns.response"), "font-mono tabular-nums")}</td>
      <td className="px-1.5 py-1">{input("note", t("columns.note"), "text-zinc-600")}</td>
      <td className="px-1.5 py-1">
        <Button
          variant="ghost"
          size="sm"
          onClick={onDelete}
          disabled={isPending}
          aria-label={`${common("delete")} ${row.feature}`}
          className="text-zinc-400 opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
        >
          {common("delete")}
        </Button>
      </td>
    </tr>
  );
}

function NewObservationRow({ reportId }: { reportId: string }) {
  const t = useTranslations("reports");
  const { toast } = useToast();
  const [feature, setFeature] = useState("");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();

  const onAdd = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createObservationAction(reportId, { feature, value, note: note || undefined });
      if (isActionError(result)) {
        setError(result.error);
        return;
      }
      setError(undefined);
      setFeature("");
      setValue("");
      setNote("");
      toast(t("observationAdded"));
    });
  };

  return (
    <tr className="bg-zinc-50/60">
      <td className="px-1.5 py-1.5">
        <input
          form="new-observation"
          aria-label={t("newObservation.feature")}
          placeholder={t("newObservation.featurePlaceholder")}
          value={feature}
          onChange={(e) => setFeature(e.target.value)}
          className={cn(FIELD_CLASS, "h-8")}
        />
      </td>
      <td className="px-1.5 py-1.5">
        <input
          form="new-observation"
          aria-label={t("newObservation.value")}
          placeholder={t("newObservation.valuePlaceholder")}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className={cn(FIELD_CLASS, "h-8 font-mono")}
          aria-invalid={Boolean(error)}
        />
      </td>
      <td className="px-1.5 py-1.5">
        <input
          form="new-observation"
          aria-label={t("newObservation.note")}
          placeholder={t("newObservation.notePlaceholder")}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className={cn(FIELD_CLASS, "h-8")}
        />
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        ) : null}
      </td>
      <td className="px-1.5 py-1.5">
        <form id="new-observation" onSubmit={onAdd}>
          <Button type="submit" size="sm" variant="outline" disabled={isPending || !feature.trim() || !value.trim()}>
            {t("newObservation.add")}
          </Button>
        </form>
      </td>
    </tr>
  );
}
