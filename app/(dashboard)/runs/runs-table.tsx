"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge, RUN_STATUS_TONE } from "@/app/_components/ui/badge";
import type { TRunListItem } from "@/lib/runs/find-runs";

/** Runs, newest first: status by colour and text, totals once finished. */
export function RunsTable({ rows }: { rows: TRunListItem[] }) {
  const t = useTranslations("runs");
  const format = useFormatter();
  const columns = useMemo<ColumnDef<TRunListItem>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("columns.name"),
        meta: { filterable: true, label: t("columns.name") },
        cell: ({ getValue }) => <span className="font-medium text-zinc-900">{getValue<string>()}</span>,
      },
      {
        accessorKey: "status",
        header: t("columns.status"),
        cell: ({ row }) => (
          <Badge tone={RUN_STATUS_TONE[row.original.status]} pulse={row.original.status === "running"}>
            {t(`status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        accessorKey: "source",
        header: t("columns.source"),
        cell: ({ getValue }) => {
          const source = getValue<string>();
          return <span className="text-zinc-600">{t.has(`source.${source}`) ? t(`source.${source}`) : source}</span>;
        },
      },
      {
        accessorKey: "samples",
        header: t("columns.samples"),
        meta: { numeric: true },
        sortUndefined: "last",
        cell: ({ getValue }) => (getValue<number | null>() === null ? "—" : format.number(getValue<number>())),
      },
      {
        accessorKey: "errorPct",
        header: t("columns.errorPct"),
        meta: { numeric: true, unit: "%" },
        cell: ({ getValue }) => {
          const pct = getValue<number | null>();
          if (pct === null) return "—";
          return <span className={pct > 0 ? "text-red-700" : undefined}>{pct.toFixed(2)}</span>;
        },
      },
      {
        id: "duration",
        header: t("columns.duration"),
        meta: { numeric: true, unit: "s" },
        accessorFn: (row) =>
          row.startedAt ? Math.round(((row.finishedAt ?? new Date()).getTime() - new Date(row.startedAt).getTime()) / 1000) : null,
        cell: ({ getValue }) => (getValue<number | null>() === null ? "—" : format.number(getValue<number>())),
      },
      {
        accessorKey: "createdAt",
        header: t("columns.createdAt"),
        sortingFn: "datetime",
        enableGlobalFilter: false,
        meta: { numeric: true },
        cell: ({ getValue }) => format.dateTime(new Date(getValue<Date>()), { dateStyle: "medium", timeStyle: "short" }),
      },
    ],
    [t, format],
  );
  return (
    <DataTable
      label="runs"
      columns={columns}
      data={rows}
      getRowId={(row) => row.id}
      initialSorting={[{ id: "createdAt", desc: true }]}
      searchPlaceholder={t("searchPlaceholder")}
    />
  );
}
