"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge, RUN_STATUS_TONE } from "@/app/_components/ui/badge";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import type { TRunRow } from "@/lib/runs/find-runs";
import { HIGH_ERROR_SHARE_PCT } from "@/lib/run-metrics/run-health";
import { RUN_STATUSES } from "@/lib/runs/run.schema";
import { hms } from "./[runId]/run-format";

/** Runs, newest first: status by colour and text, scenarios and modules, totals once finished. */
export function RunsTable({ rows }: { rows: TRunRow[] }) {
  const t = useTranslations("runs");
  const format = useFormatter();
  const formatTime = useFormatTime();
  const [status, setStatus] = useState("");
  const [moduleId, setModuleId] = useState("");
  const modules = useMemo(() => {
    const byId = new Map<string, string>();
    for (const r of rows) for (const m of r.modules) byId.set(m.id, m.name);
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [rows]);
  const data = useMemo(
    () => rows.filter((r) => (!status || r.status === status) && (!moduleId || r.modules.some((m) => m.id === moduleId))),
    [rows, status, moduleId],
  );
  const columns = useMemo<ColumnDef<TRunRow>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("columns.name"),
        cell: ({ row }) => (
          <Link href={`/runs/${row.original.id}`} className="font-medium text-zinc-900 hover:text-accent hover:underline">
            {row.original.name}
          </Link>
        ),
      },
      {
        id: "scenarios",
        accessorFn: (r) => `${r.scenarios.join(", ")} ${r.modules.map((m) => m.name).join(", ")}`,
        header: t("columns.scenarios"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.scenarios.length ? (
            <div className="max-w-[16rem] min-w-0">
              <div className="truncate text-zinc-700" title={row.original.scenarios.join(", ")}>
                {row.original.scenarios.join(", ")}
              </div>
              <div className="truncate text-xs text-zinc-500">{row.original.modules.map((m) => m.name).join(", ")}</div>
            </div>
          ) : (
            <span className="text-zinc-500">
              {t.has(`source.${row.original.source}`) ? t(`source.${row.original.source}`) : row.original.source}
            </span>
          ),
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
        accessorKey: "startedAt",
        header: t("columns.started"),
        sortingFn: "datetime",
        sortUndefined: "last",
        enableGlobalFilter: false,
        cell: ({ row }) =>
          row.original.startedAt ? (
            <span className="whitespace-nowrap text-zinc-700 tabular-nums">
              {formatTime(row.original.startedAt, "dateTime", { zone: true })}
            </span>
          ) : (
            <span className="text-zinc-400">—</span>
          ),
      },
      {
        accessorKey: "durationSeconds",
        header: t("columns.duration"),
        meta: { numeric: true },
        sortUndefined: "last",
        enableGlobalFilter: false,
        cell: ({ getValue }) =>
          getValue<number | null>() === null ? "—" : <span className="font-mono text-[12.5px]">{hms(getValue<number>())}</span>,
      },
      {
        accessorKey: "samples",
        header: t("columns.samples"),
        meta: { numeric: true },
        sortUndefined: "last",
        enableGlobalFilter: false,
        cell: ({ getValue }) => (getValue<number | null>() === null ? "—" : format.number(getValue<number>())),
      },
      {
        accessorKey: "errorPct",
        header: t("columns.errorPct"),
        meta: { numeric: true, unit: "%" },
        sortUndefined: "last",
        enableGlobalFilter: false,
        cell: ({ getValue }) => {
          const pct = getValue<number | null>();
          if (pct === null) return "—";
          // The shown figure is compared, so the mark and the number always agree (lib/run-metrics/run-health.ts).
          if (pct >= HIGH_ERROR_SHARE_PCT) {
            const warning = t("highErrorShare", { pct: HIGH_ERROR_SHARE_PCT });
            return (
              <span className="inline-flex items-center gap-1 font-medium text-red-700" title={warning} data-testid="high-error-share">
                <span aria-hidden className="text-amber-600">
                  ⚠
                </span>
                <span className="sr-only">{warning}</span>
                {pct.toFixed(2)}
              </span>
            );
          }
          return <span className={pct > 0 ? "text-red-700" : "text-zinc-500"}>{pct.toFixed(2)}</span>;
        },
      },
      {
        accessorKey: "startedByName",
        header: t("columns.startedBy"),
        cell: ({ getValue }) => <span className="text-zinc-600">{getValue<string | null>() ?? "—"}</span>,
      },
    ],
    [t, format, formatTime],
  );
  const select = `${FIELD_CLASS} h-8 text-[13px] pr-8`;
  return (
    <DataTable
      label="runs"
      columns={columns}
      data={data}
      filtered={Boolean(status || moduleId)}
      getRowId={(row) => row.id}
      searchPlaceholder={t("searchPlaceholder")}
      toolbar={
        <div className="flex items-center gap-2">
          <label className="sr-only" htmlFor="runs-status">
            {t("filterStatus")}
          </label>
          <div className="w-36">
            <select id="runs-status" className={select} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t("allStatuses")}</option>
              {RUN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="sr-only" htmlFor="runs-module">
            {t("filterModule")}
          </label>
          <div className="w-44">
            <select id="runs-module" className={select} value={moduleId} onChange={(e) => setModuleId(e.target.value)}>
              <option value="">{t("allModules")}</option>
              {modules.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
      }
    />
  );
}
