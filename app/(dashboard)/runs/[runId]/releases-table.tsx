"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Badge } from "@/app/_components/ui/badge";
import type { TRendezvousRelease } from "@/lib/engine/metrics/types";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { clock, ms } from "./run-format";

interface TReleaseRow extends TRendezvousRelease {
  name: string;
  /** Seconds since the run's first second. */
  t: number;
}

/** A table of thousands of releases helps nobody: the first ones are listed, the count is said. */
const MAX_ROWS = 100;

/** Rendezvous releases: when, how many VUs went at once, why (policy / timeout / stop / unreachable), skew. */
export function ReleasesTable({
  rendezvous,
  baseSecond,
}: {
  rendezvous: { name: string; releases: TRendezvousRelease[] }[];
  baseSecond: number;
}) {
  const t = useTranslations("runs.results");
  const format = useFormatter();
  const formatTime = useFormatTime();
  const all = useMemo<TReleaseRow[]>(
    () =>
      rendezvous.flatMap((r) => r.releases.map((x) => ({ ...x, name: r.name, t: x.at / 1000 - baseSecond }))).sort((a, b) => a.at - b.at),
    [rendezvous, baseSecond],
  );
  const rows = all.slice(0, MAX_ROWS);
  const columns = useMemo<ColumnDef<TReleaseRow>[]>(
    () => [
      {
        accessorKey: "name",
        header: t("rendezvous"),
        cell: ({ getValue }) => <span className="font-medium text-zinc-900">{getValue<string>()}</span>,
      },
      {
        accessorKey: "t",
        header: t("time"),
        meta: { numeric: true },
        cell: ({ row }) => (
          <span title={formatTime(row.original.at, "dateTimeSeconds", { zone: true })}>
            <span className="font-mono">{clock(row.original.t)}</span>
            <span className="ml-2 text-zinc-400">{formatTime(row.original.at, "timeSeconds")}</span>
          </span>
        ),
      },
      {
        accessorKey: "released",
        header: t("released"),
        meta: { numeric: true, unit: t("vusUnit") },
        cell: ({ getValue }) => format.number(getValue<number>()),
      },
      {
        accessorKey: "reason",
        header: t("reason"),
        cell: ({ getValue }) => {
          const reason = getValue<string>();
          return (
            <Badge
              tone={reason === "policy" ? "success" : reason === "timeout" ? "warning" : reason === "unreachable" ? "danger" : "neutral"}
              className="font-normal"
            >
              {t(`reasons.${reason}`)}
            </Badge>
          );
        },
      },
      {
        accessorKey: "skewMs",
        header: t("skew"),
        meta: { numeric: true, unit: "ms" },
        sortUndefined: "last",
        cell: ({ getValue }) => (getValue<number | null>() === null ? "—" : ms(getValue<number>())),
      },
    ],
    [t, format, formatTime],
  );
  return (
    <div className="grid gap-2">
      <DataTable label="releases" columns={columns} data={rows} getRowId={(r) => `${r.name}@${r.at}`} searchable={all.length > 10} />
      {all.length > MAX_ROWS ? (
        <p className="text-xs text-zinc-500">{t("releasesCapped", { shown: MAX_ROWS, total: all.length })}</p>
      ) : null}
    </div>
  );
}
