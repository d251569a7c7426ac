import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_BOOTSTRAP_TOKEN } from "./e2e-env";
import { uniqueName } from "./helpers";

/**
 * A viewer uses the read-only parts of the UI, which are server actions (POSTs the proxy used to
 * refuse below tester): the problem dialog and the language switch; and the Account page's actions
 * on their own tokens and time zone.
 */
const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };

async function createViewer(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, baseURL: string) {
  const admin = await playwright.request.newContext({
    baseURL,
    storageState: SIGNED_OUT.storageState,
    extraHTTPHeaders: { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` },
  });
  const email = `${uniqueName("viewer")}@musterpoint.test`;
  const password = "viewer-password-e2e";
  expect((await admin.post("/api/admin/users", { data: { email, name: "Vera Viewer", password, role: "viewer" } })).status()).toBe(201);
  return { admin, email, password };
}

test("a viewer switches the language and opens a problem's details", async ({ browser, playwright, baseURL }) => {
  const { admin, email, password } = await createViewer(playwright, baseURL!);
  const title = uniqueName("登录接口超时");
  const description = `seen by ${uniqueName("ops")}`;
  expect((await admin.post("/api/problems", { data: { title, description } })).status()).toBe(201);

  const context = await browser.newContext({ ...SIGNED_OUT, locale: "en-US" });
  const page = await context.newPage();
  const actionStatuses: number[] = [];
  page.on("response", (res) => {
    if (res.request().method() === "POST" && res.request().headers()["next-action"]) actionStatuses.push(res.status());
  });
  await page.goto("/sign-in?next=%2Fproblems");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/problems$/);

  // The problem dialog loads its details through a server action.
  await page.getByRole("button", { name: title }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText(description)).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  // The language switch is a server action too.
  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.getByRole("link", { name: "问题" })).toBeVisible();
  await expect(page.getByRole("button", { name: "简体中文" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "Problems" })).toBeVisible();

  expect(actionStatuses.length).toBeGreaterThanOrEqual(3);
  expect(actionStatuses.every((s) => s === 200)).toBe(true);
  // Still read-only: a change is refused.
  const change = await page.request.post("/api/problems", { data: { title: "nope" }, headers: { origin: baseURL! } });
  expect(change.status()).toBe(403);
  await admin.dispose();
  await context.close();
});

test("a viewer creates and revokes their own API token and sets their time zone on the Account page", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const { admin, email, password } = await createViewer(playwright, baseURL!);
  const context = await browser.newContext({ ...SIGNED_OUT, locale: "en-US" });
  const page = await context.newPage();
  const actionStatuses: number[] = [];
  page.on("response", (res) => {
    if (res.request().method() === "POST" && res.request().headers()["next-action"]) actionStatuses.push(res.status());
  });
  await page.goto("/sign-in?next=%2Faccount");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);

  const name = uniqueName("read-only ci");
  await page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Create token" }) })
    .getByLabel("Name")
    .fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toHaveText(/^mp_[A-Za-z0-9_-]{43}$/);
  const token = (await page.getByTestId("new-token").textContent())!;
  const viaToken = await playwright.request.newContext({
    baseURL,
    storageState: SIGNED_OUT.storageState,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await viaToken.get("/api/modules")).status()).toBe(200);
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  expect((await viaToken.get("/api/modules")).status()).toBe(401);
  await viaToken.dispose();

  // The page re-renders in the new zone (the action revalidates every page).
  const zoneField = page.getByLabel(/^Time zone \(IANA name/);
  const zoneForm = page.locator("form").filter({ has: zoneField });
  await zoneField.fill("Asia/Tokyo");
  await zoneForm.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("account-time-zone-current")).toContainText("Asia/Tokyo (UTC+09:00)");
  await zoneField.fill("Mars/Olympus");
  await zoneForm.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#account-time-zone-status")).toHaveText(/^Unknown time zone: use an IANA name/);
  await zoneForm.getByRole("button", { name: "Use default" }).click();
  await expect(page.getByTestId("account-time-zone-current")).not.toContainText("Asia/Tokyo");

  expect(actionStatuses.length).toBeGreaterThanOrEqual(3);
  expect(actionStatuses.every((s) => s === 200)).toBe(true);
  await admin.dispose();
  await context.close();
});
