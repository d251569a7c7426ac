"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import type { TReportListRow } from "@/lib/reports/find-reports";

/** The rounds: name (opens the report), day, how many runs / observations / new problems. */
export function ReportsTable({ rows }: { rows: TReportListRow[] }) {
  const t = useTranslations("reports");
  const columns = useMemo<ColumnDef<TReportListRow>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("columns.name"),
        cell: ({ row }) => (
          <Link href={`/reports/${row.original.id}`} className="font-medium text-zinc-900 hover:text-accent hover:underline">
            {row.original.name}
          </Link>
        ),
      },
      { accessorKey: "date", header: t("columns.date"), meta: { className: "font-mono text-[13px] tabular-nums whitespace-nowrap" } },
      { accessorKey: "runCount", header: t("columns.runs"), meta: { numeric: true } },
      { accessorKey: "observationCount", header: t("columns.observations"), meta: { numeric: true } },
      { accessorKey: "newProblemCount", header: t("columns.newProblems"), meta: { numeric: true } },
      {
        accessorKey: "slowThresholdMs",
        header: t("columns.threshold"),
        enableGlobalFilter: false,
        meta: { numeric: true, unit: "s" },
        cell: ({ getValue }) => getValue<number>() / 1000,
      },
    ],
    [t],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      initialSorting={[{ id: "date", desc: true }]}
      searchPlaceholder={t("searchPlaceholder")}
      label={t("title")}
    />
  );
}
