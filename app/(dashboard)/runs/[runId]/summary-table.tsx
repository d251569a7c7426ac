"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import type { TModuleSummary, TSummaryRow } from "@/lib/engine/metrics/types";
import { formatHalfEven } from "@/lib/engine/metrics/summary-line";
import { errorPercent } from "@/lib/run-metrics/figures";
import { CopyButton } from "./summary-lines";

type TRow = TModuleSummary & { isTotal?: boolean };

/**
 * 模块压测情况: one row per module with JMeter's `summary =` line exactly as JMeter writes it
 * (monospace, copyable), plus the run total; "Copy table" gives the daily report's Markdown rows.
 */
export function SummaryTable({ modules, total }: { modules: TModuleSummary[]; total: TSummaryRow }) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const rows = useMemo<TRow[]>(
    () => (modules.length > 1 ? [...modules, { ...total, module: t("total"), isTotal: true }] : modules),
    [modules, total, t],
  );
  const markdown = useMemo(
    () =>
      [`| ${t("module")} | ${t("summaryLine")} |`, "| :--- | :--- |", ...modules.map((m) => `| ${m.module} | ${m.summaryLine} |`)].join(
        "\n",
      ),
    [modules, t],
  );
  const columns = useMemo<ColumnDef<TRow>[]>(
    () => [
      {
        accessorKey: "module",
        header: t("module"),
        meta: { className: "whitespace-nowrap" },
        cell: ({ row }) => (
          <span className={row.original.isTotal ? "font-semibold text-zinc-900" : "font-medium text-zinc-900"}>{row.original.module}</span>
        ),
      },
      {
        accessorKey: "samples",
        header: t("samples"),
        meta: { numeric: true },
        cell: ({ getValue }) => format.number(getValue<number>()),
      },
      {
        accessorKey: "errorPct",
        header: t("errorPct"),
        meta: { numeric: true, unit: "%" },
        cell: ({ row }) => <ErrorPct errors={row.original.errors} samples={row.original.samples} />,
      },
      {
        accessorKey: "summaryLine",
        header: t("summaryLine"),
        enableSorting: false,
        cell: ({ getValue }) => (
          <div className="flex items-center gap-2">
            <code className="font-mono text-[12px] whitespace-pre text-zinc-800 select-all" data-testid="module-summary-line">
              {getValue<string>()}
            </code>
            <CopyButton text={getValue<string>()} label={t("copy")} />
          </div>
        ),
      },
    ],
    [t, format],
  );
  return (
    <DataTable
      label="module-summary"
      columns={columns}
      data={rows}
      getRowId={(r) => (r.isTotal ? "__total" : r.module)}
      searchable={modules.length > 8}
      toolbar={<CopyButton text={markdown} label={t("copyMarkdown")} />}
    />
  );
}

/**
 * Error % as every view shows it (lib/run-metrics/figures.ts: two decimals, half-even, from the counts).
 * `value` (a percentage already computed) is for figures without counts, such as live rates.
 */
export function ErrorPct(props: { errors: number; samples: number } | { value: number }) {
  const pct = "value" in props ? Number(formatHalfEven(props.value, 2)) : errorPercent(props.errors, props.samples);
  return <span className={pct > 0 ? "text-red-700" : "text-zinc-500"}>{pct.toFixed(2)}</span>;
}
