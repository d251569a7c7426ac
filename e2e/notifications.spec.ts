import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { snap, startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * Webhooks and report files in the built app with its worker: a webhook added on Admin → Webhooks
 * (its allow-list set to loopback), a real run and "Mark ready" on its report notify a receiver on
 * 127.0.0.1 and the delivery log says delivered; the run and report HTML files download; the
 * report prints without the sidebar. Screenshots in English and Chinese.
 */
let target: TLocalTarget;
let receiver: http.Server;
let receiverUrl = "";
const received: { event: string; title: string }[] = [];

test.beforeAll(async () => {
  target = await startLocalTarget(10);
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { event: string; title: string });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

test.afterAll(async () => {
  await target.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

test("webhook from the admin page, notified on run end and on Mark ready; HTML files; print", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  expect(
    (
      await request.put("/api/admin/webhooks/allow-list", { data: { hosts: ["hooks.slack.com"], cidrs: ["127.0.0.0/8"], ports: [] } })
    ).status(),
  ).toBe(200);

  await page.goto("/admin/webhooks");
  const name = uniqueName("team-chat");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Format").selectOption("json");
  await page.getByLabel("Webhook URL").fill(receiverUrl);
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
  // Off the allow-list: refused with the reason, nothing added.
  await page.getByLabel("Name", { exact: true }).fill(uniqueName("outside"));
  await page.getByLabel("Webhook URL").fill("https://chat.example.invalid/hook");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.locator("#webhooks-error")).toContainText("not on the webhook allow-list");

  // A real run against the loopback target.
  const moduleName = uniqueName("e2e-notify");
  expect((await request.post("/api/modules", { data: { name: moduleName } })).status()).toBe(201);
  const scenario = await request.post("/api/scenarios", {
    data: {
      name: uniqueName("notify-scn"),
      module: moduleName,
      baseUrl: target.url,
      load: { vus: 2, durationSeconds: 2 },
      steps: [{ request: { name: "ping", path: "/fast" } }],
    },
  });
  expect(scenario.status(), await scenario.text()).toBe(201);
  const runName = uniqueName("notify-run");
  const run = await request.post("/api/runs", {
    data: { scenarioIds: [((await scenario.json()) as { data: { id: string } }).data.id], name: runName },
  });
  const runId = ((await run.json()) as { data: { id: string } }).data.id;
  await expect
    .poll(() => received.filter((m) => m.event === "run.finished" && m.title.includes(runName)).length, { timeout: 60_000 })
    .toBe(1);

  const report = await request.post("/api/reports", {
    data: { name: uniqueName("峰值脚本压测"), date: new Date().toISOString().slice(0, 10), runIds: [runId] },
  });
  expect(report.status(), await report.text()).toBe(201);
  const reportId = ((await report.json()) as { data: { id: string } }).data.id;
  await page.goto(`/reports/${reportId}`);
  await page.getByRole("button", { name: "Mark ready" }).click();
  await expect(page.getByTestId("report-ready")).toContainText("Ready since");
  await expect.poll(() => received.filter((m) => m.event === "report.ready").length, { timeout: 20_000 }).toBe(1);
  await page.reload();
  await expect(page.getByRole("button", { name: "Mark ready" })).toHaveCount(0);

  // The report file: self-contained, named after the report.
  const [reportFile] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-report-html").click()]);
  const reportHtml = await readFile((await reportFile.path())!, "utf8");
  expect(reportFile.suggestedFilename()).toMatch(/\.html$/);
  expect(reportHtml).not.toMatch(/<script|<link|src=/i);
  expect(reportHtml).toContain(runName);

  // Print: the content without the sidebar and buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("aside")).toBeHidden();
  await expect(page.getByTestId("download-report-html")).toBeHidden();
  await snap(page, "report-print");
  await page.emulateMedia({ media: "screen" });
  await snap(page, "report-mark-ready-en");

  await page.goto(`/runs/${runId}`);
  const [runFile] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-run-html").click()]);
  const runHtml = await readFile((await runFile.path())!, "utf8");
  expect(runHtml).toContain(`<h1>${runName}</h1>`);
  expect(runHtml).toMatch(/summary = +\d+ in 00:00:0\d/);
  await snap(page, "run-downloads-en");

  await page.goto("/admin/webhooks");
  const log = page.getByTestId("delivery-log");
  await expect(log.getByRole("row").filter({ hasText: runName }).filter({ hasText: "Delivered" })).toHaveCount(1);
  await expect(log.getByRole("row").filter({ hasText: "Report ready" }).filter({ hasText: "Delivered" })).toHaveCount(1);
  await snap(page, "admin-webhooks-en");

  const zh = await browser.newContext({
    storageState: await page.context().storageState(),
    locale: "zh-CN",
    viewport: { width: 1360, height: 860 },
  });
  await zh.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  const zhPage = await zh.newPage();
  await zhPage.goto("/admin/webhooks");
  await expect(zhPage.getByRole("button", { name: "添加 Webhook" })).toBeVisible();
  await expect(zhPage.getByTestId("delivery-log")).toContainText("已送达");
  await snap(zhPage, "admin-webhooks-zh");
  await zhPage.goto(`/reports/${reportId}`);
  await expect(zhPage.getByTestId("report-ready")).toContainText("就绪");
  await snap(zhPage, "report-mark-ready-zh");
  await zh.close();
});

test("an admin saves the webhook allow-list, pauses and deletes a webhook on the page", async ({ page }) => {
  await page.goto("/admin/webhooks");
  // The allow-list form is the page's second; its fields carry the webhook- prefix.
  const allowList = page.locator("form").filter({ has: page.locator("#webhook-ports") });
  await page.locator("#webhook-hosts").fill("hooks.slack.com");
  await page.locator("#webhook-cidrs").fill("127.0.0.0/8");
  await page.locator("#webhook-ports").fill("");
  await allowList.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#webhook-allow-list-status")).toHaveText("Saved.");

  const name = uniqueName("quiet-hook");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Webhook URL").fill("http://127.0.0.1:9/hook");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Enabled", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row.getByText("Paused", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name }).getByText("Paused", { exact: true })).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);
  await expect(page.locator("#webhook-cidrs")).toHaveValue("127.0.0.0/8");
});
