import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { snap, startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * The daily report end to end: two real runs against a local target (127.0.0.1, port 0), a round
 * built from them in the UI, observations and a problem added inline, the Markdown exported (and
 * checked against the users' report structure), the share link opened in a fresh browser context
 * without a session, then revoked.
 */
const SLOW_MS = 400;

let target: TLocalTarget;
let targetUrl: string;

test.beforeAll(async () => {
  target = await startLocalTarget(SLOW_MS);
  targetUrl = target.url;
});

test.afterAll(async () => {
  await target.close();
});

/** Module + scenario + a finished run of it; returns the run's and module's names. */
async function finishedRun(
  request: APIRequestContext,
  prefix: string,
  steps: unknown[],
): Promise<{ runId: string; runName: string; moduleName: string }> {
  const moduleName = uniqueName(prefix);
  expect((await request.post("/api/modules", { data: { name: moduleName } })).status()).toBe(201);
  const scenario = await request.post("/api/scenarios", {
    data: { name: uniqueName(`${prefix}-scn`), module: moduleName, baseUrl: targetUrl, load: { vus: 3, durationSeconds: 3 }, steps },
  });
  expect(scenario.status(), await scenario.text()).toBe(201);
  const { id: scenarioId } = ((await scenario.json()) as { data: { id: string } }).data;
  const runName = uniqueName(`${prefix}-run`);
  const run = await request.post("/api/runs", { data: { scenarioIds: [scenarioId], name: runName } });
  expect(run.status(), await run.text()).toBe(201);
  const { id: runId } = ((await run.json()) as { data: { id: string } }).data;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/runs/${runId}`);
        return ((await res.json()) as { data: { status: string } }).data.status;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe("completed");
  return { runId, runName, moduleName };
}

test.describe("daily report", () => {
  test("round from two runs, observations, a problem, Markdown export, share link without a session", async ({
    page,
    request,
    browser,
  }) => {
    test.setTimeout(180_000);
    const vote = await finishedRun(request, "e2e-vote", [
      { request: { name: "vote", method: "POST", path: "/slow", json: { choice: 1 } } },
      { request: { name: "list", path: "/fast" } },
    ]);
    const sign = await finishedRun(request, "e2e-sign", [{ request: { name: "sign", path: "/fast" } }]);
    const reportName = uniqueName("峰值脚本压测");
    // Other specs record problems with this title too: this one is told apart by its tag.
    const problemTitle = `presence服务有问题，未启动 ${uniqueName("p")}`;

    // Build the round in the UI from the two runs.
    await page.goto("/reports");
    await page.getByRole("button", { name: "New report" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New report" });
    await dialog.getByLabel("Name").fill(reportName);
    await dialog.getByRole("checkbox", { name: vote.runName }).check();
    await dialog.getByRole("checkbox", { name: sign.runName }).check();
    await snap(page, "reports-01-new-report");
    await dialog.getByRole("button", { name: "Create report" }).click();
    await expect(page).toHaveURL(/\/reports\/[\w-]+$/);
    const reportUrl = page.url();
    await expect(page.getByRole("heading", { level: 1, name: reportName })).toBeVisible();

    // Section 1: one row per run × module, each with JMeter's summary line.
    const modules = page.getByRole("table", { name: "Results by module" });
    await expect(modules.getByRole("row")).toHaveCount(3);
    await expect(modules).toContainText(vote.moduleName);
    await expect(modules).toContainText(sign.moduleName);
    await expect(modules.locator("code").first()).toHaveText(
      /^summary = +\d+ in \d\d:\d\d:\d\d = +[\d.]+\/s Avg: +\d+ Min: +\d+ Max: +\d+ Err: +\d+ \(\d+\.\d\d%\)$/,
    );

    // Section 2: lower the threshold so the 400 ms endpoint counts as slow.
    await expect(page.getByText("No interface averaged over 3 s.")).toBeVisible();
    await page.getByLabel("Slow over").fill("0.3");
    await page.getByRole("button", { name: "Apply" }).click();
    const slow = page.getByRole("table", { name: "Interfaces with average response time over 0.3 s" });
    await expect(slow).toContainText(`${targetUrl}/slow`);
    await expect(slow).not.toContainText("/fast");

    // Section 3: observations, inline.
    const addObservation = async (feature: string, value: string) => {
      await page.getByLabel("New observation: feature").fill(feature);
      await page.getByLabel("New observation: response").fill(value);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByLabel(`Feature / client: ${feature}`)).toBeVisible();
    };
    await addObservation("contact加载（客户端）", "2-5");
    await addObservation("我的会议加载（客户端）", "7-8");
    await addObservation("预约会议，会控基本功能", "正常");
    // Inline edit: a cell saves when it loses focus.
    await page.getByLabel("Response: 我的会议加载（客户端）").fill("6-8");
    await page.getByLabel("Response: 我的会议加载（客户端）").press("Enter");

    // Section 4: a problem, first reported in this round.
    await page.getByLabel("New problem").fill(problemTitle);
    await page.getByRole("button", { name: "Record problem" }).click();
    const problems = page.locator("section#problems");
    await expect(problems).toContainText(problemTitle);
    await expect(problems).toContainText("New in this round");
    await page.reload();
    await expect(page.getByLabel("Response: 我的会议加载（客户端）")).toHaveValue("6-8");
    await snap(page, "reports-02-report");

    // Markdown: preview, copy, and the .md download in the users' (Chinese) structure.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "中文", exact: true }).click();
    const preview = page.getByTestId("markdown-preview");
    await expect(preview).toContainText("### 模块压测情况");
    await page.getByRole("button", { name: "Copy Markdown" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Markdown copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`## ${reportName}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download .md" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const md = await readFile((await download.path())!, "utf8");
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      `## ${reportName}`,
      "### 模块压测情况",
      "### 接口平均响应时间大于0.3s的接口",
      "### 压力下实际终端显影情况",
      "### 当前存在的问题",
    ]);
    expect(md).toContain("| 模块 | 并发数据 |\n| :------- | :---- |");
    expect(md).toContain("| 接口 | 平均响应时间 |\n| :------- | :---- |");
    expect(md).toContain("| 模块 | 响应s |\n| :------- | :---- |");
    expect(md).toContain("| contact加载（客户端） | 2-5 |\n| 我的会议加载（客户端） | 6-8 |\n| 预约会议，会控基本功能 | 正常 |");
    expect(md).toMatch(new RegExp(`\\n- #\\d+ ${problemTitle}（严重）\\n$`));
    const summaryLines = md.split("\n").filter((l) => l.includes("summary ="));
    expect(summaryLines).toHaveLength(2);
    for (const line of summaryLines) {
      expect(line.split(" | ")[1]!.replace(/ \|$/, "")).toMatch(
        /^summary = +\d+ in \d\d:\d\d:\d\d = +[\d.]+\/s Avg: +\d+ Min: +\d+ Max: +\d+ Err: +\d+ \(\d+\.\d\d%\)$/,
      );
    }

    // Share: create a link, open it with no session at all.
    await page.getByRole("button", { name: "Create link" }).click();
    const shareUrl = await page.getByTestId("share-url").inputValue();
    expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{20,}$/);
    await snap(page, "reports-03-share-created");

    const anonymous = await browser.newContext({ storageState: undefined, locale: "en-US", viewport: { width: 1360, height: 860 } });
    const guest = await anonymous.newPage();
    // The report is written in Chinese (its problems), so the page opens in Chinese; pick English.
    await guest.goto(shareUrl);
    await expect(guest.getByText("分享的报告（只读）")).toBeVisible();
    await guest.goto(`${shareUrl}?lang=en`);
    await expect(guest.getByRole("heading", { level: 1, name: reportName })).toBeVisible();
    await expect(guest.getByText("Shared report (read-only)")).toBeVisible();
    await expect(guest.getByRole("table", { name: "Results by module" }).getByRole("row")).toHaveCount(3);
    await expect(guest.getByRole("img", { name: "Throughput and average response time per module" })).toBeVisible();
    await expect(guest.locator("section#observations")).toContainText("6-8");
    await expect(guest.locator("section#problems")).toContainText(problemTitle);
    // Nothing on it can change data: no forms, no inputs, no buttons, no links into the app.
    await expect(guest.locator("form, input, textarea, select")).toHaveCount(0);
    // (Its own download, /share/<token>/report.html, is not the app.)
    await expect(guest.locator("a[href^='/']:not([href^='/share/'])")).toHaveCount(0);
    await snap(guest, "reports-04-shared-page");
    // The app itself still wants a session.
    await guest.goto(reportUrl);
    await expect(guest).toHaveURL(/\/sign-in/);

    // Revoke: the link stops working at once.
    await page.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText("Revoked", { exact: true })).toBeVisible();
    const gone = await guest.goto(shareUrl);
    expect(gone?.status()).toBe(404);
    await anonymous.close();

    // Problems page: change status with a note; the history shows it.
    await page.goto("/problems");
    await page.getByRole("button", { name: problemTitle, exact: true }).click();
    const problemDialog = page.getByRole("dialog");
    await problemDialog.getByLabel("Status").selectOption("in_progress");
    await problemDialog.getByLabel("Note").fill("和开发约好明天一起看一下");
    await problemDialog.getByRole("button", { name: "Save" }).click();
    await expect(problemDialog.getByRole("listitem").filter({ hasText: "和开发约好明天一起看一下" })).toBeVisible();
    await snap(page, "reports-05-problem-history");
    await problemDialog.getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("table", { name: "Problems" })).toContainText("In progress");
    await snap(page, "reports-06-problems");

    await page.goto("/reports");
    await expect(page.getByRole("link", { name: reportName })).toBeVisible();
    await snap(page, "reports-07-list");
  });

  test("REST API: a nightly job assembles the report", async ({ request }) => {
    const created = await request.post("/api/reports", { data: { name: uniqueName("nightly"), date: "2026-11-21", runIds: [] } });
    expect(created.status()).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    expect((await request.post(`/api/reports/${id}/observations`, { data: { feature: "直播加载", seconds: "3-4" } })).status()).toBe(201);
    expect((await request.post("/api/problems", { data: { title: uniqueName("脚本报错"), reportId: id } })).status()).toBe(201);
    const md = await request.get(`/api/reports/${id}/markdown?lang=zh-CN`);
    expect(md.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(await md.text()).toContain("| 直播加载 | 3-4 |");
    const bad = await request.post("/api/reports", { data: { name: "", date: "yesterday" } });
    expect(bad.status()).toBe(400);
    const body = (await bad.json()) as { error: string; issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["name", "date"]));
    const share = await request.post(`/api/reports/${id}/share`, { data: { expiresInDays: 1 } });
    expect(share.status()).toBe(201);
    expect(((await share.json()) as { data: { url: string } }).data.url).toMatch(/\/share\//);
  });
});
