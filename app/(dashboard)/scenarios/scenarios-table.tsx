"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import type { TScenarioListItem } from "@/lib/scenarios/scenario.schema";

/** Scenarios by module: target, planned VUs and duration. */
export function ScenariosTable({ rows }: { rows: TScenarioListItem[] }) {
  const t = useTranslations("scenarios");
  const format = useFormatter();
  const columns = useMemo<ColumnDef<TScenarioListItem>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("columns.name"),
        meta: { filterable: true, label: t("columns.name") },
        cell: ({ getValue }) => <span className="font-medium text-zinc-900">{getValue<string>()}</span>,
      },
      {
        accessorKey: "moduleName",
        header: t("columns.module"),
        meta: { filterable: true, label: t("columns.module") },
        cell: ({ row }) => (
          <Link href={`/modules/${row.original.moduleId}`} className="text-zinc-700 hover:text-accent hover:underline">
            {row.original.moduleName}
          </Link>
        ),
      },
      {
        accessorKey: "baseUrl",
        header: t("columns.baseUrl"),
        cell: ({ getValue }) => <span className="font-mono text-xs text-zinc-600">{getValue<string>()}</span>,
      },
      { accessorKey: "vus", header: t("columns.vus"), meta: { numeric: true } },
      {
        accessorKey: "durationSeconds",
        header: t("columns.duration"),
        meta: { numeric: true, unit: "s" },
        cell: ({ getValue }) => (getValue<number | null>() === null ? "—" : format.number(getValue<number>())),
      },
      { accessorKey: "version", header: t("columns.version"), meta: { numeric: true } },
      {
        accessorKey: "updatedAt",
        header: t("columns.updatedAt"),
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
      label="scenarios"
      columns={columns}
      data={rows}
      getRowId={(row) => row.id}
      searchPlaceholder={t("searchPlaceholder")}
    />
  );
}
