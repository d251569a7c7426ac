"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import type { TLabelRow } from "./results-view";
import { PERCENTILES } from "@/lib/engine/metrics/types";
import { avg, ms } from "./run-format";
import { ErrorPct } from "./summary-table";

type TKindFilter = "all" | "request" | "transaction";

/**
 * Label rows rendered at a time (sort and search still cover every label): a run with hundreds of
 * labels hydrates and re-sorts this many rows, not all of them. 25, not 50: at 50 the rows were
 * most of a 200-label run page's DOM, and halving them took about 7 % off the main thread's work
 * before the first sort (HTML, layout, hydration, the sort's re-render; bench/results.md).
 */
export const LABEL_ROWS_PER_PAGE = 25;

/**
 * Per-label results (JMeter's Aggregate Report): requests and transactions told apart by a kind
 * badge and a kind filter; sort any column, filter by label or module.
 */
export function LabelsTable({ labels }: { labels: TLabelRow[] }) {
  const t = useTranslations("runs.results");
  const [kind, setKind] = useState<TKindFilter>("all");
  const rows = useMemo(() => labels.filter((l) => isResponseKind(l.kind) && (kind === "all" || l.kind === kind)), [labels, kind]);
  const columns = useFigureColumns("labels");
  const hasTransactions = labels.some((l) => l.kind === "transaction");
  return (
    <DataTable
      label="labels"
      columns={columns}
      data={rows}
      getRowId={(r) => `${r.kind}:${r.module}:${r.label}`}
      searchPlaceholder={t("searchLabels")}
      pageSize={LABEL_ROWS_PER_PAGE}
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

/** Requests and transactions: rendezvous waits and iteration start lag have sections of their own. */
function isResponseKind(kind: TLabelRow["kind"]): boolean {
  return kind === "request" || kind === "transaction";
}

/**
 * Iteration start lag per scenario (with pacing): iterations, the share that started on time,
 * avg / p95 / max lateness in ms.
 */
export function IterationLagTable({ labels }: { labels: TLabelRow[] }) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const rows = useMemo(() => labels.filter((l) => l.kind === "iteration_lag"), [labels]);
  const columns = useMemo<ColumnDef<TLabelRow>[]>(() => {
    const num = (key: keyof TLabelRow, header: string, render: (v: number) => React.ReactNode, unit?: string): ColumnDef<TLabelRow> => ({
      accessorKey: key,
      header,
      meta: { numeric: true, ...(unit ? { unit } : {}) },
      sortDescFirst: true,
      enableGlobalFilter: false,
      cell: ({ getValue }) => render(getValue<number>()),
    });
    return [
      {
        id: "label",
        accessorFn: (r) => `${r.label} ${r.module}`,
        header: t("lagScenario"),
        cell: ({ row }) => (
          <div className="min-w-0">
            <div className="truncate font-medium text-zinc-900">{row.original.label}</div>
            <div className="truncate text-[11px] text-zinc-500">{row.original.module}</div>
          </div>
        ),
      },
      num("samples", t("lagIterations"), (v) => format.number(v)),
      num(
        "onTimePct",
        t("lagOnTime"),
        (v) => <span data-testid="lag-on-time">{format.number(v ?? 0, { maximumFractionDigits: 1, minimumFractionDigits: 1 })}</span>,
        "%",
      ),
      num("avgMs", t("avg"), avg, "ms"),
      num("p95Ms", "p95", ms, "ms"),
      num("maxMs", t("max"), ms, "ms"),
    ];
  }, [t, format]);
  return <DataTable label="iteration-lag" columns={columns} data={rows} getRowId={(r) => `${r.module}:${r.label}`} searchable={false} />;
}

/** Time spent waiting at rendezvous points: its own figure, never inside a response time. */
export function RendezvousWaitsTable({ labels }: { labels: TLabelRow[] }) {
  const rows = useMemo(() => labels.filter((l) => l.kind === "rendezvous_wait"), [labels]);
  const columns = useFigureColumns("waits");
  return <DataTable label="rendezvous-waits" columns={columns} data={rows} getRowId={(r) => `${r.module}:${r.label}`} searchable={false} />;
}

function useFigureColumns(variant: "labels" | "waits") {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  return useMemo<ColumnDef<TLabelRow>[]>(() => {
    const num = (key: keyof TLabelRow, header: string, unit?: string, render?: (v: number) => React.ReactNode): ColumnDef<TLabelRow> => ({
      accessorKey: key,
      header,
      meta: { numeric: true, ...(unit ? { unit } : {}) },
      sortDescFirst: true,
      enableGlobalFilter: false,
      cell: ({ getValue }) => (render ?? ms)(getValue<number>()),
    });
    const label: ColumnDef<TLabelRow> = {
      id: "label",
      // Search matches the label, its module and its URL; sorting goes by the label first.
      accessorFn: (r) => `${r.label} ${r.module} ${r.method ?? ""} ${r.url ?? ""}`,
      header: variant === "waits" ? t("rendezvous") : t("label"),
      meta: { className: "max-w-[19rem]" },
      cell: ({ row }) => {
        const l = row.original;
        return (
          <div className="min-w-0">
            <div className="flex min-w-0 items-center gap-2">
              <span className="truncate font-medium text-zinc-900" title={l.label}>
                {l.label}
              </span>
              {variant === "labels" ? (
                <Badge tone={l.kind === "transaction" ? "info" : "neutral"} className="font-normal">
                  <span data-testid="label-kind">{t(`kinds.${l.kind}`)}</span>
                </Badge>
              ) : null}
            </div>
            <div className="truncate text-[11px] text-zinc-500" title={l.url ? `${l.method ?? ""} ${l.url}` : l.module}>
              {l.module}
              {l.url && l.url !== l.label ? (
                <span className="font-mono">
                  {" · "}
                  {l.method ? `${l.method} ` : ""}
                  {l.url}
                </span>
              ) : null}
            </div>
          </div>
        );
      },
    };
    const columns: ColumnDef<TLabelRow>[] = [label];
    // Seven time columns: the unit is said once, in the section's hint, so the table fits.
    columns.push(
      num("samples", t("samples"), undefined, (v) => format.number(v)),
      num("avgMs", t("avg"), undefined, avg),
      num("minMs", t("min")),
      num("maxMs", t("max")),
      ...PERCENTILES.map((p) => num(`p${p}Ms`, `p${p}`)),
    );
    if (variant === "labels")
      columns.push(
        {
          ...num("errorPct", t("errorPct"), "%"),
          cell: ({ row }) => <ErrorPct errors={row.original.errors} samples={row.original.samples} />,
        },
        num("ratePerSec", t("rate"), "/s", (v) => format.number(v, { maximumFractionDigits: 1, minimumFractionDigits: 1 })),
      );
    return columns;
  }, [t, format, variant]);
}
