import { expect, test } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

/**
 * Empty states say what is true of the data (lib/run-metrics/run-health.ts, docs/design-notes.md
 * "Honest states"): an imported summariser log has no error kinds and no per-interface figures —
 * the page says so instead of "No errors." and "No interface averages over 3,000 ms"; a table with
 * no filter set never says "No rows match the filter"; a run with ≥ 10 % errors carries a warning on
 * its page and in the runs list.
 */
test("a summariser log run with 15 % errors: honest empty states and the high error share warning", async ({ page, browser, baseURL }) => {
  const name = uniqueName("honest-log");
  const res = await page.request.post("/api/imports/jmeter-log", {
    data: {
      text: "summary =  10000 in   100s =  100.0/s Avg:    92 Min:     4 Max:   523 Err:  1500 (15.00%)",
      module: uniqueName("honest"),
      name,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { runId } = ((await res.json()) as { data: { runId: string } }).data;

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("errors-empty")).toHaveText(
    "A summariser log has no error kinds: it counts 1,500 errors, not what they were.",
  );
  await expect(page.getByTestId("slow-empty")).toHaveText("A summariser log has no per-interface figures, so there is no slow list.");
  await expect(page.getByText("No errors.")).toHaveCount(0);
  await expect(page.getByText(/No interface averages over/)).toHaveCount(0);
  await expect(page.getByText("No rows match the filter.")).toHaveCount(0);
  const warning = page.getByTestId("run-events").locator('[data-code="high_error_share"]');
  await expect(warning).toContainText("15.00 % of the samples failed (1,500 of 10,000; a warning from 10 %)");
  await snap(page, "honest-states-run");

  await page.goto("/runs");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByTestId("high-error-share")).toBeVisible();
  await expect(row.getByTestId("high-error-share")).toHaveAttribute("title", /High error share \(10 % or more\)/);
  await snap(page, "honest-states-runs");

  // The same in Chinese: no English left in these states.
  const zh = await browser.newContext({ storageState: test.info().project.use.storageState as string, locale: "zh-CN" });
  await zh.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  const zhPage = await zh.newPage();
  await zhPage.goto(`/runs/${runId}`);
  await expect(zhPage.getByTestId("errors-empty")).toHaveText("汇总日志不含错误类型：只记录了 1,500 个错误，没有记录错误是什么。");
  await expect(zhPage.getByTestId("slow-empty")).toHaveText("汇总日志没有按接口的数据，因此没有慢接口列表。");
  await expect(zhPage.getByTestId("run-events").locator('[data-code="high_error_share"]')).toContainText("15.00% 的样本失败");
  await snap(zhPage, "honest-states-run-zh");
  await zh.close();
});

test("a table with no rows and no filter says it is empty, not that nothing matches the filter", async ({ page }) => {
  const res = await page.request.post("/api/imports/jmeter-log", {
    data: {
      text: "summary =    473 in     9s =   52.6/s Avg:    92 Min:     4 Max:   523 Err:     0 (0.00%)",
      module: uniqueName("honest"),
    },
  });
  expect(res.status()).toBe(201);
  const { runId } = ((await res.json()) as { data: { runId: string } }).data;
  await page.goto(`/runs/${runId}`);
  const labels = page.getByTestId("table-labels");
  await expect(labels).toContainText("No rows.");
  await expect(labels).not.toContainText("No rows match the filter.");
  await expect(page.getByTestId("run-events")).toHaveCount(0);
});
