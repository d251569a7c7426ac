"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import type { TThresholdResult } from "@/lib/engine/thresholds";

/** k6-style thresholds evaluated at the end (or on the window): pass/fail by colour and text. */
export function ThresholdsTable({ thresholds }: { thresholds: TThresholdResult[] }) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const columns = useMemo<ColumnDef<TThresholdResult>[]>(
    () => [
      {
        accessorKey: "ok",
        header: t("result"),
        cell: ({ getValue }) => (
          <Badge tone={getValue<boolean>() ? "success" : "danger"}>
            <span data-testid="threshold-result">{getValue<boolean>() ? t("pass") : t("fail")}</span>
          </Badge>
        ),
      },
      {
        accessorKey: "expression",
        header: t("threshold"),
        cell: ({ getValue }) => <code className="font-mono text-[12.5px] text-zinc-800">{getValue<string>()}</code>,
      },
      {
        accessorKey: "scope",
        header: t("scope"),
        cell: ({ row }) => (
          <span className="text-zinc-600">
            {t(`scopes.${row.original.scope}`)}
            {row.original.target ? ` · ${row.original.target}` : ""}
          </span>
        ),
      },
      {
        accessorKey: "actual",
        header: t("actual"),
        meta: { numeric: true },
        sortUndefined: "last",
        cell: ({ getValue }) =>
          getValue<number | null>() === null ? (
            <span className="text-zinc-400">{t("noSamples")}</span>
          ) : (
            format.number(getValue<number>(), { maximumFractionDigits: 2 })
          ),
      },
    ],
    [t, format],
  );
  return <DataTable label="thresholds" columns={columns} data={thresholds} getRowId={(r) => r.expression} searchable={false} />;
}
