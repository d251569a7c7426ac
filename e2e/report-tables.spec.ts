import { expect, test, type Browser, type Page } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

/**
 * The daily report's tables and record as a tester builds them from pasted summariser logs only:
 * the module order set with the up/down buttons, a slow-list row entered by hand (marked manual),
 * a problem with its own number and severity — on the report page and the share page, in English
 * and Chinese, with screenshots of each.
 */
const today = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

async function openZh(browser: Browser, url: string, signedIn: boolean): Promise<Page> {
  const context = await browser.newContext(
    signedIn ? { storageState: test.info().project.use.storageState as string } : { storageState: { cookies: [], origins: [] } },
  );
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: test.info().project.use.baseURL! }]);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.goto(url);
  return page;
}

test("report tables: module order, manual slow rows, severity and problem numbers — report and share page, en and zh", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const tag = uniqueName("rt");
  const [a, b, c] = ["a", "b", "c"].map((x) => `${tag}-${x}`) as [string, string, string];
  const log = [
    `| ${a} | summary = 57553848 in 05:55:19 = 2699.6/s Avg: 17 Min: 1 Max: 50594 Err: 0 (0.00%) |`,
    `| ${b} | summary = 466803 in 03:04:12 = 42.2/s Avg: 1424 Min: 2 Max: 301003 Err: 1749 (0.37%) |`,
    `| ${c} | summary = 28776280 in 03:13:32 = 2478.2/s Avg: 3643 Min: 1 Max: 60012 Err: 0 (0.00%) |`,
  ].join("\n");
  const imported = await request.post("/api/imports/jmeter-log", { data: { text: log, name: `${tag} peak` } });
  expect(imported.status(), await imported.text()).toBe(201);
  const { runId } = ((await imported.json()) as { data: { runId: string } }).data;
  const report = await request.post("/api/reports", { data: { name: `${tag} 峰值脚本压测`, date: today, runIds: [runId] } });
  expect(report.status(), await report.text()).toBe(201);
  const reportId = ((await report.json()) as { data: { id: string } }).data.id;
  const problem = await request.post("/api/problems", {
    data: { title: `${tag} presence服务有问题，未启动`, severity: "critical", reportId },
  });
  expect(problem.status()).toBe(201);
  const { number } = ((await problem.json()) as { data: { number: number } }).data;

  await page.goto(`/reports/${reportId}`);
  const modules = page.locator("section#modules");
  const firstModule = modules.locator("table tbody tr").first();
  await expect(firstModule).toContainText(a);
  // The pasted (whitespace-normalised) line is shown in JMeter's padding.
  await expect(firstModule).toContainText("summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)");

  // Module order: c to the top with the up button, twice.
  await modules.getByTestId("module-order").locator("summary").click();
  await modules.getByRole("button", { name: `Move ${c} up` }).click();
  await expect(modules.locator("table tbody tr").nth(1)).toContainText(c);
  // Saved, not just moved on screen: a reload keeps it.
  await page.reload();
  await expect(modules.locator("table tbody tr").nth(1)).toContainText(c);
  await modules.getByTestId("module-order").locator("summary").click();
  await modules.getByRole("button", { name: `Move ${c} up` }).click();
  await expect(firstModule).toContainText(c);
  await expect(modules.locator("table tbody tr").nth(1)).toContainText(a);

  // A slow-list row by hand: summariser logs have no per-URL figures.
  const slow = page.locator("section#slow");
  const editor = slow.getByTestId("manual-slow-rows");
  if (!(await editor.getAttribute("open"))) await editor.locator("summary").click();
  await editor.getByLabel("New row: method").fill("post");
  await editor.getByLabel("New row: interface").fill("/api/rest/v1/en/vote");
  await editor.getByLabel("New row: module").fill(c);
  await editor.getByLabel("New row: average (ms)").fill("5680");
  await editor.getByRole("button", { name: "Add row" }).click();
  const manualRow = slow.locator("table tbody tr").filter({ hasText: "/api/rest/v1/en/vote" });
  await expect(manualRow).toContainText("manual");
  await expect(manualRow).toContainText("5,680");
  // A bad average is refused with a message, nothing added.
  await editor.getByLabel("New row: interface").fill("/api/x");
  await editor.getByLabel("New row: average (ms)").fill("-3");
  await editor.getByRole("button", { name: "Add row" }).click();
  await expect(editor.getByRole("alert")).toContainText("negative");
  await expect(slow.locator("table tbody tr")).toHaveCount(1);
  await editor.getByLabel("New row: interface").fill("");
  await editor.getByLabel("New row: average (ms)").fill("");

  const problems = page.locator("section#problems");
  await expect(problems).toContainText(`#${number}`);
  await expect(problems).toContainText("Critical");
  await modules.getByTestId("module-order").evaluate((d) => d.setAttribute("open", ""));
  await snap(page, "report-tables-01-report-en");

  const md = await (await request.get(`/api/reports/${reportId}/markdown?lang=zh-CN`)).text();
  expect(md.indexOf(`| ${c} |`)).toBeLessThan(md.indexOf(`| ${a} |`));
  expect(md).toContain("| /api/rest/v1/en/vote（手动） | 5680 |");
  expect(md).toContain(`- #${number} ${tag} presence服务有问题，未启动（致命）`);

  const zh = await openZh(browser, `/reports/${reportId}`, true);
  await expect(zh.locator("section#slow table tbody tr").first()).toContainText("手动");
  await expect(zh.locator("section#problems")).toContainText("致命");
  await expect(zh.locator("section#modules table tbody tr").first()).toContainText(c);
  await zh
    .locator("section#modules")
    .getByTestId("module-order")
    .evaluate((d) => d.setAttribute("open", ""));
  await expect(zh.locator("section#modules")).toContainText("模块顺序");
  await snap(zh, "report-tables-02-report-zh");
  await zh.context().close();

  const share = await request.post(`/api/reports/${reportId}/share`, { data: { expiresInDays: 1 } });
  expect(share.status()).toBe(201);
  const { url } = ((await share.json()) as { data: { url: string } }).data;
  const sharePath = new URL(url).pathname;
  const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const guestPage = await guest.newPage();
  await guestPage.setViewportSize({ width: 1360, height: 860 });
  await guestPage.goto(`${sharePath}?lang=en`);
  await expect(guestPage.locator("section#slow table tbody tr").first()).toContainText("manual");
  await expect(guestPage.locator("section#problems")).toContainText(`#${number}`);
  await expect(guestPage.locator("section#problems")).toContainText("Critical");
  await expect(guestPage.locator("section#modules table tbody tr").first()).toContainText(c);
  // Read-only: no order buttons, no row editor.
  await expect(guestPage.getByTestId("module-order")).toHaveCount(0);
  await expect(guestPage.getByTestId("manual-slow-rows")).toHaveCount(0);
  await snap(guestPage, "report-tables-03-share-en");
  await guestPage.goto(`${sharePath}?lang=zh-CN`);
  await expect(guestPage.locator("section#slow table tbody tr").first()).toContainText("手动");
  await expect(guestPage.locator("section#problems")).toContainText("致命");
  await snap(guestPage, "report-tables-04-share-zh");
  await guest.close();
});
