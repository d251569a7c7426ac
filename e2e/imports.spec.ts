import path from "node:path";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

/**
 * JMeter imports in the UI: a JTL fixture (written by real JMeter 2.13) uploaded with its progress
 * bar, the run's results opened from the import; a summariser log pasted; a JMX plan imported with
 * its report, and the scenario exported back as .jmx.
 */
const FIXTURES = path.join(import.meta.dirname, "..", "lib", "jmeter", "fixtures");

test("upload a JTL, see it complete and open the run's results", async ({ page }) => {
  await page.goto("/imports");
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();
  const form = page.getByTestId("jtl-form");
  await form.getByLabel("File").setInputFiles(path.join(FIXTURES, "csv-header.jtl"));
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(form.getByTestId("import-outcome")).toContainText("Imported 473 samples", { timeout: 30_000 });
  const row = page.getByTestId("imports-table").getByRole("row").filter({ hasText: "csv-header.jtl" }).first();
  await expect(row).toContainText("Completed");
  await snap(page, "imports-jtl");
  await form.getByRole("link", { name: "Open the run" }).click();
  await expect(page).toHaveURL(/\/runs\/[\w-]+/);
  await expect(page.getByText("Vote_Interface_Test").first()).toBeVisible();
  await snap(page, "imports-run-results");
});

test("a broken JTL fails with the line named; a summariser log and a JMX plan import", async ({ page }) => {
  await page.goto("/imports");
  const jtl = page.getByTestId("jtl-form");
  const lines = (await readFile(path.join(FIXTURES, "csv-header.jtl"), "utf8")).split("\n");
  await jtl.getByLabel("File").setInputFiles({
    name: "cut.jtl",
    mimeType: "text/csv",
    buffer: Buffer.from([...lines.slice(0, 20), lines[20]!.slice(0, 12)].join("\n")),
  });
  await jtl.getByRole("button", { name: "Upload and import" }).click();
  await expect(jtl.getByTestId("import-outcome")).toContainText(/line \d+/, { timeout: 30_000 });

  const log = page.getByTestId("log-form");
  await log
    .getByLabel("Summariser output")
    .fill("summary =    473 in     9s =   52.6/s Avg:    92 Min:     4 Max:   523 Err:    35 (7.40%)");
  await log.getByLabel("Module").fill(uniqueName("log"));
  await log.getByRole("button", { name: "Import log" }).click();
  await expect(log.getByTestId("import-outcome")).toContainText("Imported");

  const jmx = page.getByTestId("jmx-form");
  await jmx.getByLabel("File").setInputFiles(path.join(FIXTURES, "plan.jmx"));
  await jmx.getByRole("button", { name: "Import plan" }).click();
  await expect(jmx.getByTestId("import-outcome")).toContainText("Created");
  await snap(page, "imports-jmx");
  const scenarioLink = jmx.getByRole("link").first();
  const href = await scenarioLink.getAttribute("href");
  const exported = await page.request.get(`/api${href}/jmx`);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain("<jmeterTestPlan");
});
