"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { TBody, TD, TH, THead, TR, Table } from "@/app/_components/ui/table";
import type { TComparison } from "@/lib/reports/compare-report";
import type { TCompareRow, TDelta } from "@/lib/reports/compare-rule";
import { compareAction } from "@/app/(dashboard)/reports/actions";

export interface TBaselineOption {
  kind: "report" | "run";
  id: string;
  label: string;
}

/** This round against a baseline round or run: deltas per module and label, flagged beyond noise. */
export function ComparePanel({ reportId, options }: { reportId: string; options: TBaselineOption[] }) {
  const t = useTranslations("reports.compare");
  const format = useFormatter();
  const [choice, setChoice] = useState(options[0] ? `${options[0].kind}:${options[0].id}` : "");
  const [result, setResult] = useState<TComparison>();
  const [error, setError] = useState<string>();
  const [scope, setScope] = useState<"modules" | "labels">("modules");
  const [isPending, startTransition] = useTransition();

  const onCompare = () =>
    startTransition(async () => {
      const [kind, id] = [choice.slice(0, choice.indexOf(":")), choice.slice(choice.indexOf(":") + 1)];
      const res = await compareAction(reportId, kind === "run" ? { runId: id } : { reportId: id });
      if (isActionError(res)) {
        setError(res.error);
        setResult(undefined);
      } else {
        setError(undefined);
        setResult(res.data);
      }
    });

  const rows = result ? (scope === "modules" ? result.modules : result.labels) : [];
  const flagged = rows.filter((r) => r.isFlagged).length;

  return (
    <section aria-labelledby="compare-title" className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3">
        <div>
          <h2 id="compare-title" className="text-sm font-semibold text-zinc-900">
            {t("title")}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500">{t("description")}</p>
        </div>
        <div className="flex items-center gap-2">
          <div className="w-72 shrink-0">
            <select
              aria-label={t("baseline")}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              className={cn(FIELD_CLASS, "h-8 text-[13px]")}
            >
              {options.length === 0 ? <option value="">{t("noBaselines")}</option> : null}
              <optgroup label={t("rounds")}>
                {options
                  .filter((o) => o.kind === "report")
                  .map((o) => (
                    <option key={o.id} value={`report:${o.id}`}>
                      {o.label}
                    </option>
                  ))}
              </optgroup>
              <optgroup label={t("runs")}>
                {options
                  .filter((o) => o.kind === "run")
                  .map((o) => (
                    <option key={o.id} value={`run:${o.id}`}>
                      {o.label}
                    </option>
                  ))}
              </optgroup>
            </select>
          </div>
          <Button size="sm" variant="outline" onClick={onCompare} disabled={isPending || !choice}>
            {t("run")}
          </Button>
        </div>
      </header>
      {error ? (
        <p role="alert" className="px-4 py-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-xs text-zinc-500">
            <span>
              {t("bands", {
                rate: format.number(result.bands.ratePct, { maximumFractionDigits: 1 }),
                latency: format.number(result.bands.latencyPct, { maximumFractionDigits: 1 }),
                err: format.number(result.bands.errPp, { maximumFractionDigits: 2 }),
              })}{" "}
              · {t("flagged", { count: flagged })}
            </span>
            <div className="inline-flex rounded-md bg-zinc-100 p-0.5">
              {(["modules", "labels"] as const).map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-pressed={scope === s}
                  onClick={() => setScope(s)}
                  className={cn(
                    "rounded px-2 py-0.5 font-medium",
                    scope === s ? "bg-white text-zinc-900 shadow-xs" : "hover:text-zinc-900",
                  )}
                >
                  {t(s)}
                </button>
              ))}
            </div>
          </div>
          <Table aria-label={t("title")}>
            <THead>
              <tr>
                <TH>{t("module")}</TH>
                {scope === "labels" ? <TH>{t("label")}</TH> : null}
                <TH numeric>{t("rate")}</TH>
                <TH numeric>{t("avg")}</TH>
                <TH numeric>p95 (ms)</TH>
                <TH numeric>{t("err")}</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((r) => (
                <CompareRow key={r.key} row={r} showLabel={scope === "labels"} />
              ))}
            </TBody>
          </Table>
        </>
      ) : null}
    </section>
  );
}

function CompareRow({ row, showLabel }: { row: TCompareRow; showLabel: boolean }) {
  const t = useTranslations("reports.compare");
  return (
    <TR className={row.isFlagged ? "bg-amber-50/40" : undefined}>
      <TD className="font-medium whitespace-nowrap">
        {row.module}
        {!row.baseline ? <span className="ml-2 text-xs font-normal text-zinc-400">{t("onlyCurrent")}</span> : null}
        {!row.current ? <span className="ml-2 text-xs font-normal text-zinc-400">{t("onlyBaseline")}</span> : null}
      </TD>
      {showLabel ? (
        <TD className="max-w-64 truncate text-zinc-600" title={row.label ?? ""}>
          {row.label}
        </TD>
      ) : null}
      <DeltaCell d={row.rate} digits={1} />
      <DeltaCell d={row.avg} digits={0} />
      <DeltaCell d={row.p95} digits={0} />
      <DeltaCell d={row.errPct} digits={2} points />
    </TR>
  );
}

function DeltaCell({ d, digits, points }: { d: TDelta; digits: number; points?: boolean }) {
  const format = useFormatter();
  const n = (v: number | null) => (v === null ? "—" : format.number(v, { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const change = points
    ? d.delta === null
      ? null
      : `${d.delta >= 0 ? "+" : ""}${format.number(d.delta, { maximumFractionDigits: 2 })} pp`
    : d.deltaPct === null
      ? null
      : `${d.deltaPct >= 0 ? "+" : ""}${format.number(d.deltaPct, { maximumFractionDigits: 1 })} %`;
  return (
    <TD numeric>
      <span className="text-zinc-400">{n(d.baseline)} → </span>
      <span>{n(d.current)}</span>
      {change ? (
        <span
          className={cn(
            "ml-2 inline-block min-w-16 rounded px-1 text-xs",
            d.isFlagged ? (d.isWorse ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-700") : "text-zinc-400",
          )}
        >
          {d.isFlagged && d.delta !== null ? (d.delta > 0 ? "▲ " : "▼ ") : ""}
          {change}
        </span>
      ) : null}
    </TD>
  );
}
