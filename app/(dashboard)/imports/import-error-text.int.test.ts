/**
 * A failed import keeps its reason's code and parameters (Import.report.error), the API returns
 * them as errorCode / errorParams, and the Imports page words them in the reader's language: the
 * zh-CN scan (e2e/locale-and-time.spec.ts) found the parser's English on /imports before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import * as list from "@/app/api/imports/route";
import * as one from "@/app/api/imports/[importId]/route";
import * as log from "@/app/api/imports/jmeter-log/route";
import { prisma } from "@/lib/db/client";
import type { TImportRecord } from "@/lib/imports/get-import";
import { importJmxPlan, JmxImportFailed } from "@/lib/imports/import-jmx";
import { importJtlFile } from "@/lib/imports/import-jtl-file";
import { resetDatabase } from "@/test/reset-run-db";
import { importSummariserLog } from "@/lib/imports/import-summariser-log";
import { ImportErrorText, ImportWarningText } from "./import-error-text";

const root = path.join(import.meta.dirname, "../../..");
const messages = (locale: string) =>
  JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Record<string, unknown>;
const BASE = "http://localhost/api";
/** The success envelope of these routes is being unified ({ data }); the error fields do not depend on it. */
const unwrap = <T>(body: unknown, legacyKey?: string): T => {
  const b = body as Record<string, unknown>;
  return (b.data ?? (legacyKey ? b[legacyKey] : b)) as T;
};

function inLocale(locale: string, element: React.ReactElement): string {
  return renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale, timeZone: "UTC", messages: messages(locale) } as Parameters<typeof NextIntlClientProvider>[0],
      element,
    ),
  );
}
const render = (
  locale: string,
  props: { errorCode?: string | null; errorParams?: Record<string, string | number> | null; error?: string | null },
) => inLocale(locale, createElement(ImportErrorText, props));
/** The text a reader sees, with what the file holds (<code>) left out. */
const prose = (html: string) =>
  html
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();

describe("import errors in the reader's language", () => {
  beforeEach(resetDatabase);

  it("a truncated CSV row: stored with its code, returned by the API, shown in Chinese", async () => {
    const lines = readFileSync(path.join(root, "lib/jmeter/fixtures/csv-header.jtl"), "utf8").split("\n");
    const columns = lines[0]!.split(",").length;
    const cut = lines[5]!.split(",").slice(0, 4).join(",");
    const r = await importJtlFile(Readable.from([Buffer.from([...lines.slice(0, 5), cut].join("\n"))]), { fileName: "cut.jtl" });
    expect(r.status).toBe("failed");
    expect(r.error).toBe(`line 6: expected ${columns} fields, found 4 (a truncated row, or a different column layout)`);

    const row = await prisma.import.findUniqueOrThrow({ where: { id: r.importId }, select: { error: true, report: true } });
    expect(row.error).toBe(r.error);
    expect(row.report).toEqual({ error: { code: "csv_too_few_fields", params: { expected: columns, found: 4 }, line: 6 } });

    const rec = unwrap<TImportRecord>(
      await (await one.GET(new Request(`${BASE}/imports/${r.importId}`), { params: Promise.resolve({ importId: r.importId }) })).json(),
    );
    expect([rec.error, rec.errorCode, rec.errorParams]).toEqual([r.error, "csv_too_few_fields", { expected: columns, found: 4, line: 6 }]);
    const all = unwrap<TImportRecord[]>(await (await list.GET(new Request(`${BASE}/imports`), undefined)).json(), "imports");
    expect(all.map((i) => [i.id, i.errorCode])).toEqual([[r.importId, "csv_too_few_fields"]]);

    const zh = render("zh-CN", rec);
    expect(prose(zh)).toBe(`第 6 行：应有 ${columns} 列，这一行只有 4 列（行被截断了，或者列布局和前面不一致）`);
    expect(prose(render("en", rec))).toBe(r.error);
    // Without a code the page knows, the stored text as it is.
    expect(prose(render("zh-CN", { error: "anything else", errorCode: "no_such_code", errorParams: {} }))).toBe("anything else");
  });

  it("what the file holds stays as written: a quoted value and an XML element path", async () => {
    const header = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency";
    const r = await importJtlFile(Readable.from([Buffer.from(`${header}\n1700000000000,12,home,200,OK,g 1-1,text,maybe,10,1,1,5\n`)]), {
      fileName: "bad.jtl",
    });
    const rec = unwrap<TImportRecord>(
      await (await one.GET(new Request(`${BASE}/imports/${r.importId}`), { params: Promise.resolve({ importId: r.importId }) })).json(),
    );
    expect(rec.errorCode).toBe("csv_success_not_boolean");
    const zh = render("zh-CN", rec);
    expect(zh).toContain("<code");
    expect(zh).toMatch(/>maybe<\/code>/);
    expect(prose(zh)).toBe("第 2 行： 列的值 不是 true 或 false");

    const xml = await importJtlFile(
      Readable.from([
        Buffer.from(
          '<?xml version="1.0"?>\n<testResults version="1.2">\n<httpSample t="5" ts="1700000000000" s="true" lb="a"/>\n<oops/>\n</testResults>\n',
        ),
      ]),
      {
        fileName: "bad.xml",
      },
    );
    const x = unwrap<TImportRecord>(
      await (await one.GET(new Request(`${BASE}/imports/${xml.importId}`), { params: Promise.resolve({ importId: xml.importId }) })).json(),
    );
    expect(x.errorCode).toBe("xml_unexpected_sample");
    expect(x.errorParams).toMatchObject({ element: "oops", line: 4 });
    expect(String(x.errorParams?.path)).toMatch(/^\/testResults\[1\]\/oops\[1\]$/);
    const xzh = render("zh-CN", x);
    expect(xzh).toContain(`>${x.errorParams?.path}</code>`);
    expect(prose(xzh)).toBe("第 4 行， ：这里应是 或 元素，实际是");
  });

  it("a JMX plan that is a JTL, and a log without summary lines", async () => {
    const jtl = readFileSync(path.join(root, "lib/jmeter/fixtures/xml.jtl"), "utf8");
    const failed = await importJmxPlan({ text: jtl, fileName: "results.jmx" }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(JmxImportFailed);
    const id = (failed as JmxImportFailed).importId;
    const rec = unwrap<TImportRecord>(
      await (await one.GET(new Request(`${BASE}/imports/${id}`), { params: Promise.resolve({ importId: id }) })).json(),
    );
    expect([rec.errorCode, rec.error]).toEqual(["jmx_is_jtl", "this is a JTL result file, not a JMX test plan"]);
    expect(prose(render("zh-CN", rec))).toBe("这是 JTL 结果文件，不是 JMX 测试计划");

    const res = await log.POST(
      new Request(`${BASE}/imports/jmeter-log`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "hello" }),
      }),
      undefined,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; code: string; errorCode: string; errorParams: Record<string, string | number> };
    expect([body.code, body.errorCode, body.errorParams]).toEqual(["INVALID_INPUT", "log_no_summary_lines", {}]);
    expect(prose(render("zh-CN", body))).toBe("没有找到 行：请粘贴 JMeter 控制台或 jmeter.log 的输出");
  });

  it("the warnings of a successful import: English as before, by code for the page", async () => {
    const line = "summary =    473 in     9s =   52.6/s Avg:    92 Min:     4 Max:   523 Err:    35 (7.40%)";
    const r = await importSummariserLog({ text: `${line}\n${line}\n`, module: "vote" });
    expect(r.warnings).toEqual(["line 2: duplicate of line 1 (module vote), ignored"]);
    expect(r.warningCodes).toEqual([{ code: "warning_log_duplicate", params: { earlier: 1, module: "vote" }, line: 2 }]);
    const rec = unwrap<TImportRecord>(
      await (await one.GET(new Request(`${BASE}/imports/${r.importId}`), { params: Promise.resolve({ importId: r.importId }) })).json(),
    );
    const report = rec.report as {
      warnings: string[];
      warningCodes: { code: string; params: Record<string, string | number>; line?: number }[];
    };
    expect([report.warnings, report.warningCodes]).toEqual([r.warnings, r.warningCodes]);
    expect(rec.errorCode).toBeNull();
    const zh = inLocale("zh-CN", createElement(ImportWarningText, { warning: report.warningCodes[0], text: report.warnings[0]! }));
    expect(zh).toMatch(/>vote<\/code>/);
    expect(prose(zh)).toBe("第 2 行：与第 1 行重复（模块 ），已忽略");
    expect(prose(inLocale("en", createElement(ImportWarningText, { warning: report.warningCodes[0], text: report.warnings[0]! })))).toBe(
      "line 2: duplicate of line 1 (module ), ignored",
    );
  });
});
