import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { formatTime } from "@/lib/time/format-time";
import { snap, startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * The pages as a reader sees them: every main page loads without a console error or a hydration
 * warning; times are in the installation's display zone (Asia/Shanghai here) and say so; in
 * Chinese no page shows a message from the English catalogue or a hard-coded English word.
 * Seeds its own rows: an engine run with a rendezvous policy that can never be met (count 50,
 * 3 VUs: the run warning), a run in which no request succeeded (its coded error), a JTL and a
 * summariser-log import, a report with an observation 正常 and a problem, and its share link; a JMX
 * plan imported in Chinese shows its report.
 */
const FIXTURES = path.join(import.meta.dirname, "..", "lib", "jmeter", "fixtures");
const MESSAGES = path.join(import.meta.dirname, "..", "messages");
const en = JSON.parse(readFileSync(path.join(MESSAGES, "en.json"), "utf8")) as Record<string, unknown>;
const zh = JSON.parse(readFileSync(path.join(MESSAGES, "zh-CN.json"), "utf8")) as {
  scenarios: { editor: { name: string } };
  imports: { file: string; importJmx: string };
} & Record<string, unknown>;
const ZONE = "Asia/Shanghai";

let target: TLocalTarget;
const seed = {} as {
  moduleName: string;
  scenarioId: string;
  runId: string;
  /** A run in which no request succeeded (every check fails): its error is coded (runErrors). */
  failedRunId: string;
  runStartedAt: string;
  logRunId: string;
  jtlRunId: string;
  reportId: string;
  shareUrl: string;
  /** The seeded names and the words of the JTL's labels (user data: allowed in any language). */
  names: string[];
  userWords: Set<string>;
};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  target = await startLocalTarget(50);
});

test.afterAll(async ({ request }) => {
  await request.put("/api/admin/settings/display-time-zone", { data: { timeZone: null } });
  await target.close();
});

async function created<T>(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { data: T }).data;
}

/** GET /api/runs/:id's record. */
async function runRecord(request: APIRequestContext, runId: string): Promise<{ status: string; startedAt: string }> {
  return ((await (await request.get(`/api/runs/${runId}`)).json()) as { data: { status: string; startedAt: string } }).data;
}

async function waitForRun(request: APIRequestContext, runId: string, status = "completed"): Promise<void> {
  await expect.poll(async () => (await runRecord(request, runId)).status, { timeout: 60_000, intervals: [1000] }).toBe(status);
}

test("seed: a run with an unreachable rendezvous policy, two imports, a report with its share link", async ({ request }) => {
  test.setTimeout(120_000);
  const zone = await request.put("/api/admin/settings/display-time-zone", { data: { timeZone: ZONE } });
  expect(zone.status(), await zone.text()).toBe(200);

  const named = (prefix: string) => {
    const name = uniqueName(prefix);
    seed.names.push(name);
    return name;
  };
  seed.names = [];
  seed.moduleName = named("zhmod");
  await created(await request.post("/api/modules", { data: { name: seed.moduleName } }));
  const scenario = await created<{ id: string }>(
    await request.post("/api/scenarios", {
      data: {
        name: named("zhscn"),
        module: seed.moduleName,
        baseUrl: target.url,
        load: { vus: 3, durationSeconds: 3 },
        steps: [
          { request: { name: "vote", path: "/fast" } },
          { rendezvous: { name: "vote_rv", policy: { count: 50 }, timeoutSeconds: 1 } },
        ],
      },
    }),
  );
  seed.scenarioId = scenario.id;
  const run = await created<{ id: string }>(
    await request.post("/api/runs", { data: { scenarioIds: [scenario.id], name: named("zhrun") } }),
  );
  seed.runId = run.id;
  // Every answer fails its check (the target answers 200): the run ends failed, "no request succeeded".
  const failing = await created<{ id: string }>(
    await request.post("/api/scenarios", {
      data: {
        name: named("zhfail"),
        module: seed.moduleName,
        baseUrl: target.url,
        load: { vus: 1, durationSeconds: 1 },
        steps: [{ request: { name: "vote", path: "/fast", expect: { status: 201 } } }],
      },
    }),
  );
  const failedRun = await created<{ id: string }>(
    await request.post("/api/runs", { data: { scenarioIds: [failing.id], name: named("zhfailrun") } }),
  );
  seed.failedRunId = failedRun.id;

  const log = await created<{ runId: string }>(
    await request.post("/api/imports/jmeter-log", {
      data: { text: "summary =    473 in     9s =   52.6/s Avg:    92 Min:     4 Max:   523 Err:    35 (7.40%)", module: seed.moduleName },
    }),
  );
  seed.logRunId = log.runId;
  const jtl = await created<{ runId: string }>(
    await request.post("/api/imports/jmeter", {
      multipart: {
        module: seed.moduleName,
        file: { name: "csv-header.jtl", mimeType: "text/csv", buffer: await readFile(path.join(FIXTURES, "csv-header.jtl")) },
      },
    }),
  );
  seed.jtlRunId = jtl.runId;
  await waitForRun(request, seed.runId);
  await waitForRun(request, seed.failedRunId, "failed");
  seed.runStartedAt = (await runRecord(request, seed.runId)).startedAt;

  const report = await created<{ id: string }>(
    await request.post("/api/reports", {
      data: { name: named("zhreport"), date: "2026-12-06", runIds: [seed.runId, seed.logRunId, seed.jtlRunId] },
    }),
  );
  seed.reportId = report.id;
  await created(await request.post(`/api/reports/${report.id}/observations`, { data: { feature: "预约会议", status: "正常" } }));
  await created(await request.post("/api/problems", { data: { title: "直播模块脚本报错", reportId: report.id } }));
  const share = await request.post(`/api/reports/${report.id}/share`, { data: {} });
  expect(share.status(), await share.text()).toBe(201);
  seed.shareUrl = ((await share.json()) as { data: { url: string } }).data.url;
  // User data: our names, and the JTL's labels, thread groups, response messages and URLs.
  const jtlLines = (await readFile(path.join(FIXTURES, "csv-header.jtl"), "utf8")).split("\n").slice(1);
  const fromJtl = jtlLines.flatMap((line) => {
    const c = line.split(",");
    return [c[2], c[4], c[5], c[11]];
  });
  // "admin": the e2e account's name.
  seed.userWords = new Set(["vote vote_rv admin csv header jtl", ...fromJtl].flatMap((n) => (n ?? "").split(/[^A-Za-z]+/)).filter(Boolean));
});

/** The pages every reader uses (the share page without a session, in its own context). */
function mainPages(): string[] {
  return [
    "/modules",
    "/scenarios",
    `/scenarios/${seed.scenarioId}`,
    "/runs",
    `/runs/${seed.runId}`,
    `/runs/${seed.logRunId}`,
    `/runs/${seed.jtlRunId}`,
    `/runs/${seed.failedRunId}`,
    "/reports",
    `/reports/${seed.reportId}`,
    "/problems",
    "/imports",
    "/account",
    "/admin/settings",
    "/admin/audit",
  ];
}

/** Console errors, page errors and React's hydration warnings of everything `page` loads. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    const text = m.text();
    if (m.type() === "error" || /hydrat|did not match|#418|#423|#425/i.test(text))
      problems.push(`${page.url()}: console.${m.type()}: ${text}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  return problems;
}

async function visit(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBeLessThan(400);
  // Hydration has run once the page's scripts are in; a page that keeps polling never idles.
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
}

test("no console error or hydration warning on the main pages, the share page included", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  for (const url of mainPages()) await visit(page, url);
  const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const guestPage = await guest.newPage();
  problems.push(...watchConsole(guestPage));
  await visit(guestPage, seed.shareUrl);
  await guest.close();
  expect(problems).toEqual([]);
});

test("times are in the display zone and say so; the run warning names the policy", async ({ page }) => {
  test.setTimeout(120_000);
  const expected = formatTime(seed.runStartedAt, ZONE, "dateTime", { zone: true });
  expect(expected).toMatch(/\(UTC\+08:00\)$/);
  await visit(page, "/runs");
  await expect(page.getByText(expected).first()).toBeVisible();
  await visit(page, `/runs/${seed.runId}`);
  await expect(page.getByText(formatTime(seed.runStartedAt, ZONE, "dateTimeSeconds", { zone: true })).first()).toBeVisible();
  const events = page.getByTestId("run-events");
  await expect(events).toContainText("count 50 can never be met: 3 VUs use vote_rv");
  await expect(events).toContainText("1 s timeout");
  await snap(page, "en-run-page");
  await visit(page, "/account");
  await expect(page.getByTestId("account-time-zone-current")).toContainText(`${ZONE} (UTC+08:00)`);
});

// --- zh-CN ------------------------------------------------------------------------------------

/** Flat list of a catalogue's strings by key. */
function flatten(o: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof o === "string") out.set(prefix, o);
  else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/**
 * Static fragments of English messages that Chinese says differently, long enough to mean
 * something on their own (two words or more): finding one on a Chinese page means a text came from
 * the English catalogue (or a hard-coded copy of it).
 */
function englishFragments(): string[] {
  const enMap = flatten(en);
  const zhMap = flatten(zh);
  const out = new Set<string>();
  for (const [key, text] of enMap) {
    if (zhMap.get(key) === text) continue;
    for (const fragment of text.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|'[^']*'/)) {
      const f = fragment.trim().replace(/^[^A-Za-z]+|[^A-Za-z.]+$/g, "");
      if (f.length >= 10 && /[A-Za-z]+ [A-Za-z]+/.test(f)) out.add(f);
    }
  }
  return [...out];
}

/**
 * ASCII words allowed on a Chinese page: units, product and format names, JMeter's and HTTP's own
 * terms, zone names, "English" in the language switch. Anything else in Latin
 * letters is English that was not translated (or user data, which the caller adds).
 */
const ALLOWED = new Set(
  `ms s MB KB GB VU VUs UTC IANA TZ Asia Shanghai Musterpoint JMeter LoadRunner HDR CSV JTL JMX JSON YAML Markdown HTML API URL URLs HTTP HTTPS
   GET POST PUT PATCH DELETE HEAD OPTIONS summary Avg Min Max Err p50 p90 p95 p99 QPS TPS TTFB ID id CLI PNG SVG
   WeCom DingTalk Feishu Lark Slack OK ok req rps English Cookie Webhook CIDR IP XML CPU DNS CI NATS REST JavaScript
   Multipart Secure SameSite Cron cron Bearer Authorization summariser pacing Follow Redirects TLS TCP localhost`.split(/\s+/),
);

/** Every visible text node, one space apart (innerText glues neighbouring cells and buttons). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Code, monospace values (summary lines, URLs, paths) are data.
    const skip = "code, pre, script, style, noscript, .font-mono, [translate=no], svg, .sr-only";
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
      out.push(node.textContent ?? "");
    }
    return out.join(" ");
  });
}

async function zhContext(browser: Browser, signedIn: boolean): Promise<BrowserContext> {
  const base = test.info().project.use.baseURL ?? "";
  const context = await browser.newContext(
    signedIn
      ? { storageState: test.info().project.use.storageState as string, locale: "zh-CN" }
      : { storageState: { cookies: [], origins: [] }, locale: "zh-CN" },
  );
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: base }]);
  return context;
}

/**
 * What people typed (names of modules, scenarios, runs, reports, problems, schedules, agents, tokens,
 * users and webhooks — the audit page names them), whichever spec created it: user data, not the UI's
 * words. Read through the API the pages read.
 */
async function userDataNames(request: APIRequestContext): Promise<string[]> {
  const out = new Set<string>();
  const collect = (v: unknown, key = ""): void => {
    if (typeof v === "string") {
      if (
        ["name", "email", "title", "module", "label", "runName", "fileName", "owner", "feature", "startedByName"].includes(key) &&
        v.trim()
      )
        out.add(v);
    } else if (Array.isArray(v)) for (const x of v) collect(x, key);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) collect(x, k);
  };
  for (const route of [
    "/api/modules",
    "/api/scenarios",
    "/api/runs",
    "/api/reports",
    "/api/problems",
    "/api/schedules",
    "/api/agents",
    "/api/imports",
    "/api/tokens",
    "/api/admin/users",
    "/api/admin/webhooks",
  ]) {
    const res = await request.get(route);
    if (res.ok()) collect(await res.json());
  }
  // Longest first, so a name that contains another is removed whole.
  return [...out].sort((a, b) => b.length - a.length);
}

test("zh-CN: no English message or word on the main pages, the editor's validation and the share page included", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  let dataNames = await userDataNames(request);
  const fragments = englishFragments();
  expect(fragments.length).toBeGreaterThan(100);
  const found: string[] = [];
  const check = async (page: Page, what: string) => {
    let text = await visibleText(page);
    for (const name of [...seed.names, ...dataNames]) text = text.replaceAll(name, " ");
    expect(text, what).toMatch(/[\u4e00-\u9fff]/);
    for (const f of fragments) if (text.includes(f)) found.push(`${what}: English message “${f}”`);
    // Host names, paths, identifiers and options (api.example.com, docs/x.md, name_1, zone=east,
    // --var) are examples of syntax, not prose.
    const prose = text
      .split(/[\s\u3000（）()“”"「」：，,、。；;]+/)
      .filter((token) => !/[./_=@<>$\\:]|^-|[a-z][A-Z]/.test(token))
      .join(" ");
    const words = new Set((prose.match(/[A-Za-z][A-Za-z']+/g) ?? []).filter((w) => !ALLOWED.has(w) && !seed.userWords.has(w)));
    for (const w of words) found.push(`${what}: English word “${w}”`);
  };

  const context = await zhContext(browser, true);
  const page = await context.newPage();
  const problems = watchConsole(page);
  for (const url of mainPages()) {
    await visit(page, url);
    await check(page, url);
  }
  // The editor with a validation error: an empty name.
  await visit(page, `/scenarios/${seed.scenarioId}`);
  await page.getByLabel(zh.scenarios.editor.name, { exact: true }).first().fill("");
  await expect(page.locator('[data-issue-path="name"]')).toContainText("不能为空");
  await check(page, "editor with an error");
  await visit(page, `/runs/${seed.runId}`);
  await expect(page.getByTestId("run-events")).toContainText("永远无法满足");
  await snap(page, "zh-run-page");
  await visit(page, `/reports/${seed.reportId}`);
  await snap(page, "zh-report-page");
  // A failed run's reason, worded from its code (Run.error keeps the English for the API).
  await visit(page, `/runs/${seed.failedRunId}`);
  await expect(page.getByTestId("run-error-text")).toContainText("没有一个请求成功");
  await snap(page, "zh-run-failed");
  // A JMX plan's import report: every skipped or approximated element's reason in Chinese.
  await visit(page, "/imports");
  const jmx = page.getByTestId("jmx-form");
  await jmx
    .getByLabel(zh.imports.file, { exact: true })
    .setInputFiles(path.join(FIXTURES, "..", "jmx", "fixtures", "mix-controllers-5.x.jmx"));
  await jmx.getByRole("button", { name: zh.imports.importJmx }).click();
  await expect(jmx.getByTestId("jmx-report")).toBeVisible({ timeout: 30_000 });
  // The plan's thread groups became scenarios and modules: their names are user data.
  dataNames = await userDataNames(request);
  await check(page, "JMX import report");
  await snap(page, "zh-jmx-report");
  await context.close();

  const guest = await zhContext(browser, false);
  const share = await guest.newPage();
  problems.push(...watchConsole(share));
  await visit(share, seed.shareUrl);
  await check(share, "share page");
  await expect(share.getByText("正常").first()).toBeVisible();
  await snap(share, "zh-share-page");
  await guest.close();

  expect(problems).toEqual([]);
  expect(found).toEqual([]);
});

test("the English Markdown keeps the tester's 正常", async ({ request }) => {
  const res = await request.get(`/api/reports/${seed.reportId}/markdown?lang=en`);
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toContain("| 预约会议 | 正常 |");
  expect(text).not.toMatch(/\|\s*normal\s*\|/);
});
