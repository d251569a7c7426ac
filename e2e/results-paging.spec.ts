import { expect, test } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

/**
 * A run with more labels than the labels table renders at once (LABEL_ROWS_PER_PAGE = 25): pages,
 * with sort and search over every label; errors page by 20 likewise. The run comes from a generated
 * JTL (120 labels, label i taking 10 + i ms; the second sample of the first 30 labels fails),
 * imported through the UI.
 */
const LABELS = 120;
const FAILING = 30;

function jtl(prefix: string): Buffer {
  const lines = [
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,URL,Latency,SampleCount,ErrorCount,IdleTime,Connect",
  ];
  const start = Date.now() - 60_000;
  for (let i = 0; i < LABELS; i++)
    for (let k = 0; k < 2; k++) {
      const label = `${prefix}-op${String(i).padStart(3, "0")}`;
      const ok = k === 0 || i >= FAILING;
      const status = ok ? "200,OK" : "500,Internal Server Error";
      lines.push(
        `${start + i * 100 + k * 10},${10 + i},${label},${status},t 1-1,text,${ok},100,1,1,http://127.0.0.1:1/${label},${5 + i},1,${ok ? 0 : 1},0,1`,
      );
    }
  return Buffer.from(`${lines.join("\n")}\n`);
}

test("a run with 120 labels: the labels table pages; sort and search cover every label", async ({ page }) => {
  const prefix = uniqueName("pg");
  await page.goto("/imports");
  const form = page.getByTestId("jtl-form");
  await form.getByLabel("File").setInputFiles({ name: `${prefix}.jtl`, mimeType: "text/csv", buffer: jtl(prefix) });
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(form.getByTestId("import-outcome")).toContainText(`Imported ${LABELS * 2} samples`, { timeout: 30_000 });
  await form.getByRole("link", { name: "Open the run" }).click();
  await expect(page.getByTestId("results-view")).toBeVisible();

  const labels = page.getByTestId("labels");
  const rows = page.getByTestId("table-labels").locator("tbody tr");
  const pager = page.getByTestId("table-labels-pager");
  await expect(rows).toHaveCount(25);
  await expect(pager).toContainText(`Rows 1–25 of ${LABELS}`);
  await expect(labels).toContainText(`${LABELS} rows of ${LABELS}`);

  // Sorting covers every label, not just the page: the slowest label comes first.
  await page.getByTestId("table-labels").getByRole("button", { name: "Avg" }).click();
  await expect(rows.first()).toContainText(`${prefix}-op${LABELS - 1}`);
  await pager.getByRole("button", { name: "Next" }).click();
  await expect(pager).toContainText(`Rows 26–50 of ${LABELS}`);
  await expect(rows.first()).toContainText(`${prefix}-op${String(LABELS - 26).padStart(3, "0")}`);

  // So does the search: a label on another page is found.
  await labels.getByRole("searchbox").fill(`${prefix}-op007`);
  await expect(rows).toHaveCount(1);
  await expect(pager).toHaveCount(0);
  await labels.getByRole("button", { name: "Clear filters" }).click();

  await pager.getByRole("button", { name: `Show all ${LABELS}` }).click();
  await expect(rows).toHaveCount(LABELS);
  await expect(pager).toHaveCount(0);

  // Errors by kind: 20 rows at a time, the rest a page or "Show all" away.
  const errorRows = page.getByTestId("table-errors").locator("tbody tr");
  await expect(errorRows).toHaveCount(20);
  await expect(page.getByTestId("table-errors-pager")).toContainText(`Rows 1–20 of ${FAILING}`);
  await page
    .getByTestId("table-errors-pager")
    .getByRole("button", { name: `Show all ${FAILING}` })
    .click();
  await expect(errorRows).toHaveCount(FAILING);
  await snap(page, "results-paging");
});
