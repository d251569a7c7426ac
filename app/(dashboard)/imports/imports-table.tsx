"use client";

import Link from "next/link";
import { Fragment, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { Badge, type TBadgeTone } from "@/app/_components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/app/_components/ui/table";
import type { TImportRecord } from "@/lib/imports/get-import";
import { ImportErrorText, ImportWarningText } from "./import-error-text";

const TONE: Record<TImportRecord["status"], TBadgeTone> = { processing: "info", completed: "success", failed: "danger" };
const POLL_MS = 1000;

export const IMPORTS_CHANGED = "musterpoint:imports-changed";

function percent(r: TImportRecord): number | null {
  if (!r.bytesTotal) return null;
  return Math.min(100, Math.round((r.bytesRead / r.bytesTotal) * 100));
}

/** Past imports; polls GET /api/imports while any is processing or after a form announces a change. */
export function ImportsTable({ initial }: { initial: TImportRecord[] }) {
  const t = useTranslations("imports");
  // The server and the browser render times and numbers alike (display zone and locale from
  // next-intl, not the browser's): no hydration mismatch.
  const format = useFormatter();
  const formatTime = useFormatTime();
  const [rows, setRows] = useState(initial);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const onChange = () => setTick((n) => n + 1);
    window.addEventListener(IMPORTS_CHANGED, onChange);
    return () => window.removeEventListener(IMPORTS_CHANGED, onChange);
  }, []);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const res = await fetch("/api/imports?take=100", { cache: "no-store" }).catch(() => null);
      if (!res?.ok || stopped) return;
      const body = (await res.json()) as { data: TImportRecord[] };
      if (!stopped) setRows(body.data);
    };
    void load();
    const timer = setInterval(() => {
      if (rows.some((r) => r.status === "processing") || document.body.dataset.importUploading === "1") void load();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, rows.some((r) => r.status === "processing")]);

  if (rows.length === 0) return <p className="rounded-md border border-dashed border-zinc-300 p-6 text-sm text-zinc-500">{t("empty")}</p>;
  return (
    <Table data-testid="imports-table">
      <THead>
        <TR>
          <TH>{t("file")}</TH>
          <TH>{t("kind")}</TH>
          <TH>{t("status")}</TH>
          <TH numeric>{t("samples")}</TH>
          <TH>{t("result")}</TH>
          <TH>{t("when")}</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => {
          const pct = percent(r);
          // warningCodes (lib/jmeter/import-error-codes.ts) says the same as warnings, item by item, in the reader's language.
          const { warnings = [], warningCodes } =
            (r.report as {
              warnings?: string[];
              warningCodes?: { code: string; params: Record<string, string | number>; line?: number }[];
            } | null) ?? {};
          // A JMX import's report: how much of the plan became requests, and thread groups left out.
          const jmx =
            r.kind === "jmx"
              ? (r.report as { coverage?: { samplers: number; usable: number }; notImported?: { threadGroup: string }[] } | null)
              : null;
          return (
            <TR key={r.id} data-import-id={r.id}>
              <TD className="max-w-56 truncate" title={r.fileName}>
                {/* lib/imports/import-summariser-log.ts names a pasted log so; shown in the reader's language. */}
                {r.kind === "summariser_log" && r.fileName === "pasted log" ? t("pastedLog") : r.fileName}
              </TD>
              <TD>{t(`kinds.${r.kind}`)}</TD>
              <TD>
                <Badge tone={TONE[r.status]} pulse={r.status === "processing"}>
                  {t(`statuses.${r.status}`)}
                </Badge>
                {r.status === "processing" && pct !== null ? (
                  <div
                    className="mt-1 h-1.5 w-28 overflow-hidden rounded bg-zinc-200"
                    role="progressbar"
                    aria-valuenow={pct}
                    aria-valuemin={0}
                    aria-valuemax={100}
                  >
                    <div className="h-full bg-sky-500" style={{ width: `${pct}%` }} />
                  </div>
                ) : null}
              </TD>
              <TD numeric>{r.samples ? format.number(r.samples) : "—"}</TD>
              <TD className="max-w-md text-xs">
                {r.error ? (
                  <span className="text-red-700">
                    <ImportErrorText errorCode={r.errorCode} errorParams={r.errorParams} error={r.error} />
                  </span>
                ) : null}
                {r.runId ? (
                  <Link className="text-sky-700 hover:underline" href={`/runs/${r.runId}`}>
                    {r.runName ?? t("openRun")}
                  </Link>
                ) : null}
                {warnings.length ? (
                  <div className="mt-0.5 text-amber-700">
                    {warnings.map((w, i) => (
                      <Fragment key={i}>
                        {i ? " · " : null}
                        <ImportWarningText warning={warningCodes?.[i]} text={w} />
                      </Fragment>
                    ))}
                  </div>
                ) : null}
                {jmx?.coverage && jmx.coverage.samplers > 0 ? (
                  <div className="mt-0.5 text-zinc-600">{t("coverage", jmx.coverage)}</div>
                ) : null}
                {jmx?.notImported?.length ? (
                  <div className="mt-0.5 text-amber-700">
                    {t("notImported")}: {jmx.notImported.map((n) => n.threadGroup).join(", ")}
                  </div>
                ) : null}
              </TD>
              <TD className="text-xs whitespace-nowrap text-zinc-500">{formatTime(r.createdAt, "dateTime", { zone: true })}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
