import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MARKDOWN_LABELS, renderReportMarkdown } from "./export-markdown";
import { buildModuleRows, buildSlowInterfaces, SUMMARY_LINE_RE, type TSummaryRecord } from "./report-sections";
import type { TReport, TReportRun } from "./report.types";

/**
 * The export is checked against the users' own hand-written report (
 * lib/jmeter/fixtures/daily-stress-report.md): same heading levels and order, same table columns, the
 * module rows in order with summary lines in JMeter's format, the numbered problem list.
 */
const SAMPLE_REPORT = fs.readFileSync(path.join(import.meta.dirname, "../jmeter/fixtures/daily-stress-report.md"), "utf8");

/** The format the brief fixes for a summary line. */
const BRIEF_SUMMARY_RE = /^summary = +\d+ in \d\d:\d\d:\d\d = +[\d.]+\/s Avg: +\d+ Min: +\d+ Max: +\d+ Err: +\d+ \(\d+\.\d\d%\)$/;

interface TParsed {
  headings: { level: number; text: string }[];
  /** Header cells of the table under each ### heading (null when the section has none). */
  tables: (string[] | null)[];
  /** Body rows (first cell, rest joined) per ### section; the sample report's rows may wrap, so rows are re-joined. */
  rows: string[][][];
  listItems: string[];
}

function splitRow(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** A forgiving reader for both the sample (untidy: wrapped rows, trailing spaces) and our output. */
function parseReport(md: string): TParsed {
  const headings: TParsed["headings"] = [];
  const tables: TParsed["tables"] = [];
  const rows: TParsed["rows"] = [];
  const listItems: string[] = [];
  const lines = md.split(/\r?\n/);
  let section = -1;
  let sawAlign = false;
  let pending = "";
  const flush = () => {
    if (pending && section >= 0 && sawAlign) {
      const cells = splitRow(pending).filter((c) => c !== "");
      if (cells.length > 0) rows[section]!.push(cells);
    }
    pending = "";
  };
  for (const raw of lines) {
    const line = raw.trim();
    const h = /^(#{2,3})\s+(.*)$/.exec(line);
    if (h) {
      flush();
      headings.push({ level: h[1]!.length, text: h[2]!.trim() });
      if (h[1] === "###") {
        section++;
        tables.push(null);
        rows.push([]);
        sawAlign = false;
      }
      continue;
    }
    if (section < 0) continue;
    if (/^\|\s*:?-{3,}/.test(line)) {
      sawAlign = true;
      continue;
    }
    if (line.startsWith("|") && !sawAlign && tables[section] === null) {
      tables[section] = splitRow(line);
      continue;
    }
    // The sample numbers its list "1."; ours carries each problem's own number as "- #N".
    const item = /^(?:\d+\.|-\s+#\d+)\s+(.*)$/.exec(line);
    if (item) {
      flush();
      listItems.push(item[1]!);
      continue;
    }
    if (sawAlign && line.startsWith("|") && /^\|\s*[^|\s]/.test(line) && !/^\|\s*$/.test(line)) {
      flush();
      pending = line;
    } else if (sawAlign && pending && line !== "") {
      pending += ` ${line}`;
    } else if (line === "") {
      flush();
    }
  }
  flush();
  return { headings, tables, rows, listItems };
}

const sample = parseReport(SAMPLE_REPORT);

/** The sample report's module rows → summary records whose stored line is the sample report's line. */
function sampleRecords(): { runs: TReportRun[]; records: TSummaryRecord[] } {
  const runs: TReportRun[] = [];
  const records: TSummaryRecord[] = [];
  sample.rows[0]!.forEach(([module, line], i) => {
    const m = /summary = +(\d+) in (\d\d):(\d\d):(\d\d) = +([\d.]+)\/s Avg: +(\d+) Min: +(\d+) Max: +(\d+) Err: +(\d+)/.exec(line!)!;
    const samples = Number(m[1]);
    const elapsedMs = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1000;
    const id = `run${i}`;
    runs.push({ id, name: `${module} run`, status: "completed", source: "jmeter_log", position: i, startedAt: null, finishedAt: null });
    records.push({
      runId: id,
      scope: "module",
      module: module!,
      label: "",
      kind: null,
      method: null,
      url: null,
      samples,
      errors: Number(m[9]),
      sumMs: Number(m[6]) * samples,
      minMs: Number(m[7]),
      maxMs: Number(m[8]),
      elapsedMs,
      p50Ms: null,
      p90Ms: null,
      p95Ms: null,
      p99Ms: null,
      ratePerSec: Number(m[5]),
      summaryLine: line!.replace(/\s*\|?\s*$/, ""),
    });
  });
  // Section 2: one label row per slow URL of the sample (avg exact), plus a fast one that must not show.
  sample.rows[1]!.forEach(([url, avg], i) => {
    records.push({
      ...records[0]!,
      runId: "run0",
      scope: "label",
      module: "Vote_Interface_Test",
      label: `vote ${i}`,
      kind: "request",
      method: "POST",
      url: url!,
      samples: 10,
      errors: 0,
      sumMs: Number(avg) * 10,
      summaryLine: "",
    });
  });
  records.push({ ...records[0]!, scope: "label", label: "fast", kind: "request", url: "http://x/fast", samples: 10, sumMs: 30_000 });
  return { runs, records };
}

function sampleLikeReport(): TReport {
  const { runs, records } = sampleRecords();
  return {
    id: "r1",
    name: "峰值脚本压测",
    date: "2026-11-21",
    slowThresholdMs: 3000,
    notes: "",
    createdAt: "2026-11-21T20:00:00.000Z",
    updatedAt: "2026-11-21T20:00:00.000Z",
    runs,
    moduleOrder: [],
    modules: buildModuleRows(runs, records),
    slowInterfaces: buildSlowInterfaces(records, 3000),
    manualSlowRows: [],
    observations: sample.rows[2]!.map(([feature, value], i) => {
      const range = /^(\d+)-(\d+)$/.exec(value!);
      return {
        id: `o${i}`,
        feature: feature!,
        secondsMin: range ? Number(range[1]) : null,
        secondsMax: range ? Number(range[2]) : null,
        status: range ? null : value!,
        note: null,
        observedAt: null,
        position: i,
      };
    }),
    problems: sample.listItems.map((title, i) => ({
      id: `p${i}`,
      number: i + 1,
      title,
      description: "",
      status: "open" as const,
      severity: "major" as const,
      owner: null,
      resolvedAt: null,
      isNew: true,
      firstReportedIn: null,
      latestNote: null,
    })),
  };
}

describe("the sample, as read by this test", () => {
  it("has a ## title, four ### sections, three tables and four problems", () => {
    expect(sample.headings.map((h) => h.level)).toEqual([2, 3, 3, 3, 3]);
    expect(sample.tables.filter(Boolean)).toHaveLength(3);
    expect(sample.rows[0]).toHaveLength(18);
    expect(sample.listItems).toHaveLength(4);
  });

  it("has summary lines in the brief's format", () => {
    for (const [, line] of sample.rows[0]!) expect(line!.replace(/\s*\|?\s*$/, "")).toMatch(BRIEF_SUMMARY_RE);
  });
});

describe("Markdown export (Chinese)", () => {
  const md = renderReportMarkdown(sampleLikeReport(), "zh-CN");
  const ours = parseReport(md);

  it("keeps the sample report's sections in order, at the same levels", () => {
    expect(ours.headings.map((h) => h.level)).toEqual(sample.headings.map((h) => h.level));
    expect(ours.headings[0]!.text).toBe("峰值脚本压测");
    // The sample says "那个模块压测情况" ("that module …"): ours is the heading without the filler word.
    ours.headings.slice(1).forEach((h, i) => expect(sample.headings[i + 1]!.text.endsWith(h.text)).toBe(true));
    expect(ours.headings.slice(1).map((h) => h.text)).toEqual([
      "模块压测情况",
      "接口平均响应时间大于3s的接口",
      "压力下实际终端显影情况",
      "当前存在的问题",
    ]);
  });

  it("has the sample report's three tables with the sample report's columns, and no table under the problems", () => {
    expect(ours.tables).toEqual(sample.tables);
    expect(ours.tables[3]).toBeNull();
  });

  it("lists the module rows in the sample report's order with JMeter summary lines (duplicates kept)", () => {
    expect(ours.rows[0]!.map((r) => r[0])).toEqual(sample.rows[0]!.map((r) => r[0]));
    for (const [, line] of ours.rows[0]!) expect(line).toMatch(BRIEF_SUMMARY_RE);
    expect(ours.rows[0]!.map((r) => r[1]!.replace(/ +/g, " "))).toEqual(
      sample.rows[0]!.map((r) => r[1]!.replace(/\s*\|?\s*$/, "").replace(/ +/g, " ")),
    );
    expect(md.split("\n").filter((l) => l.startsWith("| ") && l.includes("summary ="))).toHaveLength(18);
  });

  it("lists the slow interfaces (only those over 3 s) with their average, slowest first", () => {
    expect(ours.rows[1]).toEqual([...sample.rows[1]!].map((r) => [r[0], r[1]]).sort((a, b) => Number(b[1]) - Number(a[1])));
  });

  it("lists the observations as feature | 2-5 / 正常", () => {
    expect(ours.rows[2]).toEqual(sample.rows[2]);
  });

  it("lists the problems with their own numbers and severity", () => {
    expect(ours.listItems.map((i) => i.replace(/（[^（）]*）$/, ""))).toEqual(sample.listItems);
    expect(md).toMatch(/\n- #1 presence服务有问题，未启动（严重）\n- #2 /);
  });

  it("every table line is one line with two cells; summary lines match JMeter's format", () => {
    for (const line of md.split("\n").filter((l) => l.startsWith("|"))) {
      expect(splitRow(line)).toHaveLength(2);
    }
    for (const line of md.split("\n").filter((l) => l.includes("summary ="))) {
      const s = splitRow(line)[1]!;
      expect(s).toMatch(SUMMARY_LINE_RE);
    }
  });
});

describe("Markdown export (English)", () => {
  it("has the same structure with English headings and the threshold from the round", () => {
    const report = { ...sampleLikeReport(), slowThresholdMs: 2500 };
    report.slowInterfaces = buildSlowInterfaces(sampleRecords().records, 2500);
    const ours = parseReport(renderReportMarkdown(report, "en"));
    expect(ours.headings.map((h) => h.level)).toEqual([2, 3, 3, 3, 3]);
    expect(ours.headings.map((h) => h.text)).toEqual([
      "峰值脚本压测",
      "Results by module",
      "Interfaces with average response time over 2.5 s",
      "Real clients under load",
      "Current problems",
    ]);
    expect(ours.tables).toEqual([MARKDOWN_LABELS.en.moduleCols, MARKDOWN_LABELS.en.slowCols, MARKDOWN_LABELS.en.observationCols, null]);
    // The testers' own words stay as written in the English export.
    expect(ours.rows[2]!.filter((r) => r[1] === "正常")).toHaveLength(2);
    expect(ours.rows[1]!.length).toBe(4); // 2500 ms threshold takes in the 3000 ms "fast" one
  });

  it("escapes pipes and folds newlines in cells; shows status of carried-over problems; empty list says none", () => {
    const report = sampleLikeReport();
    report.observations = [{ ...report.observations[0]!, feature: "a|b\nc" }];
    report.problems = [
      { ...report.problems[0]!, status: "in_progress" },
      { ...report.problems[2]!, severity: "critical", status: "resolved" },
    ];
    const md = renderReportMarkdown(report, "zh-CN");
    expect(md).toContain("| a\\|b c | 2-5 |");
    // Numbers are the problems' own: #1 and #3, not 1 and 2.
    expect(md).toContain(
      "- #1 presence服务有问题，未启动（严重，处理中）\n- #3 会控的脚本并发上不去，接口平均响应时间2s+（致命，已解决）\n",
    );
    expect(renderReportMarkdown(report, "en")).toContain("- #3 会控的脚本并发上不去，接口平均响应时间2s+ (critical, resolved)\n");
    expect(renderReportMarkdown({ ...report, problems: [] }, "en")).toMatch(/### Current problems\n\nNone\.\n$/);
  });
});

describe("report tables: the user's module order, hand-entered slow rows", () => {
  it("orders module rows by the report's module order, rows of one module in run order, unnamed modules after", () => {
    const { runs, records } = sampleRecords();
    const names = [...new Set(buildModuleRows(runs, records).map((m) => m.module))];
    const order = [names[5]!, names[2]!, names[0]!];
    const rows = buildModuleRows(runs, records, order);
    expect(rows).toHaveLength(18);
    const seen = [...new Set(rows.map((m) => m.module))];
    expect(seen.slice(0, 3)).toEqual(order);
    expect(seen.slice(3)).toEqual(names.filter((n) => !order.includes(n)));
    // A module with two runs (the sample report's duplicate) keeps them together, in run order.
    for (const name of names) {
      const positions = rows.map((m, i) => (m.module === name ? i : -1)).filter((i) => i >= 0);
      expect(positions.at(-1)! - positions[0]!).toBe(positions.length - 1);
    }
    const md = renderReportMarkdown({ ...sampleLikeReport(), modules: rows }, "zh-CN");
    expect(
      parseReport(md)
        .rows[0]!.slice(0, 3)
        .map((r) => r[0]),
    ).toEqual(order);
  });

  it("shows hand-entered slow rows beside the computed ones, marked manual, slowest first", () => {
    const report = sampleLikeReport();
    report.manualSlowRows = [
      {
        id: "m1",
        url: "http://10.44.14.173:8080/api/rest/v1/en/quiz",
        method: "POST",
        module: "case4答题_linux",
        avgMs: 9000.9,
        samples: null,
        note: "",
        position: 0,
      },
      { id: "m2", url: "/api/v1/sign", method: null, module: "", avgMs: 3100, samples: 12, note: "from the log", position: 1 },
    ];
    const zh = parseReport(renderReportMarkdown(report, "zh-CN")).rows[1]!;
    expect(zh[0]).toEqual(["http://10.44.14.173:8080/api/rest/v1/en/quiz（手动）", "9000"]);
    expect(zh.find((r) => r[0]!.startsWith("/api/v1/sign"))).toEqual(["/api/v1/sign（手动）", "3100"]);
    expect(zh.filter((r) => r[0]!.includes("手动"))).toHaveLength(2);
    expect(zh).toHaveLength(report.slowInterfaces.length + 2);
    expect(zh.map((r) => Number(r[1]))).toEqual([...zh.map((r) => Number(r[1]))].sort((a, b) => b - a));
    const en = renderReportMarkdown(report, "en");
    expect(en).toContain("| http://10.44.14.173:8080/api/rest/v1/en/quiz (manual) | 9000 |");
  });
});
