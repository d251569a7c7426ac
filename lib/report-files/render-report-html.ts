/**
 * A daily report as one self-contained HTML file (pure), in the report's structure (the Markdown
 * export's headings, lib/reports/export-markdown.ts): results by module with their summary lines
 * and a chart, the slow list, the observations, the current problems, then every run's per-label
 * table. The figures are getReport's and buildLabelRows' — nothing is recomputed here.
 */
import { MARKDOWN_LABELS, thresholdSeconds } from "@/lib/reports/export-markdown";
import { formatObservationValue } from "@/lib/reports/observation-value";
import type { TReport, TReportLabelRow } from "@/lib/reports/report.types";
import { slowListRows } from "@/lib/reports/slow-list-rows";
import { esc, page, section, table } from "./html";
import type { TFileLocale } from "./render-run-html";
import { barChart } from "./svg-chart";

const L = {
  en: {
    date: "Date",
    runs: "Runs",
    run: "Run",
    samples: "Samples",
    errPct: "Err %",
    avg: "Avg ms",
    p95: "p95 ms",
    rate: "Rate /s",
    chart: "Average response time by module",
    labels: "Per label",
    label: "Label",
    module: "Module",
    errors: "Errors",
    max: "Max ms",
    noLines: "No runs in this report yet.",
    problemStatus: { open: "open", in_progress: "in progress", resolved: "resolved", wont_fix: "won't fix" } as Record<string, string>,
    owner: "Owner",
    notes: "Notes",
    footer: "Musterpoint daily report · a self-contained file: it loads nothing when opened.",
  },
  "zh-CN": {
    date: "日期",
    runs: "运行数",
    run: "运行",
    samples: "样本数",
    errPct: "错误率 %",
    avg: "平均 ms",
    p95: "p95 ms",
    rate: "吞吐 /秒",
    chart: "各模块平均响应时间",
    labels: "各接口明细",
    label: "标签",
    module: "模块",
    errors: "错误数",
    max: "最大 ms",
    noLines: "报告里还没有运行。",
    problemStatus: { open: "未解决", in_progress: "处理中", resolved: "已解决", wont_fix: "不修复" } as Record<string, string>,
    owner: "负责人",
    notes: "备注",
    footer: "Musterpoint 日报 · 独立文件：打开时不加载任何外部资源。",
  },
} as const;

const f1 = (n: number | null) => (n === null ? "—" : n.toFixed(1));

export function renderReportHtml(report: TReport, labelRows: TReportLabelRow[], locale: TFileLocale = "zh-CN"): string {
  const m = MARKDOWN_LABELS[locale];
  const l = L[locale];
  const header = `<h1>${esc(report.name)}</h1><div class="facts"><span>${esc(l.date)}: <b>${esc(report.date)}</b></span><span>${esc(l.runs)}: <b>${report.runs.length}</b></span></div>${report.notes ? `<p class="muted">${esc(report.notes)}</p>` : ""}`;

  let body = section(
    m.modules,
    report.modules.length
      ? `${table(
          [m.moduleCols[0], l.run, { num: l.samples }, { num: l.errPct }, { num: l.avg }, { num: l.p95 }, { num: l.rate }, m.moduleCols[1]],
          report.modules.map((r) => [
            r.module,
            r.runName,
            r.samples,
            { num: r.errorPct.toFixed(2) },
            r.avgMs,
            { num: f1(r.p95Ms) },
            { num: r.ratePerSec.toFixed(1) },
            { html: `<code>${esc(r.summaryLine)}</code>` },
          ]),
        )}<div style="margin-top:12px">${barChart({ title: l.chart, unit: "ms", rows: report.modules.map((r) => ({ label: report.runs.length > 1 ? `${r.module} · ${r.runName}` : r.module, value: r.avgMs })) })}</div>`
      : `<p class="muted">${esc(l.noLines)}</p>`,
  );

  // The rows every view shows: the computed ones and those entered by hand, marked as such.
  const slow = slowListRows(report);
  const urls = new Map<string, number>();
  for (const s of slow) urls.set(s.url, (urls.get(s.url) ?? 0) + 1);
  body += section(
    m.slow(thresholdSeconds(report.slowThresholdMs)),
    table(
      [m.slowCols[0], l.module, { num: l.samples }, { num: m.slowCols[1] }, { num: l.p95 }],
      slow.map((s) => [
        {
          html: `<span class="mono">${esc((urls.get(s.url) ?? 0) > 1 && s.method ? `${s.method} ${s.url}` : s.url)}</span>${s.manualId ? `<span class="muted">${esc(m.manual)}</span>` : ""}`,
        },
        s.module,
        s.samples ?? "—",
        s.avgMs,
        { num: f1(s.p95Ms) },
      ]),
      m.noProblems,
    ),
  );

  body += section(
    m.observations,
    table(
      [m.observationCols[0], m.observationCols[1], l.notes],
      report.observations.map((o) => [o.feature, formatObservationValue(o, locale), o.note ?? ""]),
      m.noProblems,
    ),
  );

  body += section(
    m.problems,
    report.problems.length
      ? `<ol>${report.problems
          .map(
            (p) =>
              `<li><b>#${p.number}</b> ${esc(p.title)} <span class="tag">${esc(m.severity[p.severity] ?? p.severity)}</span> <span class="tag ${esc(p.status)}">${esc(l.problemStatus[p.status] ?? p.status)}</span>${p.owner ? ` <span class="muted">· ${esc(l.owner)}: ${esc(p.owner)}</span>` : ""}${p.latestNote ? `<div class="muted">${esc(p.latestNote.body)}</div>` : ""}</li>`,
          )
          .join("\n")}</ol>`
      : `<p class="muted">${esc(m.noProblems)}</p>`,
  );

  body += section(
    l.labels,
    table(
      [
        l.run,
        l.module,
        l.label,
        { num: l.samples },
        { num: l.errors },
        { num: l.errPct },
        { num: l.avg },
        { num: l.p95 },
        { num: l.max },
        { num: l.rate },
      ],
      labelRows.map((r) => [
        r.runName,
        r.module,
        r.label,
        r.samples,
        r.errors,
        { num: r.errorPct.toFixed(2) },
        r.avgMs,
        { num: f1(r.p95Ms) },
        { num: Math.round(r.maxMs) },
        { num: r.ratePerSec.toFixed(1) },
      ]),
      l.noLines,
    ),
  );

  return page({ lang: locale, title: report.name, header, body, footer: l.footer });
}
