"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import type { TErrorSummary } from "@/lib/engine/metrics/types";

/**
 * Rows rendered at a time, the most frequent first (a run with hundreds of failing labels); sort
 * and search still cover every row, the rest a page or "Show all" away.
 */
const ERROR_ROWS_PER_PAGE = 20;

/** Errors by kind (HTTP status, timeout, connection, assertion …) per label, with examples. */
export function ErrorsTable({ errors }: { errors: TErrorSummary[] }) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const columns = useMemo<ColumnDef<TErrorSummary>[]>(
    () => [
      {
        accessorKey: "label",
        header: t("label"),
        cell: ({ getValue }) => <span className="font-medium text-zinc-900">{getValue<string>()}</span>,
      },
      {
        accessorKey: "kind",
        header: t("errorKind"),
        cell: ({ getValue }) => {
          const kind = getValue<string>();
          return (
            <Badge tone={kind === "timeout" || kind.startsWith("connection") ? "warning" : "danger"} className="font-normal">
              {t.has(`errorKinds.${kind}`) ? t(`errorKinds.${kind}`) : kind}
            </Badge>
          );
        },
      },
      {
        accessorKey: "count",
        header: t("count"),
        meta: { numeric: true },
        sortDescFirst: true,
        cell: ({ getValue }) => format.number(getValue<number>()),
      },
      {
        id: "examples",
        accessorFn: (r) => r.examples.join(" "),
        header: t("examples"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.examples.length ? (
            <ul className="grid gap-0.5">
              {row.original.examples.slice(0, 3).map((e, i) => (
                <li key={i} className="max-w-xl truncate font-mono text-[11.5px] text-zinc-600" title={e}>
                  {e}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-zinc-400">—</span>
          ),
      },
    ],
    [t, format],
  );
  return (
    <DataTable
      label="errors"
      columns={columns}
      data={errors}
      getRowId={(r) => `${r.label}:${r.kind}`}
      initialSorting={[{ id: "count", desc: true }]}
      searchable={errors.length > 8}
      pageSize={ERROR_ROWS_PER_PAGE}
    />
  );
}
