/**
 * The report files end to end: the routes answer downloads; the HTML of a run and of a daily
 * report opens from file:// in Chromium with every request refused and none attempted, and shows
 * the summary lines, the slow list, the observations and the problems; the run's label table as
 * CSV and JSON matches the stored rows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createProblem } from "@/lib/problems/create-problem";
import { createObservation } from "@/lib/reports/create-observation";
import { finalizeRun } from "@/lib/runs/finalize-run";
import { createShareLink } from "@/lib/share/create-share-link";
import { resetAllTables } from "@/test/auth-helpers";
import { seedRun } from "@/test/report-fixtures";
import { writeSyntheticRun } from "@/test/synthetic-run";
import * as runHtml from "@/app/api/runs/[runId]/report.html/route";
import * as runCsv from "@/app/api/runs/[runId]/labels.csv/route";
import * as runJson from "@/app/api/runs/[runId]/labels.json/route";
import * as reportHtml from "@/app/api/reports/[reportId]/report.html/route";
import * as shareHtml from "@/app/share/[token]/report.html/route";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mp-report-file-"));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(resetAllTables);

const get = (url: string) => new Request(`http://localhost${url}`, { headers: { cookie: "NEXT_LOCALE=en" } });

/** Opens the file offline with every request aborted; returns the page's text and every request it tried. */
async function openOffline(html: string, name: string): Promise<{ text: string; requests: string[] }> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, html);
  // To look at the files: REPORT_FILE_OUT=dir keeps a copy of each.
  if (process.env.REPORT_FILE_OUT) fs.copyFileSync(file, path.join(process.env.REPORT_FILE_OUT, name));
  const href = pathToFileURL(file).href;
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
  const requests: string[] = [];
  // Everything but the file itself is refused (and recorded: nothing may even be attempted).
  await context.route("**/*", (route) => (route.request().url() === href ? route.continue() : route.abort()));
  const page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(href, { waitUntil: "load" });
  await page.waitForTimeout(300); // anything lazy would have started by now
  const text = await page.locator("body").innerText();
  await context.close();
  return { text, requests: requests.filter((u) => u !== href) };
}

describe("report files", () => {
  it("a run: self-contained HTML with summary lines, charts, labels and slow list; labels as CSV and JSON", async () => {
    // Label 0 averages ~3.5 s (synthetic-run.ts): on the slow list at the default 3 s.
    const { id } = await writeSyntheticRun({ name: "checkout peak", labels: 6, seconds: 40, seed: 3 });
    await finalizeRun(id, { status: "completed" });
    const summary = await prisma.runSummaryRow.findFirstOrThrow({ where: { runId: id, scope: "total" } });

    const res = await runHtml.GET(get(`/api/runs/${id}/report.html`), { params: Promise.resolve({ runId: id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="checkout peak\.html"/);
    const html = await res.text();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import|src=|href="http/i);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<svg /g)?.length).toBe(3);

    // The detector itself: a page that does load something is caught.
    expect((await openOffline('<!doctype html><img src="http://127.0.0.1:9/x.png">', "control.html")).requests).toEqual([
      "http://127.0.0.1:9/x.png",
    ]);
    const { text, requests } = await openOffline(html, "run.html");
    expect(requests).toEqual([]);
    expect(text).toContain(summary.summaryLine);
    expect(text).toMatch(/Interfaces with average response time over 3 s/);
    expect(text).toContain("POST http://127.0.0.1/api/rest/v1/module0/op0");
    for (let l = 0; l < 6; l++) expect(text).toContain(`POST /api/rest/v1/module${l}/op${l}`);

    const zh = await (await runHtml.GET(get(`/api/runs/${id}/report.html?lang=zh-CN`), { params: Promise.resolve({ runId: id }) })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("接口平均响应时间大于3s的接口");

    const csv = await (await runCsv.GET(get(`/api/runs/${id}/labels.csv`), { params: Promise.resolve({ runId: id }) })).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^run,run_id,module,label,kind,method,url,samples,errors,error_pct,avg_ms/);
    expect(lines).toHaveLength(1 + 6);
    const json = (await (await runJson.GET(get(`/api/runs/${id}/labels.json`), { params: Promise.resolve({ runId: id }) })).json()) as {
      data: { label: string; samples: number }[];
    };
    const stored = await prisma.runSummaryRow.findMany({ where: { runId: id, scope: "label" } });
    expect(json.data.map((r) => r.samples).sort()).toEqual(stored.map((r) => Number(r.samples)).sort());

    const missing = await runHtml.GET(get("/api/runs/nope/report.html"), { params: Promise.resolve({ runId: "nope" }) });
    expect(missing.status).toBe(404);
  });

  it("a daily report: summary lines, slow list, observations and problems, offline; also through a share link", async () => {
    const runId = await seedRun({
      name: "峰值 run",
      modules: [
        {
          module: "vote",
          elapsedS: 600,
          labels: [
            { label: "submit", url: "http://127.0.0.1/api/vote/submit", samples: 3000, avgMs: 4200 },
            { label: "list", url: "http://127.0.0.1/api/vote/list", samples: 9000, avgMs: 80 },
          ],
        },
        { module: "login", elapsedS: 600, labels: [{ label: "login", url: "http://127.0.0.1/api/login", samples: 1200, avgMs: 300 }] },
      ],
    });
    const today = new Date().toISOString().slice(0, 10);
    const round = await prisma.report.create({ data: { name: "峰值脚本压测", date: new Date(today) } });
    await prisma.reportRun.create({ data: { reportId: round.id, runId, position: 0 } });
    await createObservation(round.id, { feature: "答题提交", value: "2-5" });
    await createObservation(round.id, { feature: "登录", value: "正常" });
    await createProblem({ title: "答题提交偶发超时", reportId: round.id, owner: "张伟" });
    const moduleLines = (await prisma.runSummaryRow.findMany({ where: { runId, scope: "module" }, orderBy: { module: "asc" } })).map(
      (r) => r.summaryLine,
    );

    const res = await reportHtml.GET(get(`/api/reports/${round.id}/report.html?lang=zh-CN`), {
      params: Promise.resolve({ reportId: round.id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`峰值脚本压测 ${today}.html`)}`);
    const html = await res.text();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import|src=|href="http/i);

    const { text, requests } = await openOffline(html, "report.html");
    expect(requests).toEqual([]);
    for (const line of moduleLines) expect(text).toContain(line);
    expect(text).toContain("接口平均响应时间大于3s的接口");
    expect(text).toContain("http://127.0.0.1/api/vote/submit");
    expect(text).not.toContain("http://127.0.0.1/api/vote/list\t"); // 80 ms: not slow (it is in the label table only)
    expect(text).toContain("压力下实际终端显影情况");
    expect(text).toMatch(/答题提交\s+2-5/);
    expect(text).toMatch(/登录\s+正常/);
    expect(text).toContain("当前存在的问题");
    expect(text).toContain("答题提交偶发超时");

    const { token } = await createShareLink({ reportId: round.id });
    const shared = await shareHtml.GET(get(`/share/${token}/report.html?lang=en`), { params: Promise.resolve({ token }) });
    expect(shared.status).toBe(200);
    expect(await shared.text()).toContain("Current problems");
    const bad = await shareHtml.GET(get(`/share/${"x".repeat(43)}/report.html`), { params: Promise.resolve({ token: "x".repeat(43) }) });
    expect(bad.status).toBe(404);
  });
});
