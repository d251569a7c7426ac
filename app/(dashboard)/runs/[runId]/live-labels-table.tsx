"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import type { TLiveFigures, TLiveLabelRow } from "@/lib/runs/load-live-labels";
import { ms } from "./run-format";
import { ErrorPct } from "./summary-table";

/** A row with its figures flattened, so every column sorts by a plain accessor. */
type TRow = TLiveLabelRow & { [K in `r_${keyof TLiveFigures}`]: number | null };

/**
 * The live per-label table: each request and transaction label since the start and over the last
 * 10 s (sortable, searchable), with a box per row to draw that label's response time.
 */
export function LiveLabelsTable({
  labels,
  picked,
  maxPicked,
  onPick,
  colorOf,
}: {
  labels: TLiveLabelRow[];
  picked: number[];
  maxPicked: number;
  onPick: (index: number, isPicked: boolean) => void;
  colorOf: (index: number) => string | undefined;
}) {
  const t = useTranslations("runs.liveLabels");
  const format = useFormatter();
  const rows = useMemo<TRow[]>(
    () =>
      labels.map((l) => ({
        ...l,
        r_samples: l.recent?.samples ?? null,
        r_ratePerSec: l.recent?.ratePerSec ?? null,
        r_avgMs: l.recent?.avgMs ?? null,
        r_p95Ms: l.recent?.p95Ms ?? null,
        r_errorPct: l.recent?.errorPct ?? null,
      })),
    [labels],
  );
  const isFull = picked.length >= maxPicked;
  const columns = useMemo<ColumnDef<TRow>[]>(() => {
    const dash = <span className="text-zinc-300">—</span>;
    const rate = (v: number) => format.number(v, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    const count = (v: number) => format.number(v);
    const num = (
      id: string,
      get: (r: TRow) => number | null,
      header: string,
      render: (v: number) => React.ReactNode,
      unit?: string,
      isRecent = false,
    ): ColumnDef<TRow> => ({
      id,
      accessorFn: get,
      header,
      meta: { numeric: true, ...(unit ? { unit } : {}), ...(isRecent ? { className: "bg-zinc-50/70" } : {}) },
      sortDescFirst: true,
      sortUndefined: "last",
      enableGlobalFilter: false,
      cell: ({ getValue }) => {
        const v = getValue<number | null>();
        return v === null ? dash : render(v);
      },
    });
    return [
      {
        id: "pick",
        header: () => <span className="sr-only">{t("draw")}</span>,
        enableSorting: false,
        enableGlobalFilter: false,
        cell: ({ row }) => {
          const isPicked = picked.includes(row.original.index);
          const color = colorOf(row.original.index);
          return (
            <label
              className="inline-flex items-center gap-1.5"
              title={isPicked ? t("undraw") : isFull ? t("drawFull", { max: maxPicked }) : t("draw")}
            >
              <input
                type="checkbox"
                className="size-3.5 accent-zinc-700"
                checked={isPicked}
                disabled={!isPicked && isFull}
                onChange={(e) => onPick(row.original.index, e.target.checked)}
                aria-label={t("drawLabel", { label: row.original.label })}
                data-testid="live-label-pick"
              />
              <span aria-hidden className="inline-block h-0.5 w-3 rounded" style={{ background: isPicked ? color : "transparent" }} />
            </label>
          );
        },
      },
      {
        id: "label",
        accessorFn: (r) => `${r.label} ${r.module}`,
        header: t("label"),
        meta: { className: "max-w-[16rem]" },
        cell: ({ row }) => (
          <div className="min-w-0">
            <div className="flex min-w-0 items-center gap-2">
              <span className="truncate font-medium text-zinc-900" title={row.original.label} data-testid="live-label-name">
                {row.original.label}
              </span>
              {row.original.kind === "transaction" ? (
                <Badge tone="info" className="font-normal">
                  {t("transaction")}
                </Badge>
              ) : null}
            </div>
            <div className="truncate text-[11px] text-zinc-500">{row.original.module}</div>
          </div>
        ),
      },
      num("samples", (r) => r.total.samples, t("samples"), count),
      num("rate", (r) => r.total.ratePerSec, t("rate"), rate, "/s"),
      num("avg", (r) => r.total.avgMs, t("avg"), ms, "ms"),
      num("p95", (r) => r.total.p95Ms, "p95", ms, "ms"),
      num(
        "err",
        (r) => r.total.errorPct,
        t("errorPct"),
        (v) => <ErrorPct value={v} />,
        "%",
      ),
      num("recentRate", (r) => r.r_ratePerSec, t("recentRate"), rate, "/s", true),
      num("recentAvg", (r) => r.r_avgMs, t("recentAvg"), ms, "ms", true),
      num("recentP95", (r) => r.r_p95Ms, t("recentP95"), ms, "ms", true),
      num(
        "recentErr",
        (r) => r.r_errorPct,
        t("recentErr"),
        (v) => <ErrorPct value={v} />,
        "%",
        true,
      ),
    ];
  }, [t, format, picked, isFull, maxPicked, onPick, colorOf]);
  return (
    <DataTable
      label="live-labels"
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.index)}
      initialSorting={[{ id: "samples", desc: true }]}
      searchPlaceholder={t("search")}
      pageSize={50}
    />
  );
}
