import { expect, test, type Page } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

async function createModule(page: Page, name: string, description = ""): Promise<void> {
  await page.getByRole("button", { name: "New module" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New module" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  if (description) await dialog.getByLabel(/Description/).fill(description);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: `Module “${name}” created.` })).toBeVisible();
}

const table = (page: Page) => page.getByTestId("table-modules");
const rowOf = (page: Page, name: string) =>
  table(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });

test.describe("modules", () => {
  test("create, find, sort, filter, edit and delete a module", async ({ page }) => {
    const prefix = uniqueName("e2e");
    const alpha = `${prefix}-alpha`;
    const beta = `${prefix}-beta`;

    await page.goto("/");
    await expect(page).toHaveURL(/\/modules$/);
    await expect(page.getByRole("heading", { level: 1, name: "Modules" })).toBeVisible();
    await snap(page, "01-modules-start");

    // Validation: an empty name is refused with a field message, and the dialog stays open.
    await page.getByRole("button", { name: "New module" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New module" });
    await dialog.getByLabel("Name").fill("   ");
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "Enter a name." })).toBeVisible();
    await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await snap(page, "02-module-validation-error");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await createModule(page, alpha, "Login and token API under peak load");
    await createModule(page, beta, "Meeting booking (dating压测)");
    await expect(rowOf(page, alpha)).toBeVisible();
    await expect(rowOf(page, alpha)).toContainText("Login and token API");

    // A duplicate name is refused with a readable message.
    await page.getByRole("button", { name: "New module" }).first().click();
    await dialog.getByLabel("Name").fill(alpha);
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByText(`A module named “${alpha}” already exists.`)).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Filter to this run's rows, then sort by name both ways.
    await page.getByRole("searchbox", { name: "Search modules…" }).fill(prefix);
    const bodyRows = table(page).locator("tbody tr");
    await expect(bodyRows).toHaveCount(2);
    await expect(bodyRows.first()).toContainText(alpha);
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect(table(page).getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
    await expect(bodyRows.first()).toContainText(beta);
    await snap(page, "03-modules-filtered-sorted");
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect(bodyRows.first()).toContainText(alpha);

    // The per-column filter narrows further.
    await page.getByRole("textbox", { name: "Filter Name" }).fill("-beta");
    await expect(bodyRows).toHaveCount(1);
    await expect(bodyRows.first()).toContainText(beta);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("searchbox", { name: "Search modules…" }).fill(prefix);
    await expect(bodyRows).toHaveCount(2);

    // Edit: rename alpha and change its description.
    const renamed = `${alpha}-renamed`;
    await rowOf(page, alpha)
      .getByRole("button", { name: `Edit ${alpha}` })
      .click();
    const edit = page.getByRole("dialog", { name: "Edit module" });
    await expect(edit.getByLabel("Name")).toHaveValue(alpha);
    await edit.getByLabel("Name").fill(renamed);
    await edit.getByLabel(/Description/).fill("Renamed by the e2e test");
    await snap(page, "04-module-edit");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId("toast").filter({ hasText: `Module “${renamed}” saved.` })).toBeVisible();
    await expect(rowOf(page, renamed)).toContainText("Renamed by the e2e test");

    // Detail page.
    await rowOf(page, renamed).getByRole("link", { name: renamed }).click();
    await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
    await expect(page.getByText("Renamed by the e2e test")).toBeVisible();
    await expect(page.getByText(/No interfaces yet/)).toBeVisible();
    await snap(page, "05-module-detail");
    await page.getByRole("link", { name: /All modules/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Modules" })).toBeVisible();

    // Delete beta, with confirmation; cancelling first keeps it.
    await rowOf(page, beta)
      .getByRole("button", { name: `Delete ${beta}` })
      .click();
    const confirm = page.getByRole("dialog", { name: "Delete module?" });
    await expect(confirm).toContainText(`“${beta}” will be deleted`);
    await snap(page, "06-module-delete-confirm");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(rowOf(page, beta)).toBeVisible();
    await rowOf(page, beta)
      .getByRole("button", { name: `Delete ${beta}` })
      .click();
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("toast").filter({ hasText: `Module “${beta}” deleted.` })).toBeVisible();
    await expect(rowOf(page, beta)).toHaveCount(0);
    await expect(rowOf(page, renamed)).toBeVisible();

    // Delete the renamed one from its detail page.
    await page.goto("/modules");
    await rowOf(page, renamed).getByRole("link", { name: renamed }).click();
    await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete module?" }).getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/modules$/);
    await expect(page.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
  });

  test("unknown module id shows the 404 page", async ({ page }) => {
    const response = await page.goto("/modules/does-not-exist");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await snap(page, "07-module-not-found");
    const unknownPath = await page.goto("/no-such-page");
    expect(unknownPath?.status()).toBe(404);
  });

  test("switch the language to 简体中文 and back", async ({ page }) => {
    await page.goto("/modules");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Modules" })).toBeVisible();
    await page.getByRole("button", { name: "简体中文" }).click();
    const navZh = page.getByRole("navigation", { name: "主导航" });
    for (const label of ["模块", "脚本", "运行", "报告", "问题"]) {
      await expect(navZh.getByRole("link", { name: label })).toBeVisible();
    }
    await expect(page.getByRole("heading", { level: 1, name: "模块" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await snap(page, "08-modules-zh-CN");

    // The choice survives navigation (cookie), and other pages are translated too.
    await navZh.getByRole("link", { name: "运行" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "运行" })).toBeVisible();
    // (Other specs may have made runs already: check translated chrome, not the empty state.)
    await expect(page.getByRole("link", { name: "发起运行" })).toBeVisible();
    await snap(page, "09-runs-zh-CN");

    // Validation messages are translated as well.
    await navZh.getByRole("link", { name: "模块" }).click();
    await page.getByRole("button", { name: "新建模块" }).first().click();
    const dialog = page.getByRole("dialog", { name: "新建模块" });
    await dialog.getByRole("button", { name: "创建" }).click();
    await expect(dialog.getByText("请输入名称。")).toBeVisible();
    await snap(page, "10-module-validation-zh-CN");
    await dialog.getByRole("button", { name: "取消" }).click();

    await page.getByRole("button", { name: "English" }).click();
    await expect(nav.getByRole("link", { name: "Modules" })).toBeVisible();
  });

  test("every section of the nav opens", async ({ page }) => {
    await page.goto("/modules");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const section of ["Scenarios", "Runs", "Reports", "Problems", "Modules"]) {
      await nav.getByRole("link", { name: section }).click();
      await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
      await expect(nav.getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
    }
  });
});
