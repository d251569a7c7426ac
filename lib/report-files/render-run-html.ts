/**
 * A run's results as one self-contained HTML file (pure): summary lines, thresholds, the charts of
 * the run (inline SVG), the per-label table, the slow list and the errors — the figures the results
 * page shows, taken from getRunResults (lib/runs/get-run-results.ts), never recomputed here.
 */
import type { TRunSummary } from "@/lib/engine/metrics/types";
import { esc, page, section, summaryBlock, table } from "./html";
import { lineChart } from "./svg-chart";
import { formatTime } from "@/lib/time/format-time";
import { codedHtml } from "@/lib/i18n/coded-html";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";

export type TFileLocale = "zh-CN" | "en";

export interface TRunFileInput {
  run: {
    id: string;
    name: string;
    status: string;
    startedAt: Date | null;
    finishedAt: Date | null;
    error: string | null;
    /** The error by code (lib/runs/run-error-codes.ts): worded in the file's language. */
    errorParts?: TCodedMessage[] | null;
    startedByName: string | null;
  };
  summary: TRunSummary;
  slowThresholdMs: number;
  slowInterfaces: { url: string; method: string | null; module: string; samples: number; avgMs: number; p95Ms: number | null }[];
  thresholds: { expression: string; ok: boolean; actual: number | null }[];
  timeline: { second: number; requestsPerSec: number; errorsPerSec: number; avgMs: number; p95Ms: number; activeVus: number }[];
}

const L = {
  en: {
    run: "Run",
    status: "Status",
    started: "Started",
    finished: "Finished",
    duration: "Duration",
    by: "Started by",
    error: "Error",
    summary: "Summary lines",
    noSamples: "No samples.",
    modules: "Module",
    summaryLine: "Summary line",
    thresholds: "Thresholds",
    threshold: "Threshold",
    actual: "Actual",
    result: "Result",
    pass: "passed",
    fail: "failed",
    charts: "Over time",
    throughput: "Throughput",
    rps: "requests/s",
    eps: "errors/s",
    responseTime: "Response time",
    avg: "avg",
    p95: "p95 (per second)",
    vus: "Active VUs",
    labels: "Per label",
    label: "Label",
    kind: "Kind",
    module: "Module",
    samples: "Samples",
    errors: "Errors",
    errPct: "Err %",
    avgMs: "Avg ms",
    p50: "p50 ms",
    p90: "p90 ms",
    p95ms: "p95 ms",
    p99: "p99 ms",
    max: "Max ms",
    rate: "Rate /s",
    slow: (s: string) => `Interfaces with average response time over ${s} s`,
    iface: "Interface",
    none: "None.",
    errorsTitle: "Errors by kind",
    count: "Count",
    example: "Example",
    footer: "Musterpoint run report · a self-contained file: it loads nothing when opened.",
  },
  "zh-CN": {
    run: "运行",
    status: "状态",
    started: "开始",
    finished: "结束",
    duration: "时长",
    by: "发起人",
    error: "错误",
    summary: "汇总行",
    noSamples: "没有样本。",
    modules: "模块",
    summaryLine: "汇总行",
    thresholds: "阈值",
    threshold: "阈值",
    actual: "实测",
    result: "结果",
    pass: "通过",
    fail: "未通过",
    charts: "随时间变化",
    throughput: "吞吐量",
    rps: "请求/秒",
    eps: "错误/秒",
    responseTime: "响应时间",
    avg: "平均",
    p95: "p95（每秒）",
    vus: "活动虚拟用户",
    labels: "各接口",
    label: "标签",
    kind: "类型",
    module: "模块",
    samples: "样本数",
    errors: "错误数",
    errPct: "错误率 %",
    avgMs: "平均 ms",
    p50: "p50 ms",
    p90: "p90 ms",
    p95ms: "p95 ms",
    p99: "p99 ms",
    max: "最大 ms",
    rate: "吞吐 /秒",
    slow: (s: string) => `接口平均响应时间大于${s}s的接口`,
    iface: "接口",
    none: "无",
    errorsTitle: "错误（按类型）",
    count: "次数",
    example: "示例",
    footer: "Musterpoint 运行报告 · 独立文件：打开时不加载任何外部资源。",
  },
} as const;

const f1 = (n: number) => n.toFixed(1);
const hms = (s: number) =>
  [Math.floor(s / 3600), Math.floor((s % 3600) / 60), Math.floor(s % 60)].map((n) => String(n).padStart(2, "0")).join(":");

/** `timeZone`: the reader's display zone (lib/settings/get-display-time-zone.ts); times say it. */
export function renderRunHtml(input: TRunFileInput, locale: TFileLocale = "en", timeZone = "UTC"): string {
  const l = L[locale];
  const when = (d: Date | null) => (d ? formatTime(d, timeZone, "dateTimeSeconds", { zone: true }) : "—");
  const { run, summary } = input;
  const facts = [
    [l.status, run.status],
    [l.started, when(run.startedAt)],
    [l.finished, when(run.finishedAt)],
    [l.duration, hms(summary.elapsedSeconds)],
    ...(run.startedByName ? [[l.by, run.startedByName]] : []),
  ];
  const header = `<h1>${esc(run.name)}</h1><div class="facts">${facts.map(([k, v]) => `<span>${esc(k)}: <b>${esc(v)}</b></span>`).join("")}</div>${run.error ? `<p class="bad">${esc(l.error)}: ${codedHtml(locale, "runErrors", run.error, run.errorParts, esc)}</p>` : ""}`;

  const lines = summary.total.samples > 0 || summary.modules.length ? [summary.total.summaryLine] : [];
  let body = section(
    l.summary,
    summaryBlock(lines, l.noSamples) +
      (summary.modules.length
        ? `<div style="margin-top:12px">${table(
            [l.modules, l.summaryLine],
            summary.modules.map((m) => [m.module, { html: `<code>${esc(m.summaryLine)}</code>` }]),
          )}</div>`
        : ""),
  );

  if (input.thresholds.length) {
    body += section(
      l.thresholds,
      table(
        [l.threshold, { num: l.actual }, l.result],
        input.thresholds.map((t) => [
          t.expression,
          { num: t.actual === null ? "—" : f1(t.actual) },
          { html: t.ok ? `<span class="ok">✓ ${esc(l.pass)}</span>` : `<span class="bad">✗ ${esc(l.fail)}</span>` },
        ]),
      ),
    );
  }

  if (input.timeline.length > 1) {
    const xs = input.timeline.map((p) => p.second);
    const xLabel = (s: number) => formatTime(s * 1000, timeZone, "timeSeconds");
    body += section(
      l.charts,
      `<div class="charts">${lineChart({
        title: l.throughput,
        unit: l.rps,
        xs,
        xLabel,
        series: [
          { name: l.rps, color: "#4f46e5", values: input.timeline.map((p) => p.requestsPerSec) },
          { name: l.eps, color: "#dc2626", values: input.timeline.map((p) => p.errorsPerSec) },
        ],
      })}${lineChart({
        title: l.responseTime,
        unit: "ms",
        xs,
        xLabel,
        series: [
          { name: l.avg, color: "#0891b2", values: input.timeline.map((p) => p.avgMs) },
          { name: l.p95, color: "#d97706", values: input.timeline.map((p) => p.p95Ms) },
        ],
      })}${lineChart({ title: l.vus, unit: "VUs", xs, xLabel, series: [{ name: l.vus, color: "#16a34a", values: input.timeline.map((p) => p.activeVus) }] })}</div>`,
    );
  }

  body += section(
    l.labels,
    table(
      [
        l.label,
        l.kind,
        l.module,
        { num: l.samples },
        { num: l.errors },
        { num: l.errPct },
        { num: l.avgMs },
        { num: l.p50 },
        { num: l.p90 },
        { num: l.p95ms },
        { num: l.p99 },
        { num: l.max },
        { num: l.rate },
      ],
      summary.labels.map((r) => [
        r.label,
        r.kind,
        r.module,
        r.samples,
        r.errors,
        { num: r.errorPct.toFixed(2) },
        { num: f1(r.avgMs) },
        { num: f1(r.p50Ms) },
        { num: f1(r.p90Ms) },
        { num: f1(r.p95Ms) },
        { num: f1(r.p99Ms) },
        { num: f1(r.maxMs) },
        { num: f1(r.ratePerSec) },
      ]),
      l.noSamples,
    ),
  );

  body += section(
    l.slow(String(input.slowThresholdMs / 1000)),
    table(
      [l.iface, l.module, { num: l.samples }, { num: l.avgMs }, { num: l.p95ms }],
      input.slowInterfaces.map((s) => [
        { html: `<span class="mono">${esc(s.method ? `${s.method} ${s.url}` : s.url)}</span>` },
        s.module,
        s.samples,
        s.avgMs,
        { num: s.p95Ms === null ? "—" : f1(s.p95Ms) },
      ]),
      l.none,
    ),
  );

  if (summary.errors.length) {
    body += section(
      l.errorsTitle,
      table(
        [l.label, l.kind, { num: l.count }, l.example],
        summary.errors.map((e) => [e.label, e.kind, e.count, { html: `<span class="mono">${esc(e.examples[0] ?? "")}</span>` }]),
      ),
    );
  }

  return page({ lang: locale, title: `${l.run}: ${run.name}`, header, body, footer: l.footer });
}
