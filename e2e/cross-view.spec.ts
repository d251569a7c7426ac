/**
 * The same run, the same figures on the runs list and the run page, in English and Chinese: an
 * imported JTL whose samples span 30 s (the import itself takes a moment), with 1 error in 800
 * (0.125 %: JMeter prints 0.12) and an interface averaging 300.4 ms. The run page says how its
 * percentiles are computed. Screenshots: e2e/output/screenshots/cross-view-*.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

const methodText = (locale: string) =>
  (
    JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "messages", `${locale}.json`), "utf8")) as {
      runs: { results: { percentileMethod: string } };
    }
  ).runs.results.percentileMethod;

function crossJtl(baseMs: number): string {
  const head =
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,URL,Latency,SampleCount,ErrorCount,IdleTime,Connect";
  const rows: string[] = [];
  for (let i = 0; i < 795; i++) {
    const failed = i === 400;
    rows.push(
      `${baseMs + i * 38},20,GET /ok,${failed ? 500 : 200},${failed ? "Internal Server Error" : "OK"},tg 1-1,text,${!failed},100,1,1,http://127.0.0.1:1/ok,20,1,${failed ? 1 : 0},0,1`,
    );
  }
  [300, 300, 301, 301, 300].forEach((elapsed, i) =>
    rows.push(
      `${baseMs + 1000 + i * 5000},${elapsed},GET /edge,200,OK,tg 1-1,text,true,100,1,1,http://127.0.0.1:1/edge,${elapsed},1,0,0,1`,
    ),
  );
  rows.sort((a, b) => Number(a.split(",")[0]) - Number(b.split(",")[0]));
  return [head, ...rows].join("\n") + "\n";
}

async function checkRunPage(page: Page, runId: string, name: string, method: string, locale: "en" | "zh") {
  await page.goto("/runs");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("00:00:30");
  await expect(row).toContainText("0.12");
  await page.goto(`/runs/${runId}`);
  await expect(page.getByText("00:00:30").first()).toBeVisible();
  await expect(page.getByText("0.12 %").first()).toBeVisible();
  await expect(page.getByTestId("module-summary-line").first()).toContainText("in 00:00:30");
  await expect(page.getByTestId("module-summary-line").first()).toContainText("(0.12%)");
  // 300.4 ms is 300 as shown: not over a 300 ms threshold.
  const slow = page.getByTestId("slow-interfaces");
  await slow.getByRole("spinbutton").fill("300");
  await expect(slow.getByTestId("slow-url")).toHaveCount(0);
  await slow.getByRole("spinbutton").fill("299");
  await expect(slow.getByTestId("slow-url")).toHaveText(["http://127.0.0.1:1/edge"]);
  await expect(page.getByTestId("percentile-method")).toHaveText(method);
  await snap(page, `cross-view-run-${locale}`);
}

test("an imported run: the runs list and the run page show one duration, one error %, one slow-list rule, and the percentile method", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const name = uniqueName("cross-view");
  const res = await page.request.post("/api/imports/jmeter", {
    multipart: {
      module: uniqueName("cross"),
      moduleMapping: "fixed",
      utcOffsetMinutes: "0",
      name,
      file: { name: "cross.jtl", mimeType: "text/csv", buffer: Buffer.from(crossJtl(Date.UTC(2026, 11, 1, 6, 0, 0))) },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { runId } = ((await res.json()) as { data: { runId: string } }).data;
  await checkRunPage(page, runId, name, methodText("en"), "en");

  const zhContext = await browser.newContext({ storageState: test.info().project.use.storageState as string, locale: "zh-CN" });
  await zhContext.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL ?? "" }]);
  const zhPage = await zhContext.newPage();
  await checkRunPage(zhPage, runId, name, methodText("zh-CN"), "zh");
  await zhContext.close();
});
