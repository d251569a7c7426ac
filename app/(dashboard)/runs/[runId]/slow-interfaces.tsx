"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Input } from "@/app/_components/ui/input";
import { slowInterfaceKey, slowInterfaces, type TSlowInterface } from "@/lib/run-metrics/slow-interfaces";
import type { TLabelRow } from "./results-view";
import { Section } from "./section";

/**
 * 接口平均响应时间大于3s的接口 by the one rule (lib/run-metrics/slow-interfaces.ts): interfaces (method +
 * URL, else label) whose average, as shown, is over the threshold, slowest first. The threshold starts at the setting (3000 ms unless an admin changed it)
 * and can be changed here for this view.
 */
export function SlowInterfaces({
  labels,
  defaultThresholdMs,
  source,
}: {
  labels: TLabelRow[];
  defaultThresholdMs: number;
  source: string;
}) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const inputId = useId();
  const [text, setText] = useState(String(defaultThresholdMs));
  const value = Number(text);
  const thresholdMs = Number.isFinite(value) && value > 0 ? value : defaultThresholdMs;
  const rows = useMemo(() => slowInterfaces(labels, thresholdMs), [labels, thresholdMs]);
  const columns = useMemo<ColumnDef<TSlowInterface>[]>(
    () => [
      {
        accessorKey: "url",
        header: t("interface"),
        cell: ({ row }) => (
          <div className="min-w-0">
            <div className="font-mono text-[12.5px] break-all text-zinc-900" data-testid="slow-url">
              {row.original.method ? <span className="mr-1.5 text-zinc-500">{row.original.method}</span> : null}
              {row.original.url}
            </div>
            {row.original.url !== row.original.label ? <div className="text-[11px] text-zinc-500">{row.original.label}</div> : null}
          </div>
        ),
      },
      { accessorKey: "module", header: t("module"), cell: ({ getValue }) => <span className="text-zinc-600">{getValue<string>()}</span> },
      {
        accessorKey: "samples",
        header: t("samples"),
        meta: { numeric: true },
        cell: ({ getValue }) => format.number(getValue<number>()),
      },
      {
        accessorKey: "avgMs",
        header: t("avg"),
        meta: { numeric: true, unit: "ms" },
        sortDescFirst: true,
        cell: ({ getValue }) => <span className="font-medium text-amber-800">{format.number(getValue<number>())}</span>,
      },
    ],
    [t, format],
  );
  return (
    <Section
      title={t("slowTitle")}
      hint={t("slowHint", { ms: format.number(thresholdMs) })}
      testId="slow-interfaces"
      flush
      actions={
        <label htmlFor={inputId} className="flex items-center gap-2 text-xs text-zinc-600">
          {t("slowThreshold")}
          <span className="w-24">
            <Input
              id={inputId}
              type="number"
              min={1}
              step={100}
              inputSize="sm"
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="text-right tabular-nums"
            />
          </span>
          ms
        </label>
      }
    >
      {rows.length ? (
        <DataTable
          label="slow-interfaces"
          columns={columns}
          data={rows}
          getRowId={(r) => slowInterfaceKey(r)}
          searchable={false}
          initialSorting={[{ id: "avgMs", desc: true }]}
        />
      ) : (
        <p
          className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-5 text-center text-sm text-zinc-500"
          data-testid="slow-empty"
        >
          {/* "None over the threshold" only where there are per-interface figures to compare (a summariser log has none). */}
          {hasInterfaceFigures(labels, source) ? t("slowNone", { ms: format.number(thresholdMs) }) : t("slowNoData", { source })}
        </p>
      )}
    </Section>
  );
}

/** Request labels to rank: any for engine runs and JTL files; a summariser log's rows only when they name a URL. */
function hasInterfaceFigures(labels: TLabelRow[], source: string): boolean {
  return labels.some((l) => l.kind === "request" && (source !== "jmeter_log" || !!l.url));
}
