"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useMemo, useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { PROBLEM_STATUSES, SEVERITIES, type TProblemRow } from "@/lib/problems/problem.types";
import { PROBLEM_SEVERITY_TONE, PROBLEM_STATUS_TONE } from "@/app/(dashboard)/reports/_components/problem-tones";
import { ProblemDialog } from "./problem-dialogs";
import type { TModuleOption } from "./problem-edit-form";

type TStatusFilter = "open_group" | "all" | (typeof PROBLEM_STATUSES)[number];

/** Problems: sortable columns, search, status / severity filters; a row opens its history. */
export function ProblemsTable({ rows, modules, openNumber }: { rows: TProblemRow[]; modules: TModuleOption[]; openNumber?: number }) {
  const t = useTranslations("problems");
  const ts = useTranslations("problems.status");
  const tsev = useTranslations("problems.severity");
  const formatTime = useFormatTime();
  const [status, setStatus] = useState<TStatusFilter>(openNumber ? "all" : "open_group");
  const [severity, setSeverity] = useState<string>("all");
  const [openId, setOpenId] = useState<string | undefined>(() => rows.find((r) => r.number === openNumber)?.id);

  const data = useMemo(
    () =>
      rows.filter(
        (r) =>
          (status === "all" || (status === "open_group" ? r.status === "open" || r.status === "in_progress" : r.status === status)) &&
          (severity === "all" || r.severity === severity),
      ),
    [rows, status, severity],
  );

  const columns = useMemo<ColumnDef<TProblemRow>[]>(
    () => [
      {
        accessorKey: "number",
        header: t("columns.number"),
        meta: { numeric: true, className: "w-16" },
        cell: ({ getValue }) => <span className="text-zinc-500">#{getValue<number>()}</span>,
      },
      {
        accessorKey: "title",
        header: t("columns.title"),
        meta: { className: "min-w-72" },
        cell: ({ row }) => (
          <button
            type="button"
            onClick={() => setOpenId(row.original.id)}
            className="text-left font-medium text-zinc-900 hover:text-accent hover:underline"
          >
            {row.original.title}
            {row.original.latestNote?.body ? (
              <span className="mt-0.5 block max-w-xl truncate text-xs font-normal text-zinc-500">{row.original.latestNote.body}</span>
            ) : null}
          </button>
        ),
      },
      {
        accessorKey: "status",
        header: t("columns.status"),
        sortingFn: (a, b) => PROBLEM_STATUSES.indexOf(a.original.status) - PROBLEM_STATUSES.indexOf(b.original.status),
        cell: ({ row }) => <Badge tone={PROBLEM_STATUS_TONE[row.original.status]}>{ts(row.original.status)}</Badge>,
      },
      {
        accessorKey: "severity",
        header: t("columns.severity"),
        sortingFn: (a, b) => SEVERITIES.indexOf(a.original.severity) - SEVERITIES.indexOf(b.original.severity),
        cell: ({ row }) => <Badge tone={PROBLEM_SEVERITY_TONE[row.original.severity]}>{tsev(row.original.severity)}</Badge>,
      },
      {
        id: "modules",
        accessorFn: (r) => r.modules.map((m) => m.name).join(", "),
        header: t("columns.modules"),
        enableSorting: false,
        cell: ({ getValue }) => <span className="text-zinc-600">{getValue<string>() || "—"}</span>,
      },
      {
        accessorKey: "owner",
        header: t("columns.owner"),
        cell: ({ getValue }) => <span className="text-zinc-600">{getValue<string | null>() ?? "—"}</span>,
      },
      {
        id: "round",
        accessorFn: (r) => r.report?.date ?? "",
        header: t("columns.firstReported"),
        cell: ({ row }) =>
          row.original.report ? (
            <span className="block max-w-48 truncate text-zinc-600" title={row.original.report.name}>
              <span className="font-mono text-[13px] tabular-nums">{row.original.report.date}</span> · {row.original.report.name}
            </span>
          ) : (
            "—"
          ),
      },
      {
        accessorKey: "updatedAt",
        header: t("columns.updatedAt"),
        enableGlobalFilter: false,
        meta: { numeric: true },
        cell: ({ getValue }) => formatTime(getValue<string>(), "dateTime", { zone: true }),
      },
    ],
    [t, ts, tsev, formatTime],
  );

  const select = (label: string, value: string, onChange: (v: string) => void, options: [string, string][]) => (
    <div className="w-48 shrink-0">
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} className={cn(FIELD_CLASS, "h-8 text-[13px]")}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <DataTable
        columns={columns}
        data={data}
        getRowId={(r) => r.id}
        initialSorting={[{ id: "number", desc: true }]}
        searchPlaceholder={t("searchPlaceholder")}
        label={t("title")}
        toolbar={
          <div className="flex items-center gap-2">
            {select(t("filterStatus"), status, (v) => setStatus(v as TStatusFilter), [
              ["open_group", t("filters.openGroup")],
              ["all", t("filters.all")],
              ...PROBLEM_STATUSES.map((s): [string, string] => [s, ts(s)]),
            ])}
            {select(t("filterSeverity"), severity, setSeverity, [
              ["all", t("filters.anySeverity")],
              ...SEVERITIES.map((s): [string, string] => [s, tsev(s)]),
            ])}
          </div>
        }
      />
      <ProblemDialog problemId={openId} modules={modules} onClose={() => setOpenId(undefined)} />
    </>
  );
}
