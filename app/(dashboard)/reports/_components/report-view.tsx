import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/app/_components/ui/badge";
import { HeaderWithUnit, TBody, TD, TH, THead, TR, Table } from "@/app/_components/ui/table";
import { MARKDOWN_LABELS, thresholdSeconds, type TMarkdownLocale } from "@/lib/reports/export-markdown";
import { formatObservationValue } from "@/lib/reports/observation-value";
import type { TReport } from "@/lib/reports/report.types";
import { slowListRows } from "@/lib/reports/slow-list-rows";
import { ModuleChartLazy } from "./module-chart-lazy";
import { PROBLEM_SEVERITY_TONE, PROBLEM_STATUS_TONE } from "./problem-tones";
import { SectionCard, SectionEmpty } from "./section-card";

/**
 * The report's four sections in the sample report's order, read-only — the share page shows exactly this;
 * the report page passes editable leaves for observations and problems, the threshold setting, the
 * module order control and the hand-entered slow rows.
 * Section headings are the Markdown export's, so screen and export read the same.
 */
export async function ReportView({
  report,
  locale,
  thresholdControl,
  moduleOrderControl,
  slowRowsEditor,
  observations,
  problems,
}: {
  report: TReport;
  locale: TMarkdownLocale;
  thresholdControl?: React.ReactNode;
  moduleOrderControl?: React.ReactNode;
  slowRowsEditor?: React.ReactNode;
  observations?: React.ReactNode;
  problems?: React.ReactNode;
}) {
  // `locale` also picks the UI words: the share page renders in the report's language or the viewer's pick.
  const t = await getTranslations({ locale, namespace: "reports" });
  const ts = await getTranslations({ locale, namespace: "problems.status" });
  const tsev = await getTranslations({ locale, namespace: "problems.severity" });
  const format = await getFormatter({ locale });
  const h = MARKDOWN_LABELS[locale];
  const seen = new Map<string, number>();
  const chartRows = report.modules.map((m) => {
    const n = (seen.get(m.module) ?? 0) + 1;
    seen.set(m.module, n);
    return { name: n > 1 ? `${m.module} #${n}` : m.module, rate: Math.round(m.ratePerSec * 10) / 10, avg: m.avgMs };
  });
  const num = (n: number, digits = 0) => format.number(n, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const slow = slowListRows(report);

  return (
    <div className="flex flex-col gap-5">
      <SectionCard id="modules" index={1} title={h.modules} aside={t("modulesAside", { count: report.modules.length })}>
        {report.modules.length === 0 ? (
          <SectionEmpty>{t("modulesEmpty")}</SectionEmpty>
        ) : (
          <>
            <ModuleChartLazy rows={chartRows} />
            <Table aria-label={h.modules}>
              <THead>
                <tr>
                  <TH>{t("columns.module")}</TH>
                  <TH numeric>
                    <HeaderWithUnit label={t("columns.rate")} unit="/s" />
                  </TH>
                  <TH numeric>
                    <HeaderWithUnit label={t("columns.avg")} unit="ms" />
                  </TH>
                  <TH numeric>
                    <HeaderWithUnit label={t("columns.errors")} unit="%" />
                  </TH>
                  <TH>{t("columns.summaryLine")}</TH>
                </tr>
              </THead>
              <TBody>
                {report.modules.map((m) => (
                  <TR key={`${m.runId}-${m.module}`}>
                    <TD className="max-w-56">
                      <span className="block truncate font-medium" title={m.module}>
                        {m.module}
                      </span>
                      <span className="block truncate text-xs text-zinc-500" title={m.runName}>
                        {t("runLabel", { name: m.runName })}
                      </span>
                    </TD>
                    <TD numeric>{num(m.ratePerSec, 1)}</TD>
                    <TD numeric>{num(m.avgMs)}</TD>
                    <TD numeric className={m.errorPct > 1 ? "text-red-700" : undefined}>
                      {num(m.errorPct, 2)}
                    </TD>
                    <TD>
                      <code className="font-mono text-[11px] whitespace-pre text-zinc-700">{m.summaryLine}</code>
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </>
        )}
        {moduleOrderControl}
      </SectionCard>

      <SectionCard
        id="slow"
        index={2}
        title={h.slow(thresholdSeconds(report.slowThresholdMs))}
        aside={thresholdControl ?? t("thresholdAside", { seconds: thresholdSeconds(report.slowThresholdMs) })}
      >
        {slow.length === 0 ? (
          <SectionEmpty>{t("slowEmpty", { seconds: thresholdSeconds(report.slowThresholdMs) })}</SectionEmpty>
        ) : (
          <Table aria-label={h.slow(thresholdSeconds(report.slowThresholdMs))}>
            <THead>
              <tr>
                <TH>{t("columns.interface")}</TH>
                <TH>{t("columns.module")}</TH>
                <TH numeric>{t("columns.samples")}</TH>
                <TH numeric>
                  <HeaderWithUnit label={t("columns.avg")} unit="ms" />
                </TH>
                <TH numeric>
                  <HeaderWithUnit label="p95" unit="ms" />
                </TH>
              </tr>
            </THead>
            <TBody>
              {slow.map((s) => (
                <TR key={s.manualId ?? `${s.method} ${s.url}`}>
                  <TD className="font-mono text-xs break-all">
                    {s.method ? <span className="mr-1.5 text-zinc-400">{s.method}</span> : null}
                    {s.url}
                    {s.manualId ? (
                      <Badge tone="neutral" className="ml-2 font-sans">
                        {t("manual")}
                      </Badge>
                    ) : null}
                  </TD>
                  <TD className="text-zinc-600">{s.module}</TD>
                  <TD numeric>{s.samples === null ? "—" : num(s.samples)}</TD>
                  <TD numeric className="font-semibold text-amber-700">
                    {num(s.avgMs)}
                  </TD>
                  <TD numeric>{s.p95Ms === null ? "—" : num(s.p95Ms)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {slowRowsEditor}
      </SectionCard>

      <SectionCard id="observations" index={3} title={h.observations} aside={t("observationsAside")}>
        {observations ??
          (report.observations.length === 0 ? (
            <SectionEmpty>{t("observationsEmptyReadOnly")}</SectionEmpty>
          ) : (
            <Table aria-label={h.observations}>
              <THead>
                <tr>
                  <TH>{t("columns.feature")}</TH>
                  <TH>
                    <HeaderWithUnit label={t("columns.response")} unit="s" />
                  </TH>
                  <TH>{t("columns.note")}</TH>
                </tr>
              </THead>
              <TBody>
                {report.observations.map((o) => (
                  <TR key={o.id}>
                    <TD className="font-medium">{o.feature}</TD>
                    <TD className="font-mono tabular-nums">{formatObservationValue(o, locale)}</TD>
                    <TD className="text-zinc-600">{o.note ?? ""}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          ))}
      </SectionCard>

      <SectionCard id="problems" index={4} title={h.problems} aside={t("problemsAside", { count: report.problems.length })}>
        {problems ??
          (report.problems.length === 0 ? (
            <SectionEmpty>{t("problemsEmptyReadOnly")}</SectionEmpty>
          ) : (
            <ol className="divide-y divide-zinc-100">
              {report.problems.map((p) => (
                <li key={p.id} className="flex items-start gap-3 px-4 py-2.5 text-sm">
                  <span className="w-8 shrink-0 pt-0.5 text-right font-mono text-xs text-zinc-400 tabular-nums">#{p.number}</span>
                  <div className="min-w-0 flex-1">
                    <p className="text-zinc-900">{p.title}</p>
                    {p.latestNote?.body ? <p className="mt-0.5 text-xs text-zinc-500">{p.latestNote.body}</p> : null}
                  </div>
                  <Badge tone={PROBLEM_SEVERITY_TONE[p.severity]}>{tsev(p.severity)}</Badge>
                  <Badge tone={PROBLEM_STATUS_TONE[p.status]}>{ts(p.status)}</Badge>
                </li>
              ))}
            </ol>
          ))}
      </SectionCard>
    </div>
  );
}
