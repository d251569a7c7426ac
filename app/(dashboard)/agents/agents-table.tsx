"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge, type TBadgeTone } from "@/app/_components/ui/badge";
import type { TAgentRow } from "@/lib/agents/find-agents";

const TONE: Record<TAgentRow["status"], TBadgeTone> = { idle: "success", busy: "info", suspect: "warning", lost: "danger" };

const ms = (v: number | null) => (v === null ? "—" : `${v >= 0 && v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);

export function AgentsTable({ rows }: { rows: TAgentRow[] }) {
  const t = useTranslations("agents");
  const format = useFormatter();
  const columns = useMemo<ColumnDef<TAgentRow>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("columns.name"),
        meta: { filterable: true, label: t("columns.name") },
        cell: ({ row }) => <span className="font-medium text-zinc-900">{row.original.name}</span>,
      },
      {
        accessorKey: "status",
        header: t("columns.status"),
        cell: ({ row }) => (
          <Badge tone={TONE[row.original.status]} pulse={row.original.status === "busy"}>
            {t(`status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: "labels",
        header: t("columns.labels"),
        enableSorting: false,
        accessorFn: (r) =>
          Object.entries(r.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(" "),
        cell: ({ getValue }) => <span className="font-mono text-xs text-zinc-600">{(getValue() as string) || "—"}</span>,
      },
      {
        accessorKey: "clockOffsetMs",
        header: t("columns.clockOffset"),
        cell: ({ row }) => <span className="tabular-nums">{ms(row.original.clockOffsetMs)}</span>,
      },
      { accessorKey: "rttMs", header: t("columns.rtt"), cell: ({ row }) => <span className="tabular-nums">{ms(row.original.rttMs)}</span> },
      {
        accessorKey: "cpuPct",
        header: t("columns.cpu"),
        cell: ({ row }) => (
          <span className="tabular-nums">{row.original.cpuPct === null ? "—" : `${row.original.cpuPct.toFixed(0)} %`}</span>
        ),
      },
      {
        accessorKey: "lastSeenAt",
        header: t("columns.lastSeen"),
        cell: ({ row }) => (
          <span className="text-zinc-600">
            {format.dateTime(new Date(row.original.lastSeenAt), { dateStyle: "medium", timeStyle: "medium" })}
          </span>
        ),
      },
      {
        accessorKey: "runId",
        header: t("columns.run"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.runId ? (
            <Link className="text-sky-700 hover:underline" href={`/runs/${row.original.runId}`}>
              {t("openRun")}
            </Link>
          ) : (
            "—"
          ),
      },
      {
        accessorKey: "version",
        header: t("columns.version"),
        cell: ({ row }) => <span className="text-zinc-500">{row.original.version}</span>,
      },
    ],
    [t, format],
  );
  return (
    <DataTable columns={columns} data={rows} getRowId={(r) => r.id} label={t("title")} initialSorting={[{ id: "name", desc: false }]} />
  );
}
