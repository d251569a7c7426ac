import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

/**
 * Launch parameters through the dialog (required ones marked and enforced, defaults in place),
 * the values on the run page (secrets masked), the requests the target saw, and the iteration
 * start lag section of a paced scenario. Load goes only to the server started here on 127.0.0.1.
 */
let server: http.Server;
let targetUrl: string;
const seen: string[] = [];

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    seen.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  targetUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test.describe("launch parameters", () => {
  test("set in the dialog, required one enforced, used by the requests, shown on the run page; pacing lag reported", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const moduleName = uniqueName("e2e-params");
    expect((await request.post("/api/modules", { data: { name: moduleName } })).status()).toBe(201);
    const scenarioName = uniqueName("paced");
    const created = await request.post("/api/scenarios", {
      data: {
        name: scenarioName,
        module: moduleName,
        baseUrl: targetUrl,
        variables: { region: "eu", api_token: "scenario-secret" },
        pacing: { everySeconds: 0.5 },
        load: { vus: 2, durationSeconds: 4 },
        steps: [
          { request: { name: "page", path: "/p/${region}/${__P(ENVIRONMENT)}/${__P(size,10)}", headers: { "x-token": "${api_token}" } } },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id: scenarioId } = ((await created.json()) as { data: { id: string } }).data;

    // The API refuses a launch without the required parameter, naming it.
    const refused = await request.post("/api/runs", { data: { scenarioIds: [scenarioId], variables: { region: "us" } } });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe(
      `launch parameter ENVIRONMENT is required by scenario ${scenarioName}; give it in variables`,
    );

    await page.goto(`/scenarios/${scenarioId}`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Run scenario" });
    const parameters = dialog.getByTestId("launch-parameters");
    await expect(parameters).toBeVisible();
    // Each variable and __P name, with its default in place; the required one marked.
    await expect(parameters.locator("[data-parameter]")).toHaveCount(4);
    await expect(parameters.locator('[data-parameter="region"]')).toHaveValue("eu");
    await expect(parameters.locator('[data-parameter="size"]')).toHaveValue("10");
    await expect(parameters.locator('[data-parameter="ENVIRONMENT"]')).toHaveValue("");
    await expect(parameters.locator('[data-parameter="api_token"]')).toHaveAttribute("type", "password");
    await expect(parameters).toContainText("required");
    await snap(page, "launch-params-01-dialog");

    // Start without the required one: the field says so and nothing starts.
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(parameters).toContainText("Required: give a value.");
    await expect(page).toHaveURL(new RegExp(`/scenarios/${scenarioId}$`));

    await parameters.locator('[data-parameter="ENVIRONMENT"]').fill("staging");
    await parameters.locator('[data-parameter="region"]').fill("ap");
    await parameters.locator('[data-parameter="api_token"]').fill("launch-secret");
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(/\/runs\/[\w-]+$/);

    // The run page lists what was launched with; the secret is masked.
    const shown = page.getByTestId("launch-parameters").first();
    await expect(shown).toContainText("ENVIRONMENT = staging");
    await expect(shown).toContainText("region = ap");
    await expect(shown).toContainText("api_token = ••••••");
    await expect(shown).not.toContainText("launch-secret");
    await expect(shown).not.toContainText("size"); // unchanged default: not sent

    await expect(page.getByTestId("results-view")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("run-status")).toHaveText("Completed");
    await expect(page.getByTestId("launch-parameters").first()).toContainText("ENVIRONMENT = staging");

    // Every request carried the launch values (and __P's default where none was given).
    expect(seen.length).toBeGreaterThan(4);
    expect(new Set(seen)).toEqual(new Set(["/p/ap/staging/10"]));

    // Pacing: one lag row per scenario, its iterations counted apart from the requests.
    const lag = page.getByTestId("iteration-lag");
    await expect(lag).toBeVisible();
    await expect(lag).toContainText("coordinated omission");
    const row = lag.locator("tbody tr", { hasText: scenarioName });
    await expect(row).toHaveCount(1);
    const onTime = Number(await row.getByTestId("lag-on-time").textContent());
    expect(onTime).toBeGreaterThanOrEqual(0);
    expect(onTime).toBeLessThanOrEqual(100);
    // The per-label table has the request only, no lag row.
    const labels = page.getByTestId("labels");
    await expect(labels.locator("tbody tr", { hasText: "page" })).toHaveCount(1);
    await expect(labels.locator("tbody tr", { hasText: scenarioName })).toHaveCount(0);
    await snap(page, "launch-params-02-results");
  });
});
