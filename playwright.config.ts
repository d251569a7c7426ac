import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN, E2E_AUTH_STATE, E2E_BOOTSTRAP_TOKEN } from "./e2e/e2e-env";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

/**
 * E2E in Debian's Chromium against the BUILT app (`next build` first) plus its worker, on a fresh
 * database with one admin (scripts/e2e-server.ts). The "setup" project signs in once through the
 * form; the specs reuse that session. Specs seed their own uniquely named rows.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: `e2e/output/test-results-${PORT}`,
  fullyParallel: false,
  // Two cores shared with the server: more workers only add flakiness.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    {
      name: "setup",
      testMatch: /auth\.setup\.ts$/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1360, height: 860 } },
    },
    {
      name: "chromium",
      testIgnore: /auth\.setup\.ts$/,
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1360, height: 860 },
        storageState: E2E_AUTH_STATE,
        // The `request` fixture shares the session cookie; mutations with a cookie must name our
        // origin (CSRF rule in lib/auth/access-policy.ts), as a browser would.
        extraHTTPHeaders: { origin: baseURL },
      },
    },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      MUSTERPOINT_ADMIN_EMAIL: E2E_ADMIN.email,
      MUSTERPOINT_ADMIN_PASSWORD: E2E_ADMIN.password,
      MUSTERPOINT_BOOTSTRAP_TOKEN: E2E_BOOTSTRAP_TOKEN,
      // better-auth checks Origin against its base URL: the address the browser uses.
      BETTER_AUTH_URL: baseURL,
      // Specs sign in and call the API far faster than people; the limiter has its own tests.
      MUSTERPOINT_AUTH_RATE_LIMIT: "off",
    },
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
