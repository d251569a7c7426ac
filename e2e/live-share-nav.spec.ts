import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_BOOTSTRAP_TOKEN } from "./e2e-env";
import { snap, startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * The live page (planned duration, progress, the live label table, per-label response time,
 * releases per second) during a real run against a local target (127.0.0.1, port 0); the share
 * page on a phone in both languages; the page of a bad share link; the sidebar's account links.
 */
// The live checks watch a run far longer than all of them take on a busy machine (a 150 s run
// could end before them at a load of 28 on 2 cores), cancelled once they are done: its length costs
// no time. The share page and the trends read a short run of the same module, launched first,
// which completes (trends count completed runs only).
const RUN_SECONDS = 600;
const SHORT_RUN_SECONDS = 3;
const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };

let target: TLocalTarget;

test.beforeAll(async () => {
  target = await startLocalTarget(150);
});

test.afterAll(async () => {
  await target.close();
});

async function createModule(request: APIRequestContext): Promise<{ moduleName: string; moduleId: string }> {
  const moduleName = uniqueName("e2e-live");
  const mod = await request.post("/api/modules", { data: { name: moduleName } });
  expect(mod.status()).toBe(201);
  return { moduleName, moduleId: ((await mod.json()) as { data: { id: string } }).data.id };
}

async function startRun(request: APIRequestContext, moduleName: string, durationSeconds: number): Promise<string> {
  const scenario = await request.post("/api/scenarios", {
    data: {
      name: uniqueName("live-peak"),
      module: moduleName,
      baseUrl: target.url,
      load: { vus: 4, durationSeconds },
      steps: [
        { request: { name: "home", path: "/fast" } },
        { rendezvous: { name: "buy_rv", policy: { count: 4 }, timeoutSeconds: 2 } },
        { request: { name: "buy", method: "POST", path: "/slow", json: { item: 1 } } },
        { think: { seconds: 0.2 } },
      ],
    },
  });
  expect(scenario.status(), await scenario.text()).toBe(201);
  const { id: scenarioId } = ((await scenario.json()) as { data: { id: string } }).data;
  const run = await request.post("/api/runs", { data: { scenarioIds: [scenarioId], name: uniqueName("live-run") } });
  expect(run.status(), await run.text()).toBe(201);
  return ((await run.json()) as { data: { id: string } }).data.id;
}

/** GET /api/runs/:id's status. */
async function runStatus(request: APIRequestContext, id: string): Promise<string> {
  return ((await (await request.get(`/api/runs/${id}`)).json()) as { data: { status: string } }).data.status;
}

async function progress(page: import("@playwright/test").Page): Promise<number> {
  return Number(await page.getByTestId("live-progress").getAttribute("aria-valuenow"));
}

test.describe.serial("live page, share page, sidebar", () => {
  let runId = "";
  let moduleName = "";
  let moduleId = "";
  let reportId = "";
  let liveRunId = "";

  // A failed live check must not leave the long run holding the e2e server's one worker.
  test.afterEach(async ({ request }) => {
    if (liveRunId) await request.post(`/api/runs/${liveRunId}/cancel`);
    liveRunId = "";
  });

  test("the live page shows planned duration, progress, remaining time and a live, sortable label table", async ({
    page,
    request,
    context,
  }) => {
    test.setTimeout(420_000);
    ({ moduleName, moduleId } = await createModule(request));
    runId = await startRun(request, moduleName, SHORT_RUN_SECONDS);
    liveRunId = await startRun(request, moduleName, RUN_SECONDS);
    await page.goto(`/runs/${liveRunId}`);
    await expect(page.getByTestId("run-status")).toHaveText("Running", { timeout: 30_000 });
    await expect(page.getByTestId("live-planned")).toHaveText("00:10:00");
    const first = await progress(page);
    await expect.poll(() => progress(page), { timeout: 30_000 }).toBeGreaterThan(first);
    await expect(page.getByTestId("live-remaining")).toHaveText(/^00:0\d:\d\d$/);

    // The label table fills from the stored seconds: one row per request label, total and last 10 s.
    const table = page.getByTestId("table-live-labels");
    await expect(table.getByTestId("live-label-name")).toHaveCount(2, { timeout: 30_000 });
    expect((await table.getByTestId("live-label-name").allInnerTexts()).sort()).toEqual(["buy", "home"]);
    const buyRow = table.locator("tr", { hasText: "buy" });
    const cells = buyRow.locator("td");
    // avg of "buy" ≈ the target's 150 ms delay (total column 4, last-10-s column 8).
    await expect.poll(async () => Number((await cells.nth(4).innerText()).replace(/,/g, "")), { timeout: 30_000 }).toBeGreaterThan(140);
    await expect.poll(async () => Number((await cells.nth(8).innerText()).replace(/,/g, "")), { timeout: 30_000 }).toBeGreaterThan(140);

    // Sortable: Avg descending puts the slow label first, ascending the fast one.
    const avgHeader = table.getByRole("columnheader", { name: /^Avg/ }).first();
    await avgHeader.getByRole("button").click();
    await expect(avgHeader).toHaveAttribute("aria-sort", "descending");
    await expect(table.getByTestId("live-label-name").first()).toHaveText("buy");
    await avgHeader.getByRole("button").click();
    await expect(avgHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByTestId("live-label-name").first()).toHaveText("home");

    // Response time per label: both labels drawn by default, one line each; untick one.
    const chart = page.getByTestId("chart-label-response");
    await expect(chart).toHaveAttribute("data-lines", "2");
    await expect.poll(() => chart.locator(".recharts-line-curve").count(), { timeout: 30_000 }).toBe(2);
    await table.locator("tr", { hasText: "home" }).getByTestId("live-label-pick").uncheck();
    await expect(chart).toHaveAttribute("data-lines", "1");

    // Rendezvous releases: a count per second as bars, not one line per release.
    await expect
      .poll(() => page.getByTestId("chart-releases").locator(".recharts-bar-rectangle").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.mouse.move(0, 0);
    await snap(page, "live-01-en");

    // The same live page in Chinese.
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
    await page.reload();
    await expect(page.getByText("计划时长")).toBeVisible();
    await expect(page.getByRole("heading", { name: "各标签响应时间" })).toBeVisible();
    await expect(page.getByTestId("table-live-labels").getByTestId("live-label-name")).toHaveCount(2);
    await page.mouse.move(0, 0);
    await snap(page, "live-02-zh");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);

    // The live checks are done: end the run; the live page turns into the results (a run that
    // ends by itself does the same in e2e/runs.spec.ts).
    expect((await request.post(`/api/runs/${liveRunId}/cancel`)).status()).toBe(200);
    await expect(page.getByTestId("results-view")).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => runStatus(request, liveRunId), { timeout: 30_000 }).toBe("cancelled");
    await expect.poll(() => runStatus(request, runId), { timeout: 60_000 }).toBe("completed");
  });

  test("the share page on a phone: Avg, Err and the summary line reachable; in the report's language or the viewer's pick", async ({
    browser,
    request,
  }) => {
    test.setTimeout(90_000);
    const reportName = uniqueName("Peak test");
    const created = await request.post("/api/reports", { data: { name: reportName, date: "2026-12-06", runIds: [runId] } });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    reportId = id;
    const share = await request.post(`/api/reports/${id}/share`, { data: { expiresInDays: 1 } });
    expect(share.status()).toBe(201);
    const url = new URL(((await share.json()) as { data: { url: string } }).data.url);

    const phone = await browser.newContext({
      ...SIGNED_OUT,
      locale: "zh-CN",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    // An English report opens in English even for a Chinese browser.
    await page.goto(url.pathname);
    await expect(page.getByTestId("share-page")).toHaveAttribute("data-locale", "en");
    await expect(page.getByRole("heading", { level: 1, name: reportName })).toBeVisible();
    // No horizontal page scroll: only the table scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const modules = page.getByRole("table", { name: "Results by module" });
    await expect(modules).toContainText(moduleName);
    for (const name of [/^Avg/, /^Err/]) {
      const header = modules.getByRole("columnheader", { name });
      await header.scrollIntoViewIfNeeded();
      await expect(header).toBeInViewport();
    }
    const line = modules.locator("code").first();
    await expect(line).toHaveText(/^summary = +\d+ in \d\d:\d\d:\d\d/);
    await line.scrollIntoViewIfNeeded();
    await expect(line).toBeInViewport({ ratio: 0.3 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap(page, "share-01-phone-en");

    // The viewer's pick: a plain link, no sign-in.
    await page.getByTestId("share-language").getByRole("link", { name: "简体中文" }).click();
    await expect(page.getByTestId("share-page")).toHaveAttribute("data-locale", "zh-CN");
    await expect(page.getByText("分享的报告（只读）")).toBeVisible();
    const zhModules = page.getByRole("table").first();
    await expect(zhModules.getByRole("columnheader", { name: /^平均/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, "share-02-phone-zh");
    await phone.close();
  });

  test("trends: the module page and the report page show the module's days as charts and a table", async ({ page, context, baseURL }) => {
    test.setTimeout(150_000);
    for (const lang of ["en", "zh-CN"] as const) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: baseURL! }]);
      await page.goto(`/modules/${moduleId}`);
      const trend = page.getByTestId("module-trend").filter({ hasText: moduleName });
      await expect(trend).toBeVisible();
      await expect(trend.getByTestId("trend-table").locator("tbody tr")).toHaveCount(1);
      // One day with runs: one dot in each of the four charts (rate, avg, p95, err %).
      await expect.poll(() => trend.getByTestId("trend-charts").locator("circle").count(), { timeout: 30_000 }).toBe(4);
      await snap(page, `trends-01-module-${lang}`);
      await page.goto(`/reports/${reportId}`);
      const section = page.locator("section#trends");
      await expect(section.getByTestId("module-trend").filter({ hasText: moduleName })).toBeVisible();
      await section.scrollIntoViewIfNeeded();
      await snap(page, `trends-02-report-${lang}`);
    }
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  });

  test("a bad, revoked or expired share link gets its own page, not the app's 404", async ({ browser }) => {
    for (const locale of ["en-US", "zh-CN"] as const) {
      const context = await browser.newContext({ ...SIGNED_OUT, locale, viewport: { width: 390, height: 844 }, isMobile: true });
      const page = await context.newPage();
      const res = await page.goto(`/share/${"x".repeat(32)}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByTestId("share-unavailable")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        locale === "en-US" ? "This share link does not open a report" : "此分享链接无法打开报告",
      );
      await expect(page.getByText(/Back to modules|返回模块/)).toHaveCount(0);
      await expect(page.locator("a[href^='/']")).toHaveCount(0);
      await snap(page, `share-03-bad-link-${locale}`);
      await context.close();
    }
  });

  test("sidebar: Account for everyone, Admin for admins only, sign-out ends the session", async ({
    page,
    browser,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    await page.goto("/modules");
    const account = page.getByTestId("sidebar-account");
    await expect(account.getByRole("link", { name: "Account" })).toBeVisible();
    await expect(account.getByRole("link", { name: "Admin" })).toBeVisible();
    await account.getByRole("link", { name: "Admin" }).click();
    await expect(page).toHaveURL(/\/admin\//);
    await account.getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await snap(page, "nav-01-admin-en");

    // A viewer (own session, so signing out leaves the shared admin session alone).
    const admin = await playwright.request.newContext({
      baseURL,
      ...SIGNED_OUT,
      extraHTTPHeaders: { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` },
    });
    const email = `${uniqueName("viewer")}@musterpoint.test`;
    const password = "viewer-password-e2e";
    expect((await admin.post("/api/admin/users", { data: { email, name: "Wang Fang", password, role: "viewer" } })).status()).toBe(201);
    await admin.dispose();
    const context = await browser.newContext({ ...SIGNED_OUT, locale: "zh-CN" });
    const viewer = await context.newPage();
    await viewer.goto("/sign-in?next=%2Fmodules");
    await viewer.locator("input[type=email]").fill(email);
    await viewer.locator("input[type=password]").fill(password);
    await viewer.locator("button[type=submit]").click();
    await expect(viewer).toHaveURL(/\/modules$/);
    const nav = viewer.getByTestId("sidebar-account");
    await expect(nav.getByRole("link", { name: "账号" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "管理" })).toHaveCount(0);
    await snap(viewer, "nav-02-viewer-zh");
    await nav.getByRole("button", { name: "退出登录" }).click();
    await expect(viewer).toHaveURL(/\/sign-in/);
    await viewer.goto("/modules");
    await expect(viewer).toHaveURL(/\/sign-in/);
    await context.close();
  });
});
