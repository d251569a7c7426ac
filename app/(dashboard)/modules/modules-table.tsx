"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useMemo, useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Button } from "@/app/_components/ui/button";
import type { TModuleRow } from "@/lib/modules/module.schema";
import { DeleteModuleDialog, EditModuleDialog } from "./module-dialogs";

/** Modules list: sortable, searchable, with edit and delete per row. */
export function ModulesTable({ rows }: { rows: TModuleRow[] }) {
  const t = useTranslations("modules");
  const common = useTranslations("common");
  const formatTime = useFormatTime();
  const [editing, setEditing] = useState<TModuleRow>();
  const [deleting, setDeleting] = useState<TModuleRow>();

  const columns = useMemo<ColumnDef<TModuleRow>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("columns.name"),
        meta: { filterable: true, label: t("columns.name") },
        cell: ({ row }) => (
          <Link href={`/modules/${row.original.id}`} className="font-medium text-zinc-900 hover:text-accent hover:underline">
            {row.original.name}
          </Link>
        ),
      },
      {
        accessorKey: "description",
        header: t("columns.description"),
        enableSorting: false,
        meta: { className: "max-w-md" },
        cell: ({ getValue }) => {
          const text = getValue<string>();
          return text ? (
            <span className="line-clamp-1 text-zinc-600" title={text}>
              {text}
            </span>
          ) : (
            <span className="text-zinc-300">{common("none")}</span>
          );
        },
      },
      {
        accessorKey: "interfaceCount",
        header: t("columns.interfaces"),
        meta: { numeric: true },
      },
      {
        accessorKey: "scenarioCount",
        header: t("columns.scenarios"),
        meta: { numeric: true },
      },
      {
        accessorKey: "updatedAt",
        header: t("columns.updatedAt"),
        sortingFn: "datetime",
        enableGlobalFilter: false,
        meta: { numeric: true },
        cell: ({ getValue }) => formatTime(getValue<Date>(), "dateTime", { zone: true }),
      },
      {
        id: "actions",
        header: () => <span className="sr-only">{common("actions")}</span>,
        enableSorting: false,
        meta: { className: "w-px" },
        cell: ({ row }) => (
          <div className="flex justify-end gap-1">
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
      },
    ],
    [t, common, formatTime],
  );

  return (
    <>
      <DataTable
        label="modules"
        columns={columns}
        data={rows}
        getRowId={(row) => row.id}
        initialSorting={[{ id: "name", desc: false }]}
        searchPlaceholder={t("searchPlaceholder")}
      />
      <EditModuleDialog module={editing} open={Boolean(editing)} onOpenChange={(open) => !open && setEditing(undefined)} />
      <DeleteModuleDialog module={deleting} open={Boolean(deleting)} onOpenChange={(open) => !open && setDeleting(undefined)} />
    </>
  );
}
