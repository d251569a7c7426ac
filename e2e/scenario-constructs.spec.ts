import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { snap, uniqueName } from "./helpers";

const SHOP_YAML = readFileSync(path.join(import.meta.dirname, "..", "lib", "engine", "examples", "shop.yaml"), "utf8");

/** The feature's example scenario (name and module made unique for this run). */
function shopYaml(name: string, module: string): string {
  return SHOP_YAML.replace(/^name: shop$/m, `name: ${name}`).replace(/^module: Shop$/m, `module: ${module}`);
}

/** The step cards as "path label", in document order (nested ones included). */
async function stepOutline(page: Page): Promise<string[]> {
  return page
    .getByTestId("step")
    .evaluateAll((els) => els.map((el) => `${el.getAttribute("data-step-path")} ${el.getAttribute("aria-label")}`));
}

const card = (page: Page, path: string) => page.locator(`[data-step-path="${path}"]`);

async function createModule(request: import("@playwright/test").APIRequestContext, prefix: string): Promise<{ id: string; name: string }> {
  const name = uniqueName(prefix);
  const created = await request.post("/api/modules", { data: { name } });
  expect(created.status()).toBe(201);
  return { id: ((await created.json()) as { data: { id: string } }).data.id, name };
}

async function importYaml(page: Page, yaml: string): Promise<void> {
  await page.getByRole("tab", { name: "YAML / JSON" }).click();
  await page.getByLabel("Scenario file (YAML or JSON)").fill(yaml);
  await page.getByRole("button", { name: "Import into editor" }).click();
  await page.getByRole("tab", { name: "Editor" }).click();
}

const SHOP_OUTLINE = [
  "init.0 Request “login”",
  "steps.0 Request “me”",
  "steps.1 Loop “× 3”",
  "steps.1.loop.steps.0 Request “item”",
  "steps.2 If / else “${__status} == 200”",
  "steps.2.if.then.0 Request “ok”",
  "steps.2.if.else.0 Request “retry”",
  "steps.3 Choose “70 / 30”",
  "steps.3.choose.0.steps.0 Request “browse”",
  "steps.3.choose.1.steps.0 Request “buy”",
  "end.0 Request “logout”",
];

test.describe("scenario editor: init/end, loops, conditions, choose, pacing, cookies, data", () => {
  test("the feature's example loads into the form; a nested edit, a new nested block and the weights survive save and reload", async ({
    page,
    request,
  }) => {
    test.slow();
    const mod = await createModule(request, "e2e-shop");
    const name = uniqueName("shop");
    await page.goto(`/scenarios/new?moduleId=${mod.id}`);
    await importYaml(page, shopYaml(name, mod.name));

    // Every block of the example, at its path, nested where the file nests it.
    await expect.poll(() => stepOutline(page)).toEqual(SHOP_OUTLINE);
    await expect(page.getByRole("region", { name: "Init" })).toContainText("vuser_init");
    await expect(page.getByRole("region", { name: "End" })).toContainText("vuser_end");
    await expect(page.getByLabel("Pacing")).toHaveValue("every");
    await expect(page.getByLabel("Every (s)")).toHaveValue("2");
    await expect(page.getByLabel("Cookies")).toHaveValue("on");
    await expect(page.getByLabel("Variables 1: Name")).toHaveValue("host");
    await expect(card(page, "steps.1").getByLabel("Count", { exact: true })).toHaveValue("3");
    const shares = page.getByTestId("branch-share");
    await expect(shares).toHaveText(["70 % of passes", "30 % of passes"]);
    await expect(page.getByTestId("editor-problems")).toHaveCount(0);

    // Edit the nested condition and a weight; add a loop inside else and a think time inside that loop.
    const condition = card(page, "steps.2").getByLabel("Condition", { exact: true });
    await condition.fill("${__status} >= 200 && ${__status} < 300");
    await page.getByLabel("Branch 2: Weight").fill("10");
    await expect(shares).toHaveText(["87.5 % of passes", "12.5 % of passes"]);
    await page.getByRole("button", { name: "Add Loop (steps.2.if.else)", exact: true }).click();
    await card(page, "steps.2.if.else.1").getByLabel("Repeat", { exact: true }).selectOption("while");
    await card(page, "steps.2.if.else.1").getByLabel("While", { exact: true }).fill("${__status} != 200");
    await card(page, "steps.2.if.else.1").getByLabel("Max iterations", { exact: true }).fill("5");
    // An empty loop is an error said next to it; adding a step fixes it.
    await expect(card(page, "steps.2.if.else.1").getByText("a loop needs at least one step")).toBeVisible();
    await page.getByRole("button", { name: "Add Think time (steps.2.if.else.1.loop.steps)", exact: true }).click();
    await expect(card(page, "steps.2.if.else.1.loop.steps.0")).toHaveAttribute("data-step-kind", "think");
    await expect(page.getByTestId("editor-problems")).toHaveCount(0);
    // Move the retry request into the new loop (the next container), then back out.
    await card(page, "steps.2.if.else.0")
      .getByRole("button", { name: /^Move into “while \$\{__status\} != 200”/ })
      .click();
    await expect(card(page, "steps.2.if.else.0.loop.steps.0")).toHaveAttribute("aria-label", "Request “retry”");
    await card(page, "steps.2.if.else.0.loop.steps.0")
      .getByRole("button", { name: /^Move out of/ })
      .click();
    await expect(card(page, "steps.2.if.else.0")).toHaveAttribute("aria-label", "Request “retry”");
    await snap(page, "constructs-01-shop-example");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("toast").filter({ hasText: `Scenario “${name}” created.` })).toBeVisible();
    await expect(page).toHaveURL(/\/scenarios\/(?!new)[\w-]+$/, { timeout: 30_000 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const expected = [...SHOP_OUTLINE];
    expected.splice(4, 1, "steps.2 If / else “${__status} >= 200 && ${__status} < 300”");
    expected.splice(7, 0, "steps.2.if.else.1 Loop “while ${__status} != 200”", "steps.2.if.else.1.loop.steps.0 Think time “1 s”");
    expected.splice(9, 1, "steps.3 Choose “70 / 10”");
    await expect.poll(() => stepOutline(page)).toEqual(expected);
    await expect(card(page, "steps.2").getByLabel("Condition", { exact: true })).toHaveValue("${__status} >= 200 && ${__status} < 300");
    await expect(card(page, "steps.2.if.else.1").getByLabel("Max iterations", { exact: true })).toHaveValue("5");
    await expect(page.getByTestId("branch-share")).toHaveText(["87.5 % of passes", "12.5 % of passes"]);
    await expect(page.getByLabel("Pacing")).toHaveValue("every");

    // The stored document is the file format: every construct in it.
    await page.getByRole("tab", { name: "YAML / JSON" }).click();
    const exported = (await page.getByTestId("scenario-export").textContent()) ?? "";
    for (const part of [
      "init:",
      "end:",
      "pacing:",
      "everySeconds: 2",
      "cookies: true",
      "loop:",
      "while: ${__status} != 200",
      "maxIterations: 5",
      "choose:",
      "weight: 10",
      "else:",
    ])
      expect(exported).toContain(part);
  });

  test("an invalid condition shows the API's own message at its field, and the save is refused", async ({ page, request }) => {
    const mod = await createModule(request, "e2e-cond");
    const name = uniqueName("bad-condition");
    const bad = "${__status} == (200";
    // What the API says about this document.
    const api = await request.post("/api/scenarios", {
      headers: { "content-type": "application/yaml" },
      data: shopYaml(name, mod.name).replace('condition: "${__status} == 200"', `condition: "${bad}"`).replace("count: 3", "count: lots"),
    });
    expect(api.status()).toBe(400);
    const issues = ((await api.json()) as { issues: { path: string; message: string }[] }).issues;
    const conditionIssue = issues.find((i) => i.path === "steps.2.if.condition");
    const countIssue = issues.find((i) => i.path === "steps.1.loop.count");
    expect(conditionIssue, JSON.stringify(issues)).toBeDefined();
    expect(countIssue, JSON.stringify(issues)).toBeDefined();

    await page.goto(`/scenarios/new?moduleId=${mod.id}`);
    await importYaml(page, shopYaml(name, mod.name));
    await card(page, "steps.2").getByLabel("Condition", { exact: true }).fill(bad);
    await card(page, "steps.1").getByLabel("Count", { exact: true }).fill("lots");
    // The same words, next to the field they are about, and in the list on top.
    const conditionField = card(page, "steps.2").getByLabel("Condition", { exact: true });
    await expect(conditionField).toHaveAttribute("aria-invalid", "true");
    await expect(card(page, "steps.2").locator('[data-issue-path="steps.2.if.condition"]')).toHaveText(conditionIssue!.message);
    await expect(card(page, "steps.1").locator('[data-issue-path="steps.1.loop.count"]')).toHaveText(countIssue!.message);
    await expect(page.getByTestId("editor-problems")).toContainText(`steps.2.if.condition${conditionIssue!.message}`);
    await snap(page, "constructs-02-invalid-condition");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/\/scenarios\/new/);
    await expect(page.getByTestId("toast").filter({ hasText: "created" })).toHaveCount(0);
    const listed = await request.get(`/api/scenarios?moduleId=${mod.id}`);
    expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(0);
  });

  test("every construct shows as a form: data sets, multipart, extractor match and default, maxMs, forEach, random pacing, cookies cleared", async ({
    page,
    request,
  }) => {
    const mod = await createModule(request, "e2e-every");
    const name = uniqueName("every");
    const yaml = `name: ${name}
module: ${mod.name}
baseUrl: http://127.0.0.1:9
cookies: { clearEachIteration: true }
pacing: { min: 1, max: 3 }
load: { vus: 2, iterations: 1 }
data:
  - { csv: "user,pass\\nu1,p1\\n", mode: unique }
  - { file: ids.csv, delimiter: ";", columns: [id, kind] }
init:
  - request:
      name: upload
      method: POST
      path: /upload
      multipart:
        fields: { kind: avatar }
        files: [ { field: file, filename: a.txt, contentType: text/plain, content: "hello \${__vu}" } ]
steps:
  - request:
      name: list
      path: /list
      extract: { ids: { json: "$.ids[*]", match: -1 }, first: { regex: "id=(\\\\d+)", default: none } }
      expect: { status: 200, maxMs: 250 }
  - forEach: { list: ids, as: id, steps: [ { request: { name: item, path: "/item/\${id}" } } ] }
`;
    await page.goto(`/scenarios/new?moduleId=${mod.id}`);
    await importYaml(page, yaml);
    await expect(page.getByLabel("Cookies")).toHaveValue("clear");
    await expect(page.getByLabel("Pacing")).toHaveValue("random");
    await expect(page.getByTestId("data-set")).toHaveCount(2);
    await expect(page.getByLabel("Data set 1: Rows")).toHaveValue("unique");
    await expect(page.getByLabel("Data set 2: File path")).toHaveValue("ids.csv");
    await expect(page.getByLabel("Data set 2: Columns")).toHaveValue("id, kind");
    await expect(card(page, "steps.1").getByLabel("List variable")).toHaveValue("ids");
    await expect(card(page, "steps.1").getByLabel("Each value as")).toHaveValue("id");

    await card(page, "init.0").getByRole("button", { name: "Details" }).click();
    await expect(card(page, "init.0").getByRole("radio", { name: "Multipart" })).toHaveAttribute("aria-checked", "true");
    await expect(card(page, "init.0").getByLabel("File 1: Content", { exact: true })).toHaveValue("hello ${__vu}");
    await card(page, "steps.0").getByRole("button", { name: "Details" }).click();
    await expect(card(page, "steps.0").getByLabel("Extract 1: Match")).toHaveValue("-1");
    await expect(card(page, "steps.0").getByLabel("Extract 2: Default")).toHaveValue("none");
    await expect(card(page, "steps.0").getByLabel("Max duration (ms)")).toHaveValue("250");
    await expect(page.getByTestId("editor-problems")).toHaveCount(0);
    await snap(page, "constructs-03-every-construct");

    // A third data set from the form, then save: stored, and shown again after a reload.
    await page.getByRole("button", { name: "Add data set" }).click();
    await expect(page.getByTestId("data-set")).toHaveCount(3);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/\/scenarios\/(?!new)[\w-]+$/, { timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId("data-set")).toHaveCount(3);
    await expect(page.getByLabel("Cookies")).toHaveValue("clear");
  });
});
