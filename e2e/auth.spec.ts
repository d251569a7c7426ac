import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_BOOTSTRAP_TOKEN } from "./e2e-env";
import { snap, uniqueName } from "./helpers";

/**
 * Issue 7 in a real browser: anonymous visitors are sent to sign-in, a viewer reads but cannot
 * change anything, a share link opens one report signed-out and stops working when revoked.
 */
const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };

async function adminApi(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, baseURL: string) {
  return playwright.request.newContext({
    baseURL,
    storageState: SIGNED_OUT.storageState,
    extraHTTPHeaders: { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` },
  });
}

test.describe("accounts and roles", () => {
  test("anonymous visitors are sent to sign-in; the API answers 401", async ({ browser, playwright, baseURL }) => {
    const context = await browser.newContext(SIGNED_OUT);
    const page = await context.newPage();
    await page.goto("/runs?status=running");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fruns%3Fstatus%3Drunning$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);

    const anonymous = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT.storageState });
    for (const [method, path] of [
      ["post", "/api/modules"],
      ["post", "/api/scenarios"],
      ["post", "/api/runs"],
      ["post", "/api/reports"],
      ["post", "/api/tokens"],
      ["get", "/api/admin/users"],
    ] as const) {
      const res = await anonymous[method](path, { data: {} });
      expect(res.status(), `${method} ${path}`).toBe(401);
      expect((await res.json()).error).toBeTruthy();
    }
    const forged = await anonymous.get("/api/admin/users", {
      headers: { "x-musterpoint-user-role": "admin", "x-musterpoint-user-id": "x" },
    });
    expect(forged.status()).toBe(401);
    await anonymous.dispose();
    await context.close();
  });

  test("a viewer signs in and reads, but every change is refused with 403", async ({ browser, playwright, baseURL }) => {
    const admin = await adminApi(playwright, baseURL!);
    const email = `${uniqueName("viewer")}@musterpoint.test`;
    const password = "viewer-password-e2e";
    const created = await admin.post("/api/admin/users", { data: { email, name: "Vera Viewer", password, role: "viewer" } });
    expect(created.status()).toBe(201);

    const context = await browser.newContext(SIGNED_OUT);
    const page = await context.newPage();
    await page.goto("/sign-in?next=%2Fmodules");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/modules$/);

    // Same-origin calls with the viewer's session cookie, as the app's own pages would make them.
    const origin = { origin: baseURL! };
    const reads = await page.request.get("/api/modules");
    expect(reads.status()).toBe(200);
    for (const [method, path] of [
      ["post", "/api/modules"],
      ["post", "/api/scenarios"],
      ["post", "/api/runs"],
      ["post", "/api/reports"],
      ["put", "/api/admin/settings/target-allow-list"],
    ] as const) {
      const res = await page.request[method](path, { data: { name: "nope" }, headers: origin });
      expect(res.status(), `${method} ${path}`).toBe(403);
      expect((await res.json()).error).toMatch(/role/);
    }
    const adminPage = await page.goto("/admin/users");
    expect(adminPage?.status()).toBe(403);
    await snap(page, "auth-viewer-admin-403");

    // Their own API tokens are theirs to manage, and a viewer token only reads.
    const token = await page.request.post("/api/tokens", { data: { name: "read-only ci" }, headers: origin });
    expect(token.status()).toBe(201);
    const { data } = await token.json();
    const viaToken = await playwright.request.newContext({
      baseURL,
      storageState: SIGNED_OUT.storageState,
      extraHTTPHeaders: { authorization: `Bearer ${data.token}` },
    });
    expect((await viaToken.get("/api/modules")).status()).toBe(200);
    expect((await viaToken.post("/api/modules", { data: { name: uniqueName("x") } })).status()).toBe(403);
    await viaToken.dispose();
    await admin.dispose();
    await context.close();
  });

  test("a cookie-authenticated change from another origin is refused (CSRF)", async ({ request }) => {
    const res = await request.post("/api/modules", { data: { name: uniqueName("csrf") }, headers: { origin: "https://evil.example" } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatch(/Cross-origin/);
  });
});

test.describe("admin and account pages", () => {
  test("an admin manages users, the target allow-list, the audit log and their own tokens", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
    const email = `${uniqueName("tess")}@musterpoint.test`;
    await page.getByLabel("Name", { exact: true }).fill("Tess Tester");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Initial password").fill("tester-password-e2e");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("cell", { name: email })).toBeVisible();
    await snap(page, "auth-admin-users");
    // Role change and delete are server actions too: both hold after a reload.
    const roleSaved = page.waitForResponse((res) => res.request().method() === "POST" && !!res.request().headers()["next-action"]);
    await page.getByLabel(`Role of ${email}`).selectOption("viewer");
    expect((await roleSaved).status()).toBe(200);
    await expect(page.locator("#users-error")).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("viewer");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("cell", { name: email })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("cell", { name: email })).toHaveCount(0);

    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Target allow-list" })).toBeVisible();
    await expect(page.getByLabel("CIDRs")).toHaveValue(/127\.0\.0\.0\/8/);
    // The settings page has a form per setting (allow-list, display time zone, …): this one's Save.
    const allowList = page.locator("form").filter({ has: page.getByLabel("Ports") });
    await page.getByLabel("Ports").fill("70000");
    await allowList.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/Ports are 1–65535/)).toBeVisible();
    await page.getByLabel("Ports").fill("");
    await allowList.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await snap(page, "auth-admin-allow-list");

    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("cell", { name: "user.create" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "user.role" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "user.delete" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "settings.targetAllowList.update" }).first()).toBeVisible();

    await page.goto("/account");
    await page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Create token" }) })
      .getByLabel("Name")
      .fill(uniqueName("ci"));
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("new-token")).toHaveText(/^mp_[A-Za-z0-9_-]{43}$/);
    await snap(page, "auth-account-tokens");
  });
});

test.describe("share links", () => {
  test("open one report signed-out, and stop working when revoked", async ({ browser, playwright, baseURL }) => {
    const admin = await adminApi(playwright, baseURL!);
    const name = uniqueName("峰值脚本压测");
    const report = await admin.post("/api/reports", { data: { name, date: "2026-11-21", runIds: [] } });
    expect(report.status()).toBe(201);
    const { id } = (await report.json()).data;
    const share = await admin.post(`/api/reports/${id}/share`, { data: { expiresInDays: 1 } });
    expect(share.status()).toBe(201);
    const { data: link } = await share.json();
    const { url } = link;
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);

    const context = await browser.newContext(SIGNED_OUT);
    const page = await context.newPage();
    const opened = await page.goto(url);
    expect(opened?.status()).toBe(200);
    await expect(page.getByText(name).first()).toBeVisible();
    expect(opened?.headers()["x-frame-options"]).toBe("DENY");
    expect(opened?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await snap(page, "auth-share-signed-out");
    // The link opens that report and nothing else.
    await page.goto("/modules");
    await expect(page).toHaveURL(/\/sign-in/);

    expect((await admin.delete(`/api/reports/${id}/share/${link.id}`)).status()).toBe(200);
    const revoked = await page.goto(url);
    expect(revoked?.status()).toBe(404);
    await admin.dispose();
    await context.close();
  });
});
