import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

/** The step card with this accessible name ("Rendezvous “vote_rv”"). */
const step = (page: Page, name: string): Locator => page.getByRole("listitem", { name, exact: true });

/** Kinds and labels of the steps in document order (nested ones included), from the DOM. */
async function stepOutline(page: Page): Promise<string[]> {
  return page
    .getByTestId("step")
    .evaluateAll((els) => els.map((el) => `${el.getAttribute("data-step-path")} ${el.getAttribute("aria-label")}`));
}

test.describe("scenario editor", () => {
  test("build a scenario with a rendezvous and a transaction, get warned, save, reload, export and re-import", async ({
    page,
    request,
  }) => {
    test.slow(); // one long story: edit, save, reload, export, import, launch
    const moduleName = uniqueName("e2e-vote");
    const scenarioName = uniqueName("vote peak");
    const created = await request.post("/api/modules", { data: { name: moduleName, description: "Voting API" } });
    expect(created.status()).toBe(201);
    const moduleId = ((await created.json()) as { data: { id: string } }).data.id;

    await page.goto(`/scenarios/new?moduleId=${moduleId}`);
    await expect(page.getByRole("heading", { level: 1, name: "New scenario" })).toBeVisible();
    await expect(page.getByLabel("Module")).toHaveValue(moduleName);
    await expect(page.getByTestId("load-profile-chart")).toContainText("peak 10 VUs");

    // General + load profile; the chart follows the typing.
    await page.getByLabel("Name", { exact: true }).fill(scenarioName);
    await page.getByLabel("Base URL").fill("http://127.0.0.1:9");
    await page.getByLabel("VUs", { exact: true }).fill("20");
    await page.getByLabel("Ramp-up (s)").fill("5");
    await page.getByLabel("Duration (s)").fill("30");
    await expect(page.getByTestId("load-profile-chart")).toContainText("peak 20 VUs");
    await expect(page.getByTestId("load-profile-chart")).toContainText("30 s planned");

    // Inline validation from the engine's schema, at the field.
    await page.getByLabel("VUs", { exact: true }).fill("0");
    await expect(page.getByRole("alert").filter({ hasText: "Too small" }).first()).toBeVisible();
    await expect(page.getByLabel("VUs", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("VUs", { exact: true }).fill("20");
    await expect(page.getByLabel("VUs", { exact: true })).not.toHaveAttribute("aria-invalid", "true");

    // Step 1: the default request becomes POST /login with an expectation.
    const first = page.getByTestId("step").first();
    await first.getByLabel("Method").selectOption("POST");
    await first.getByLabel("Path").fill("/login");
    await first.getByLabel("Label").fill("login");
    await first.getByRole("button", { name: "Details" }).click();
    await first.getByRole("radio", { name: "JSON" }).click();
    await first.getByLabel("JSON", { exact: true }).fill('{ "user": "u${vu}" }');
    await first.getByRole("button", { name: "Add: Expect" }).click();
    await first.getByLabel("Status").fill("200");

    // Step 2: a rendezvous; step 3: a transaction holding a request.
    await page.getByRole("button", { name: "Add Rendezvous", exact: true }).click();
    await step(page, "Rendezvous “unnamed”").getByLabel("Rendezvous name").fill("vote_rv");
    await step(page, "Rendezvous “vote_rv”").getByLabel("Release when").selectOption("count");
    await step(page, "Rendezvous “vote_rv”").getByLabel("Value").fill("10");
    await page.getByRole("button", { name: "Add Transaction", exact: true }).click();
    await step(page, "Transaction “unnamed”").getByLabel("Transaction name").fill("vote_txn");
    // An empty transaction is an error, said next to it.
    await expect(step(page, "Transaction “vote_txn”").getByText("a transaction needs at least one step")).toBeVisible();
    await page.getByRole("button", { name: "Add Request (steps.2.transaction.steps)" }).click();
    const inner = page.locator('[data-step-path="steps.2.transaction.steps.0"]');
    await inner.getByLabel("Path").fill("/vote");
    await inner.getByLabel("Label").fill("vote");
    await expect(page.getByTestId("editor-problems")).toHaveCount(0);
    await expect(page.getByTestId("rendezvous-warning")).toHaveCount(0);

    // Move the rendezvous into the transaction: warned, prominently, with the reason.
    await step(page, "Rendezvous “vote_rv”").getByRole("button", { name: "Move into “vote_txn”: Rendezvous “vote_rv”" }).click();
    const warning = page.getByTestId("rendezvous-warning");
    await expect(warning).toBeVisible();
    await expect(warning).toContainText("Rendezvous inside a transaction");
    await expect(warning).toContainText("response time");
    await expect(step(page, "Rendezvous “vote_rv”")).toHaveAttribute("data-step-path", "steps.1.transaction.steps.0");
    await expect(step(page, "Rendezvous “vote_rv”").getByTestId("step-warning")).toBeVisible();
    await snap(page, "scenarios-01-editor-rendezvous-warning");

    // Fix it from the step: moved out, just before the transaction.
    await step(page, "Rendezvous “vote_rv”").getByRole("button", { name: "Move it out" }).click();
    await expect(warning).toHaveCount(0);
    const outline = [
      "steps.0 Request “login”",
      "steps.1 Rendezvous “vote_rv”",
      "steps.2 Transaction “vote_txn”",
      "steps.2.transaction.steps.0 Request “vote”",
    ];
    await expect.poll(() => stepOutline(page)).toEqual(outline);
    await snap(page, "scenarios-02-editor-filled");

    // Save → the scenario's own page; reload shows the same steps.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("toast").filter({ hasText: `Scenario “${scenarioName}” created.` })).toBeVisible();
    await expect(page).toHaveURL(/\/scenarios\/(?!new)[\w-]+$/, { timeout: 30_000 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: scenarioName })).toBeVisible();
    await expect.poll(() => stepOutline(page)).toEqual(outline);
    await expect(page.getByLabel("VUs", { exact: true })).toHaveValue("20");
    await expect(step(page, "Rendezvous “vote_rv”").getByLabel("Release when")).toHaveValue("count");
    await expect(page.getByText("v1", { exact: true })).toBeVisible();

    // Export YAML (download), then import the file back: same document, same steps.
    await page.getByRole("tab", { name: "YAML / JSON" }).click();
    const exportText = await page.getByTestId("scenario-export").textContent();
    expect(exportText).toContain("rendezvous:");
    expect(exportText).toContain("name: vote_txn");
    await snap(page, "scenarios-03-yaml-export");
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.yaml$/);
    const file = await download.path();
    const yamlText = await readFile(file, "utf8");
    expect(yamlText).toBe(exportText);

    // Change something, then import the downloaded file: the editor is back to the file.
    await page.getByRole("tab", { name: "Editor" }).click();
    await page.getByLabel("VUs", { exact: true }).fill("99");
    await page.getByRole("tab", { name: "YAML / JSON" }).click();
    await page.getByLabel("Choose file…").setInputFiles(file);
    await expect(page.getByTestId("toast").filter({ hasText: `Imported “${scenarioName}”` })).toBeVisible();
    await expect(page.getByTestId("scenario-export")).toHaveText(yamlText);
    // Pasting works too, and a broken file is refused with the reason.
    await page.getByLabel("Scenario file (YAML or JSON)").fill("name: [broken");
    await page.getByRole("button", { name: "Import into editor" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not valid YAML" })).toBeVisible();
    await page.getByRole("tab", { name: "Editor" }).click();
    await expect(page.getByLabel("VUs", { exact: true })).toHaveValue("20");
    await expect.poll(() => stepOutline(page)).toEqual(outline);

    // Launch dialog: overrides validated with ZRunOverrides.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("v2", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Run scenario" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("VUs", { exact: true }).fill("0");
    await expect(dialog.getByRole("alert").first()).toBeVisible();
    await dialog.getByLabel("VUs", { exact: true }).fill("2");
    await dialog.getByLabel("Duration (s)").fill("2");
    await dialog.getByLabel("Release policy").selectOption("runningVusersPercent");
    await dialog.getByLabel("Value (%)").fill("50");
    await snap(page, "scenarios-04-launch-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });

  test("list: filter by module, run several scenarios as one run, duplicate, delete", async ({ page, request }) => {
    const moduleName = uniqueName("e2e-list");
    const created = await request.post("/api/modules", { data: { name: moduleName } });
    const moduleId = ((await created.json()) as { data: { id: string } }).data.id;
    const names = [uniqueName("alpha"), uniqueName("beta")];
    for (const name of names) {
      await page.goto(`/scenarios/new?moduleId=${moduleId}`);
      await page.getByRole("tab", { name: "YAML / JSON" }).click();
      await page
        .getByLabel("Scenario file (YAML or JSON)")
        .fill(
          [
            `name: ${name}`,
            `module: ${moduleName}`,
            "baseUrl: http://127.0.0.1:9",
            "load: { vus: 5, durationSeconds: 10 }",
            "steps:",
            "  - rendezvous: { name: shared_rv, policy: { allVusersPercent: 100 } }",
            "  - request: { path: /vote }",
          ].join("\n"),
        );
      await page.getByRole("button", { name: "Import into editor" }).click();
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page).toHaveURL(/\/scenarios\/(?!new)[\w-]+$/, { timeout: 30_000 });
    }

    await page.goto("/scenarios");
    await page.getByLabel("Module", { exact: true }).selectOption({ label: moduleName });
    const rows = page.getByTestId("table-scenarios").locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("5");
    await page.getByLabel(`Select ${names[0]}`).check();
    await page.getByLabel(`Select ${names[1]}`).check();
    await page.getByRole("button", { name: "Run 2 scenarios" }).click();
    const dialog = page.getByRole("dialog", { name: "Run 2 scenarios" });
    await expect(dialog.getByTestId("launch-scenarios").getByRole("listitem")).toHaveCount(2);
    await snap(page, "scenarios-05-list-launch-two");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: `Duplicate ${names[0]}` }).click();
    await expect(page.getByTestId("toast").filter({ hasText: `Created “${names[0]} (copy)”.` })).toBeVisible();
    await expect(rows).toHaveCount(3);
    await snap(page, "scenarios-06-list");
    await page.getByRole("button", { name: `Delete ${names[0]} (copy)` }).click();
    const confirm = page.getByRole("dialog", { name: "Delete scenario?" });
    await expect(confirm).toContainText(`${names[0]} (copy)`);
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(rows).toHaveCount(2);
  });
});
