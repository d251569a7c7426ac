"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import type { TScheduleRow } from "@/lib/schedules/schedule.schema";
import { formatTime } from "@/lib/time/format-time";
import { updateScheduleAction } from "./actions";
import { DeleteScheduleDialog, EditScheduleDialog } from "./schedule-dialogs";
import type { TScenarioOption } from "./schedule-form";

/** Schedules: what runs when (next fire times in the schedule's own zone), paused or not. */
export function SchedulesTable({ rows, scenarios, canWrite }: { rows: TScheduleRow[]; scenarios: TScenarioOption[]; canWrite: boolean }) {
  const t = useTranslations("schedules");
  const common = useTranslations("common");
  const { toast } = useToast();
  const [editing, setEditing] = useState<TScheduleRow>();
  const [deleting, setDeleting] = useState<TScheduleRow>();
  const [isPending, startTransition] = useTransition();

  const setEnabled = (row: TScheduleRow, enabled: boolean) =>
    startTransition(async () => {
      const result = await updateScheduleAction(row.id, { enabled }).catch(() => ({ error: common("unexpectedError"), issues: [] }));
      toast(isActionError(result) ? result.error : t(enabled ? "resumed" : "paused", { name: row.name }));
    });

  const columns = useMemo<ColumnDef<TScheduleRow>[]>(() => {
    // In the schedule's own zone, the one its cron expression is read in.
    const when = (iso: string, zone: string, withZone = true) => formatTime(iso, zone, "dateTime", { zone: withZone });
    const cols: ColumnDef<TScheduleRow>[] = [
      {
        accessorKey: "name",
        header: t("columns.name"),
        meta: { filterable: true, label: t("columns.name") },
        cell: ({ row }) => (
          <div>
            <div className="font-medium text-zinc-900">{row.original.name}</div>
            {row.original.report ? (
              <div className="text-xs text-zinc-500">{t("reportInto", { name: row.original.report.name })}</div>
            ) : null}
          </div>
        ),
      },
      {
        accessorKey: "cron",
        header: t("columns.cron"),
        enableSorting: false,
        cell: ({ row }) => (
          <div>
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-zinc-800">{row.original.cron}</code>
            <div className="mt-0.5 text-xs text-zinc-500">{row.original.timeZone}</div>
          </div>
        ),
      },
      {
        id: "scenarios",
        header: t("columns.scenarios"),
        enableSorting: false,
        accessorFn: (r) => r.scenarios.map((s) => s.name).join(", "),
        cell: ({ row }) =>
          row.original.scenarios.length ? (
            <ul className="text-sm">
              {row.original.scenarios.map((s) => (
                <li key={s.id}>
                  <span className="text-zinc-500">{s.module} / </span>
                  {s.name}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-red-700">{t("noScenarios")}</span>
          ),
      },
      {
        id: "next",
        header: t("columns.next"),
        accessorFn: (r) => r.nextRunAt ?? "",
        enableGlobalFilter: false,
        cell: ({ row }) =>
          row.original.nextFires.length ? (
            <ol className="text-sm whitespace-nowrap tabular-nums" aria-label={t("columns.next")}>
              {row.original.nextFires.map((at, i) => (
                <li key={at} className={i === 0 ? "font-medium text-zinc-900" : "text-zinc-500"}>
                  {when(at, row.original.timeZone, i === 0)}
                </li>
              ))}
            </ol>
          ) : (
            <span className="text-zinc-400">{common("none")}</span>
          ),
      },
      {
        id: "last",
        header: t("columns.last"),
        accessorFn: (r) => r.lastFiredAt ?? "",
        enableGlobalFilter: false,
        cell: ({ row }) =>
          row.original.lastFiredAt ? (
            <span className="text-sm whitespace-nowrap tabular-nums">{when(row.original.lastFiredAt, row.original.timeZone)}</span>
          ) : (
            <span className="text-zinc-400">{t("never")}</span>
          ),
      },
      {
        id: "status",
        header: t("columns.status"),
        accessorFn: (r) => (r.enabled ? 1 : 0),
        enableGlobalFilter: false,
        cell: ({ row }) => (
          <div className="flex flex-col items-start gap-1">
            <Badge tone={row.original.enabled ? "success" : "neutral"}>{row.original.enabled ? t("enabled") : t("pausedStatus")}</Badge>
            {row.original.catchUp ? <span className="text-xs text-zinc-500">{t("catchUpShort")}</span> : null}
          </div>
        ),
      },
    ];
    if (canWrite)
      cols.push({
        id: "actions",
        header: () => <span className="sr-only">{common("actions")}</span>,
        enableSorting: false,
        meta: { className: "w-px" },
        cell: ({ row }) => (
          <div className="flex justify-end gap-1">
            <Button
              variant="ghost"
              size="sm"
              disabled={isPending}
              onClick={() => setEnabled(row.original, !row.original.enabled)}
              aria-label={`${row.original.enabled ? t("pause") : t("resume")} ${row.original.name}`}
            >
              {row.original.enabled ? t("pause") : t("resume")}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setEditing(row.original)}
              aria-label={`${common("edit")} ${row.original.name}`}
            >
              {common("edit")}
            </Button>
            <Button
              variant="ghost-destructive"
              size="sm"
              onClick={() => setDeleting(row.original)}
              aria-label={`${common("delete")} ${row.original.name}`}
            >
              {common("delete")}
            </Button>
          </div>
        ),
      });
    return cols;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setEnabled only closes over stable setters
  }, [t, common, canWrite, isPending]);

  return (
    <>
      <DataTable
        label="schedules"
        columns={columns}
        data={rows}
        getRowId={(row) => row.id}
        initialSorting={[{ id: "name", desc: false }]}
        searchPlaceholder={t("searchPlaceholder")}
      />
      <EditScheduleDialog schedule={editing} scenarios={scenarios} onOpenChange={(open) => !open && setEditing(undefined)} />
      <DeleteScheduleDialog schedule={deleting} onOpenChange={(open) => !open && setDeleting(undefined)} />
    </>
  );
}
