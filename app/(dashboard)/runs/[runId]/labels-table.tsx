"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import type { TLabelSummary } from "@/lib/engine/metrics/types";
import { ms } from "./run-format";
import { ErrorPct } from "./summary-table";

type TKindFilter = "all" | "request" | "transaction";

/**
 * Per-label results (JMeter's Aggregate Report): requests and transactions told apart by a kind
 * badge and a kind filter; sort any column, filter by label or module.
 */
export function LabelsTable({ labels }: { labels: TLabelSummary[] }) {
  const t = useTranslations("runs.results");
  const [kind, setKind] = useState<TKindFilter>("all");
  const rows = useMemo(() => labels.filter((l) => l.kind !== "rendezvous_wait" && (kind === "all" || l.kind === kind)), [labels, kind]);
  const columns = useFigureColumns("labels");
  const hasTransactions = labels.some((l) => l.kind === "transaction");
  return (
    <DataTable
      label="labels"
      columns={columns}
      data={rows}
      getRowId={(r) => `${r.kind}:${r.module}:${r.label}`}
      searchPlaceholder={t("searchLabels")}
      toolbar={
        hasTransactions ? (
          <div role="radiogroup" aria-label={t("kindFilter")} className="inline-flex h-8 items-center rounded-md bg-zinc-100 p-0.5">
            {(["all", "request", "transaction"] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                onClick={() => setKind(k)}
                className={
                  kind === k
                    ? "h-7 rounded px-2.5 text-xs font-medium text-zinc-900 shadow-xs bg-white"
                    : "h-7 rounded px-2.5 text-xs font-medium text-zinc-600 hover:text-zinc-900"
                }
              >
                {t(`kinds.${k}`)}
              </button>
            ))}
          </div>
        ) : null
      }
    />
  );
}

/** Time spent waiting at rendezvous points: its own figure, never inside a response time. */
export function RendezvousWaitsTable({ labels }: { labels: TLabelSummary[] }) {
  const rows = useMemo(() => labels.filter((l) => l.kind === "rendezvous_wait"), [labels]);
  const columns = useFigureColumns("waits");
  return <DataTable label="rendezvous-waits" columns={columns} data={rows} getRowId={(r) => `${r.module}:${r.label}`} searchable={false} />;
}

function useFigureColumns(variant: "labels" | "waits") {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  return useMemo<ColumnDef<TLabelSummary>[]>(() => {
    const num = (key: keyof TLabelSummary, header: string, unit?: string, render?: (v: number) => React.ReactNode): ColumnDef<TLabelSummary> => ({
      accessorKey: key,
      header,
      meta: { numeric: true, ...(unit ? { unit } : {}) },
      sortDescFirst: true,
      enableGlobalFilter: false,
      cell: ({ getValue }) => (render ?? ms)(getValue<number>()),
    });
    const label: ColumnDef<TLabelSummary> = {
      accessorKey: "label",
      header: variant === "waits" ? t("rendezvous") : t("label"),
      meta: { filterable: variant === "labels", label: t("label"), className: "max-w-[22rem]" },
      cell: ({ row }) => (
        <div className="min-w-0">
          <div className="truncate font-medium text-zinc-900" title={row.original.label}>
            {row.original.label}
          </div>
          {row.original.url && row.original.url !== row.original.label ? (
            <div className="truncate font-mono text-[11px] text-zinc-500" title={row.original.url}>
              {row.original.method ? `${row.original.method} ` : ""}
              {row.original.url}
            </div>
          ) : null}
        </div>
      ),
    };
    const columns: ColumnDef<TLabelSummary>[] = [
      label,
      { accessorKey: "module", header: t("module"), meta: { filterable: variant === "labels", label: t("module") }, cell: ({ getValue }) => <span className="text-zinc-600">{getValue<string>()}</span> },
    ];
    if (variant === "labels")
      columns.push({
        accessorKey: "kind",
        header: t("kind"),
        enableGlobalFilter: false,
        cell: ({ getValue }) => {
          const kind = getValue<string>();
          return (
            <Badge tone={kind === "transaction" ? "info" : "neutral"} className="font-normal">
              <span data-testid="label-kind">{t(`kinds.${kind}`)}</span>
            </Badge>
          );
        },
      });
    columns.push(
      num("samples", t("samples"), undefined, (v) => format.number(v)),
      num("avgMs", t("avg"), "ms"),
      num("minMs", t("min"), "ms"),
      num("maxMs", t("max"), "ms"),
      num("p50Ms", "p50", "ms"),
      num("p90Ms", "p90", "ms"),
      num("p95Ms", "p95", "ms"),
      num("p99Ms", "p99", "ms"),
    );
    if (variant === "labels")
      columns.push(
        num("errorPct", t("errorPct"), "%", (v) => <ErrorPct value={v} />),
        num("ratePerSec", t("rate"), "/s", (v) => format.number(v, { maximumFractionDigits: 1, minimumFractionDigits: 1 })),
      );
    return columns;
  }, [t, format, variant]);
}
