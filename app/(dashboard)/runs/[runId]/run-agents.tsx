"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import type { TRunAgentRow } from "@/lib/agents/get-run-agents";

const fmt = (v: number | null, digits = 1, unit = "") => (v === null ? "—" : `${v.toFixed(digits)}${unit}`);

/**
 * The agents of a run on agents: which VUs each ran, its health (CPU, loop lag, saturated seconds),
 * clock and rendezvous skew, and when it was lost. Polls every 2 s while the run is live.
 */
export function RunAgents({ runId, initial, live }: { runId: string; initial: TRunAgentRow[]; live: boolean }) {
  const t = useTranslations("runAgents");
  const format = useFormatter();
  const [rows, setRows] = useState(initial);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      void fetch(`/api/runs/${runId}/agents`)
        .then((r) => (r.ok ? (r.json() as Promise<{ data: TRunAgentRow[] }>) : null))
        .then((b) => b && setRows(b.data))
        .catch(() => undefined);
    }, 2000);
    return () => clearInterval(timer);
  }, [runId, live]);
  if (rows.length === 0) return null;
  const head = "px-3 py-2 text-left text-xs font-medium text-zinc-500";
  const cell = "px-3 py-2 tabular-nums";
  return (
    <section aria-label={t("title")} data-testid="run-agents" className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="border-b border-zinc-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-zinc-900">{t("title")}</h2>
        <p className="text-xs text-zinc-500">{t("description", { count: rows.length })}</p>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-zinc-100">
              <th className={head}>{t("agent")}</th>
              <th className={head}>{t("vus")}</th>
              <th className={head}>{t("state")}</th>
              <th className={`${head} text-right`}>{t("samples")}</th>
              <th className={`${head} text-right`}>{t("cpu")}</th>
              <th className={`${head} text-right`}>{t("lag")}</th>
              <th className={`${head} text-right`}>{t("saturated")}</th>
              <th className={`${head} text-right`}>{t("offset")}</th>
              <th className={`${head} text-right`}>{t("rtt")}</th>
              <th className={`${head} text-right`}>{t("skew")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} className="border-b border-zinc-50 last:border-0" data-agent={r.name}>
                <td className="px-3 py-2 font-medium text-zinc-900">{r.name}</td>
                <td className={`${cell} text-zinc-600`}>{t("vuRange", { from: r.vuFrom, to: r.vuTo, stride: r.stride })}</td>
                <td className="px-3 py-2">
                  {r.lostAt ? (
                    <Badge tone="danger">{t("lostAt", { time: format.dateTime(new Date(r.lostAt), { timeStyle: "medium" }) })}</Badge>
                  ) : (
                    <Badge tone={live ? "info" : "success"}>{t(live ? "running" : "done")}</Badge>
                  )}
                </td>
                <td className={`${cell} text-right`}>{r.samples === null ? "—" : format.number(r.samples)}</td>
                <td className={`${cell} text-right`}>{fmt(r.maxCpuPct, 0, " %")}</td>
                <td className={`${cell} text-right`}>{fmt(r.maxEventLoopLagMs, 1, " ms")}</td>
                <td className={`${cell} text-right`}>{r.saturatedSeconds === null ? "—" : t("seconds", { count: r.saturatedSeconds })}</td>
                <td className={`${cell} text-right`}>{fmt(r.clockOffsetMs, 2, " ms")}</td>
                <td className={`${cell} text-right`}>{fmt(r.rttMs, 2, " ms")}</td>
                <td className={`${cell} text-right`}>
                  {r.releases ? t("skewValue", { p50: fmt(r.skewP50Ms, 1), max: fmt(r.maxSkewMs, 1), releases: r.releases }) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
