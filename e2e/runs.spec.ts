import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { snap, startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * Live run page and results, against a local target started here (127.0.0.1, port 0): `/fast`
 * answers at once, `/slow` after SLOW_MS. Load is only ever aimed at this server.
 */
const SLOW_MS = 700;
/** The page's slow-interface threshold is lowered to this so the run stays short. */
const PAGE_THRESHOLD_MS = 400;

let target: TLocalTarget;
let targetUrl: string;

test.beforeAll(async () => {
  target = await startLocalTarget(SLOW_MS);
  targetUrl = target.url;
});

test.afterAll(async () => {
  await target.close();
});

/** A module and a scenario with a request, a rendezvous, then a transaction around the slow call. */
async function seedScenario(
  request: APIRequestContext,
  durationSeconds: number,
): Promise<{ moduleName: string; scenarioId: string; scenarioName: string }> {
  const moduleName = uniqueName("e2e-runs");
  const created = await request.post("/api/modules", { data: { name: moduleName, description: "Runs e2e" } });
  expect(created.status()).toBe(201);
  const scenarioName = uniqueName("vote-peak");
  const res = await request.post("/api/scenarios", {
    data: {
      name: scenarioName,
      module: moduleName,
      baseUrl: targetUrl,
      load: { vus: 4, durationSeconds },
      steps: [
        { request: { name: "home", path: "/fast" } },
        { rendezvous: { name: "vote_rv", policy: { count: 4 }, timeoutSeconds: 2 } },
        { transaction: { name: "vote_txn", steps: [{ request: { name: "vote", method: "POST", path: "/slow", json: { choice: 1 } } }] } },
        { think: { seconds: 0.2 } },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = ((await res.json()) as { data: { id: string } }).data;
  return { moduleName, scenarioId: id, scenarioName };
}

/** How many seconds the live charts hold (the chart container says). */
async function chartPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId("run-charts").first().getAttribute("data-points"));
}

test.describe("runs", () => {
  test("launch from the scenario, watch it live, read the results and move the window", async ({ page, request }) => {
    test.setTimeout(240_000);
    const { scenarioId, scenarioName, moduleName } = await seedScenario(request, 25);

    // Launch through the UI: the scenario's Run dialog redirects to the run page.
    await page.goto(`/scenarios/${scenarioId}`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Run scenario" });
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(/\/runs\/[\w-]+$/);
    const runId = page.url().split("/").pop()!;

    // Live: the requests/s series gains points over consecutive polls (1 s apart).
    await expect(page.getByTestId("live-view")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: scenarioName })).toBeVisible();
    await expect(page.getByTestId("run-status")).toHaveText("Running", { timeout: 30_000 });
    await expect.poll(() => chartPoints(page), { timeout: 30_000 }).toBeGreaterThan(1);
    await page.mouse.move(0, 0);
    await snap(page, "runs-01-live");
    const before = await chartPoints(page);
    console.log(`[runs.spec] live view freshness: ${await page.getByTestId("live-freshness").textContent()}`);
    await expect.poll(() => chartPoints(page), { timeout: 10_000 }).toBeGreaterThan(before);
    await expect(page.getByTestId("chart-requests").locator(".recharts-area-curve")).toBeVisible();
    await expect(page.getByTestId("live-summary")).toContainText(/summary \+ +\d+ in \d\d:\d\d:\d\d/);
    await expect(page.getByTestId("live-summary")).toContainText(/summary = +\d+ in \d\d:\d\d:\d\d/);
    // Rendezvous releases are counted per second on the time axis (bars; lines only when few).
    await expect
      .poll(() => page.getByTestId("chart-releases").locator(".recharts-bar-rectangle").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // Finished: the same page switches to the results without a reload.
    await expect(page.getByTestId("results-view")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("run-status")).toHaveText("Completed");

    // Per module: the summary line exactly as JMeter writes it.
    const line = page.getByTestId("module-summary-line").first();
    await expect(line).toHaveText(
      /^summary = +\d+ in \d\d:\d\d:\d\d = +\d+\.\d\/s Avg: +\d+ Min: +\d+ Max: +\d+ Err: +\d+ \(\d+\.\d\d%\)$/,
    );
    await expect(page.getByTestId("table-module-summary")).toContainText(moduleName);

    // Per label: requests and transactions told apart; rendezvous waits shown apart.
    const labels = page.getByTestId("table-labels");
    await expect(labels.locator("tr", { hasText: "vote_txn" }).getByTestId("label-kind")).toHaveText("Transaction");
    await expect(labels.locator("tr", { hasText: "home" }).getByTestId("label-kind")).toHaveText("Request");
    await expect(page.getByTestId("table-rendezvous-waits")).toContainText("vote_rv");

    // Slow list: lower the threshold below the slow endpoint's delay.
    const slow = page.getByTestId("slow-interfaces");
    await slow.getByLabel("Threshold").fill(String(PAGE_THRESHOLD_MS));
    await expect(slow.getByTestId("slow-url")).toHaveCount(1);
    await expect(slow.getByTestId("slow-url")).toContainText(`${targetUrl}/slow`);

    // Rendezvous releases: time, released, reason.
    const releases = page.getByTestId("table-releases");
    await expect(releases.locator("tbody tr").first()).toContainText("vote_rv");
    await expect(releases.locator("tbody tr").first()).toContainText(/Policy met|Timeout|Run stopped/);
    await expect(page.getByTestId("errors")).toContainText("No errors.");
    await page.mouse.move(0, 0);
    await snap(page, "runs-02-results");

    // The draggable window: move the left handle right; every table is recomputed for the window.
    const totalBefore = await page.getByTestId("window-status").textContent();
    const handle = page.getByTestId("window-chart").locator(".recharts-brush-traveller").first();
    // The page grew (per-label lines, releases per second): bring the handle on screen to drag it.
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 220, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(0, 0);
    await expect(page.getByTestId("window-status")).toContainText("Tables cover the window");
    await expect(page.getByTestId("results-tables")).not.toHaveAttribute("data-window", "whole", { timeout: 10_000 });
    await expect(page.getByTestId("window-status")).not.toContainText("Recomputing");
    expect(await page.getByTestId("window-status").textContent()).not.toBe(totalBefore);
    await expect(page.getByTestId("module-summary-line").first()).toHaveText(/^summary = +\d+ in /);
    await snap(page, "runs-03-results-window");
    await page.getByRole("button", { name: "Whole run" }).click();
    await expect(page.getByTestId("results-tables")).toHaveAttribute("data-window", "whole");

    // The list: the run with its status, filterable by module and status.
    await page.goto("/runs");
    await page.getByLabel("Filter by module").selectOption({ label: moduleName });
    const rows = page.getByTestId("table-runs").locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Completed");
    await expect(rows.first()).toContainText(scenarioName);
    await page.getByLabel("Filter by status").selectOption("failed");
    await expect(rows.first()).toContainText("No rows match the filter.");
    await page.getByLabel("Filter by status").selectOption("");
    await snap(page, "runs-04-list");
    await rows.first().getByRole("link", { name: scenarioName }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  });

  test("cancel a running run: confirm, and the page shows it cancelled within seconds", async ({ page, request }) => {
    test.setTimeout(180_000);
    const { scenarioId } = await seedScenario(request, 120);
    const res = await request.post("/api/runs", { data: { scenarioIds: [scenarioId] } });
    expect(res.status()).toBe(201);
    const { id } = ((await res.json()) as { data: { id: string } }).data;
    await page.goto(`/runs/${id}`);
    await expect(page.getByTestId("run-status")).toHaveText("Running", { timeout: 30_000 });
    await expect.poll(() => chartPoints(page), { timeout: 40_000 }).toBeGreaterThan(3);
    await expect(page.getByTestId("live-summary")).toContainText("summary =");
    await page.mouse.move(0, 0);
    await snap(page, "runs-05-live-before-cancel");

    await page.getByRole("button", { name: "Cancel run" }).click();
    const confirm = page.getByRole("dialog", { name: "Cancel this run?" });
    await confirm.getByRole("button", { name: "Keep running" }).click();
    await expect(confirm).toBeHidden();
    await page.getByRole("button", { name: "Cancel run" }).click();
    const asked = Date.now();
    await confirm.getByRole("button", { name: "Cancel run" }).click();
    await expect(page.getByTestId("results-view")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("run-status")).toHaveText("Cancelled");
    console.log(`[runs.spec] cancel → results view in ${Date.now() - asked} ms`);
    await expect(page.getByTestId("run-error")).toContainText("cancelled");
    await expect(page.getByTestId("module-summary-line").first()).toHaveText(/^summary = +\d+ in /);
  });

  test("an unknown run id is a 404", async ({ page }) => {
    const res = await page.goto("/runs/no-such-run");
    expect(res?.status()).toBe(404);
  });
});
