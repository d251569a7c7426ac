import { expect, test as setup } from "@playwright/test";
import { snap } from "./helpers";
import { E2E_ADMIN, E2E_AUTH_STATE } from "./e2e-env";

// Signs in once through the real form; every other spec starts from this browser state.
setup("sign in as the e2e admin", async ({ page }) => {
  await page.goto("/modules");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await snap(page, "00-sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/modules$/);
  await page.context().storageState({ path: E2E_AUTH_STATE });
});
