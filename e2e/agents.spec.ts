import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { snap, startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * Three agent processes on the machine's NATS (the e2e worker is their controller when
 * MUSTERPOINT_NATS_URL is set for the run: `MUSTERPOINT_NATS_URL=nats://127.0.0.1:4222 npx
 * playwright test e2e/agents.spec.ts`), one run with a global rendezvous, the live page's agents
 * panel and the Agents page, in English and Chinese.
 */
const NATS_URL = process.env.MUSTERPOINT_NATS_URL;
const ROOT = path.resolve(import.meta.dirname, "..");
let target: TLocalTarget;
const agents: ChildProcess[] = [];
const tag = Math.random().toString(36).slice(2, 6);
const names = ["a1", "a2", "a3"].map((n) => `e2e-${tag}-${n}`);

test.skip(!NATS_URL, "needs MUSTERPOINT_NATS_URL (NATS with JetStream)");

test.beforeAll(async () => {
  target = await startLocalTarget(20);
  for (const name of names)
    agents.push(
      spawn(process.execPath, ["bin/musterpoint.mjs", "agent", "--nats", NATS_URL!, "--name", name, "--labels", "zone=e2e"], {
        cwd: ROOT,
        stdio: "ignore",
      }),
    );
});
test.afterAll(async () => {
  for (const a of agents) a.kill("SIGTERM");
  await target.close();
});

test("a 3-agent run with a global rendezvous: live agents panel, Agents page (en, zh-CN)", async ({ page, request }) => {
  test.setTimeout(300_000);
  await expect
    .poll(
      async () =>
        ((await (await request.get("/api/agents")).json()) as { data: { name: string; status: string }[] }).data.filter(
          (a) => names.includes(a.name) && a.status === "idle",
        ).length,
      { timeout: 90_000 },
    )
    .toBe(3);
  const moduleName = uniqueName("e2e-agents");
  expect((await request.post("/api/modules", { data: { name: moduleName } })).status()).toBe(201);
  const res = await request.post("/api/scenarios", {
    data: {
      name: uniqueName("peak-on-agents"),
      module: moduleName,
      baseUrl: target.url,
      load: { vus: 9, durationSeconds: 150 },
      steps: [
        { request: { name: "home", path: "/fast" } },
        { rendezvous: { name: "vote_rv", policy: { count: 9 }, timeoutSeconds: 10 } },
        { request: { name: "vote", method: "POST", path: "/slow", json: { choice: 1 } } },
        { think: { seconds: 1 } },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id: scenarioId } = ((await res.json()) as { data: { id: string } }).data;
  const launched = await request.post("/api/runs", { data: { scenarioIds: [scenarioId], agents: { names } } });
  expect(launched.status(), await launched.text()).toBe(201);
  const { id: runId } = ((await launched.json()) as { data: { id: string } }).data;

  await page.goto(`/runs/${runId}`);
  const panel = page.getByTestId("run-agents");
  await expect(panel.locator("tbody tr")).toHaveCount(3, { timeout: 30_000 });
  // Releases of the global rendezvous reach every agent's row (skew column filled).
  for (const name of names) await expect(panel.locator(`tr[data-agent="${name}"] td`).last()).toContainText("ms", { timeout: 60_000 });
  await expect(panel.locator(`tr[data-agent="${names[0]}"]`)).toContainText("1, 1 + 3 … 7");
  // Still the live view: the run goes on for minutes.
  await expect(page.getByTestId("result-samples")).toHaveCount(0);
  await page.waitForTimeout(3000);
  await snap(page, "agents-live-run-en");

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByTestId("run-agents")).toContainText("负载机");
  await page.waitForTimeout(2000);
  await snap(page, "agents-live-run-zh");
  await page.goto("/agents");
  await expect(page.getByText(names[0]!)).toBeVisible();
  await snap(page, "agents-page-zh");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Agents" })).toBeVisible();
  await snap(page, "agents-page-en");
  expect((await request.post(`/api/runs/${runId}/cancel`)).status()).toBe(200);
});
