import { getReport } from "./get-report";
import { formatObservationValue } from "./observation-value";
import type { TReport } from "./report.types";
import { slowListRows } from "./slow-list-rows";

/**
 * The daily report as Markdown, in exactly the structure of the users' hand-written report
 * (the sample daily report, lib/jmeter/fixtures/daily-stress-report.md):
 *
 *   ## <round name>
 *   ### 模块压测情况                     | 模块 | 并发数据 |       one row per run × module, summary line
 *   ### 接口平均响应时间大于3s的接口      | 接口 | 平均响应时间 |   URL, average ms (threshold from the round)
 *   ### 压力下实际终端显影情况            | 模块 | 响应s |         feature, "2-5" / "正常"
 *   ### 当前存在的问题                    - #2 … (severity, status): the problems' own numbers
 *
 * English headings (UI language English) keep the same structure: "Results by module",
 * "Interfaces with average response time over 3 s", "Real clients under load", "Current problems".
 */
export type TMarkdownLocale = "zh-CN" | "en";

interface TLabels {
  modules: string;
  moduleCols: [string, string];
  slow: (thresholdS: string) => string;
  slowCols: [string, string];
  observations: string;
  observationCols: [string, string];
  problems: string;
  noProblems: string;
  status: Record<string, string>;
  severity: Record<string, string>;
  /** Marks a slow-list row entered by hand. */
  manual: string;
}

export const MARKDOWN_LABELS: Record<TMarkdownLocale, TLabels> = {
  "zh-CN": {
    modules: "模块压测情况",
    moduleCols: ["模块", "并发数据"],
    slow: (s) => `接口平均响应时间大于${s}s的接口`,
    slowCols: ["接口", "平均响应时间"],
    observations: "压力下实际终端显影情况",
    observationCols: ["模块", "响应s"],
    problems: "当前存在的问题",
    noProblems: "无",
    status: { in_progress: "处理中", resolved: "已解决", wont_fix: "不修复" },
    severity: { critical: "致命", major: "严重", minor: "一般", trivial: "轻微" },
    manual: "（手动）",
  },
  en: {
    modules: "Results by module",
    moduleCols: ["Module", "Summary"],
    slow: (s) => `Interfaces with average response time over ${s} s`,
    slowCols: ["Interface", "Average response time (ms)"],
    observations: "Real clients under load",
    observationCols: ["Feature", "Response (s)"],
    problems: "Current problems",
    noProblems: "None.",
    status: { in_progress: "in progress", resolved: "resolved", wont_fix: "won't fix" },
    severity: { critical: "critical", major: "major", minor: "minor", trivial: "trivial" },
    manual: " (manual)",
  },
};

/** The sample report's alignment row: left-aligned columns. */
const ALIGN_ROW = "| :------- | :---- |";

/** A table cell: pipes escaped, line breaks folded (the sample report's rows are one line each). */
function cell(text: string): string {
  return text
    .replace(/\r?\n|\r/g, " ")
    .replace(/\|/g, "\\|")
    .trim();
}

function table(cols: [string, string], rows: [string, string][]): string[] {
  return [`| ${cols[0]} | ${cols[1]} |`, ALIGN_ROW, ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`)];
}

/** 3000 → "3", 2500 → "2.5". */
export function thresholdSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** Pure: the report → Markdown text (ends with one newline). */
export function renderReportMarkdown(report: TReport, locale: TMarkdownLocale = "zh-CN"): string {
  const l = MARKDOWN_LABELS[locale];
  const lines: string[] = [`## ${cell(report.name)}`];

  lines.push(
    `### ${l.modules}`,
    ...table(
      l.moduleCols,
      report.modules.map((m) => [m.module, m.summaryLine]),
    ),
    "",
  );

  const slow = slowListRows(report);
  const urls = new Map<string, number>();
  for (const s of slow) urls.set(s.url, (urls.get(s.url) ?? 0) + 1);
  lines.push(
    `### ${l.slow(thresholdSeconds(report.slowThresholdMs))}`,
    "",
    ...table(
      l.slowCols,
      slow.map((s) => [
        `${(urls.get(s.url) ?? 0) > 1 && s.method ? `${s.method} ${s.url}` : s.url}${s.manualId ? l.manual : ""}`,
        String(s.avgMs),
      ]),
    ),
    "",
  );

  lines.push(
    `### ${l.observations}`,
    "",
    ...table(
      l.observationCols,
      report.observations.map((o) => [o.feature, formatObservationValue(o, locale)]),
    ),
    "",
  );

  lines.push(`### ${l.problems}`, "");
  if (report.problems.length === 0) lines.push(l.noProblems);
  // Bullets carrying the problem's own number: an ordered list ("2. … 4. …") would be renumbered
  // 2, 3 by every Markdown renderer, and a problem keeps its number everywhere.
  for (const p of report.problems) {
    const tags = [l.severity[p.severity] ?? p.severity, l.status[p.status]].filter(Boolean);
    const suffix = locale === "zh-CN" ? `（${tags.join("，")}）` : ` (${tags.join(", ")})`;
    lines.push(`- #${p.number} ${cell(p.title)}${suffix}`);
  }
  return `${lines.join("\n")}\n`;
}

/** GET /api/reports/:id/markdown and the page's download: fetch + render. */
export async function exportReportMarkdown(id: string, locale: TMarkdownLocale = "zh-CN"): Promise<{ name: string; markdown: string }> {
  const report = await getReport(id);
  return { name: report.name, markdown: renderReportMarkdown(report, locale) };
}
