import { expect, test, type Page } from "@playwright/test";
import { E2E_BOOTSTRAP_TOKEN } from "./e2e-env";
import { snap, uniqueName } from "./helpers";

const API = { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` };

async function seedScenario(request: import("@playwright/test").APIRequestContext): Promise<{ id: string; name: string; module: string }> {
  const moduleName = uniqueName("sched");
  const name = uniqueName("peak");
  const m = await request.post("/api/modules", { data: { name: moduleName }, headers: API });
  expect(m.status()).toBe(201);
  const s = await request.post("/api/scenarios", {
    headers: API,
    data: {
      module: moduleName,
      name,
      baseUrl: "http://127.0.0.1:9",
      load: { vus: 1, durationSeconds: 1 },
      steps: [{ request: { method: "GET", path: "/" } }],
    },
  });
  expect(s.status()).toBe(201);
  return { id: (await s.json()).data.id, name, module: moduleName };
}

test("schedules API: create → 201 { id, nextRunAt }, read, pause, bad input, delete", async ({ request }) => {
  const scenario = await seedScenario(request);
  const name = uniqueName("api-schedule");
  const created = await request.post("/api/schedules", {
    headers: API,
    data: {
      name,
      scenarioIds: [scenario.id],
      cron: "0 9 * * 1-5",
      timeZone: "Asia/Shanghai",
      variables: { users: 200 },
      catchUp: true,
      report: { name: "峰值脚本压测 {date}" },
    },
  });
  expect(created.status()).toBe(201);
  const { data } = await created.json();
  expect(Object.keys(data).sort()).toEqual(["id", "nextRunAt"]);
  expect(new Date(data.nextRunAt).getUTCHours()).toBe(1); // 09:00 in Shanghai

  const one = await (await request.get(`/api/schedules/${data.id}`, { headers: API })).json();
  expect(one.data).toMatchObject({
    name,
    enabled: true,
    catchUp: true,
    report: { name: "峰值脚本压测 {date}" },
    variables: { users: 200 },
  });
  expect(one.data.nextFires).toHaveLength(3);
  const list = await (await request.get("/api/schedules", { headers: API })).json();
  expect(list.data.map((s: { id: string }) => s.id)).toContain(data.id);

  const paused = await request.patch(`/api/schedules/${data.id}`, { headers: API, data: { enabled: false } });
  expect((await paused.json()).data).toMatchObject({ enabled: false, nextRunAt: null });

  const badCron = await request.post("/api/schedules", {
    headers: API,
    data: { name: uniqueName("bad"), scenarioIds: [scenario.id], cron: "61 * * * *", timeZone: "UTC" },
  });
  expect(badCron.status()).toBe(400);
  expect((await badCron.json()).issues[0].path).toBe("cron");
  const badZone = await request.post("/api/schedules", {
    headers: API,
    data: { name: uniqueName("bad"), scenarioIds: [scenario.id], cron: "0 9 * * *", timeZone: "Beijing" },
  });
  expect(badZone.status()).toBe(400);
  expect((await badZone.json()).issues[0].path).toBe("timeZone");
  const duplicate = await request.post("/api/schedules", {
    headers: API,
    data: { name, scenarioIds: [scenario.id], cron: "0 9 * * *", timeZone: "UTC" },
  });
  expect(duplicate.status()).toBe(409);

  expect((await request.delete(`/api/schedules/${data.id}`, { headers: API })).status()).toBe(204);
  expect((await request.get(`/api/schedules/${data.id}`, { headers: API })).status()).toBe(404);
});

async function shoot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await snap(page, name);
}

test("schedules page: create in the dialog, see the next starts, pause and resume, delete; English and Chinese", async ({
  page,
  request,
  baseURL,
  context,
}) => {
  const scenario = await seedScenario(request);
  const name = uniqueName("daily peak");
  await page.goto("/modules");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedules" }).click();
  await expect(page).toHaveURL(/\/schedules$/);
  await expect(page.getByRole("heading", { name: "Schedules", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New schedule" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New schedule" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Cron expression").fill("61 9 * * *");
  await dialog.getByLabel("Time zone").fill("Asia/Shanghai");
  await dialog.getByRole("checkbox", { name: new RegExp(scenario.name) }).check();
  await dialog.getByLabel(/Launch parameters/).fill("users=200");
  await dialog.getByLabel(/Daily report/).fill("峰值脚本压测 {date}");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText(/Invalid cron expression/)).toBeVisible();
  await dialog.getByLabel("Cron expression").fill("30 9 * * 1-5");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("30 9 * * 1-5");
  await expect(row).toContainText("Asia/Shanghai");
  await expect(row.getByRole("list", { name: "Next starts" }).getByRole("listitem")).toHaveCount(3);
  await expect(row.getByRole("list", { name: "Next starts" }).getByRole("listitem").first()).toContainText(
    /\d{4}-\d{2}-\d{2} 09:30 \(UTC\+08:00\)/,
  );
  await expect(row).toContainText("Active");
  await shoot(page, "schedules-en");

  await row.getByRole("button", { name: `Pause ${name}` }).click();
  await expect(row).toContainText("Paused");
  await expect(row.getByRole("list", { name: "Next starts" })).toHaveCount(0);
  await row.getByRole("button", { name: `Resume ${name}` }).click();
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit schedule" });
  await expect(edit.getByLabel("Cron expression")).toHaveValue("30 9 * * 1-5");
  await expect(edit.getByLabel(/Launch parameters/)).toHaveValue("users=200");
  await edit.getByRole("checkbox", { name: /Run a missed start late/ }).check();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("Missed start: runs late");

  const audit = await request.get("/api/admin/audit?action=schedule.&limit=100", { headers: API });
  expect(audit.status()).toBe(200);
  const entries = JSON.stringify(await audit.json());
  for (const action of ["schedule.create", "schedule.pause", "schedule.resume", "schedule.update"]) expect(entries).toContain(action);

  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  await page.goto("/schedules");
  await expect(page.getByRole("heading", { name: "定时任务", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("启用中");
  await page.getByRole("button", { name: "新建定时任务" }).first().click();
  await expect(page.getByRole("dialog", { name: "新建定时任务" }).getByLabel("Cron 表达式")).toBeVisible();
  await shoot(page, "schedules-zh-dialog");
  await page.keyboard.press("Escape");
  await shoot(page, "schedules-zh");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto("/schedules");

  const rowAgain = page.getByRole("row").filter({ hasText: name });
  await rowAgain.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog", { name: "Delete schedule?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});
