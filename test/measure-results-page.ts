/**
 * Time to interactive of the results page of a finished run with 200 labels over 6 hours (goal
 * < 1 s), in Chromium against the BUILT app (`next build` first). Not part of `npm test`.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx test/measure-results-page.ts \
 *     [--loads 7] [--app DIR] [--db URL] [--keep] [--prepare] [--screenshots DIR] [--hours 6] [--port 3210] [--profile FILE.cpuprofile]
 *
 * Without --db it creates a fresh database, the admin and the run (writeSyntheticRun, a few minutes);
 * --keep (or --prepare: only that) leaves that database for later calls (--db URL, e.g. to compare two builds: --app DIR
 * serves the build in DIR). Each load: a new page, navigation start → the moment a click on the
 * labels table's "Samples" header has sorted it (the header is clicked as soon as React has
 * hydrated it, polled every 10 ms in the page): that is the time to interactive reported. Also the
 * navigation timing, long tasks, and the HTML / RSC payload sizes and server times (from Node).
 * Every figure is printed with the load average; the summary is the median.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { SYNTHETIC_FIRST_SECOND, writeSyntheticRun } from "./synthetic-run";
import { createTestDatabase } from "./test-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const LOADS = Number(arg("loads") ?? 7);
const APP_DIR = path.resolve(arg("app") ?? ROOT);
const PORT = Number(arg("port") ?? 3210);
const HOURS = Number(arg("hours") ?? 6);
const KEEP = process.argv.includes("--keep");
const SHOTS = arg("screenshots");
const PROFILE = arg("profile");
const ADMIN = { email: "measure-admin@musterpoint.test", password: "measure-password-not-secret" };
const RUN_NAME = `200 labels, ${HOURS} h (measure)`;
const BASE_URL = `http://127.0.0.1:${PORT}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

async function prepareDatabase(): Promise<{ url: string; runId: string; drop?: () => Promise<void> }> {
  const given = arg("db");
  if (given) {
    process.env.DATABASE_URL = given;
    const { prisma } = await import("../lib/db/client");
    const run = await prisma.run.findFirst({ where: { name: RUN_NAME }, select: { id: true } });
    await prisma.$disconnect();
    if (!run) throw new Error(`no run named "${RUN_NAME}" in ${given}`);
    return { url: given, runId: run.id };
  }
  const db = await createTestDatabase("page");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("../lib/db/client");
  const { ensureFirstAdmin } = await import("../lib/auth/ensure-first-admin");
  const { finalizeRun } = await import("../lib/runs/finalize-run");
  await ensureFirstAdmin({ MUSTERPOINT_ADMIN_EMAIL: ADMIN.email, MUSTERPOINT_ADMIN_PASSWORD: ADMIN.password });
  console.log(`writing ${RUN_NAME} into ${db.url} …`);
  const run = await writeSyntheticRun({ name: RUN_NAME, labels: 200, seconds: HOURS * 3600, seed: 2 });
  await finalizeRun(run.id, { status: "completed" });
  await prisma.run.update({ where: { id: run.id }, data: { finishedAt: new Date((SYNTHETIC_FIRST_SECOND + HOURS * 3600) * 1000) } });
  console.log(`written in ${(run.ms / 1000).toFixed(0)} s; run ${run.id}`);
  await prisma.$disconnect();
  await (await import("../lib/run-metrics/raw-pool")).rawPool().end();
  return { url: db.url, runId: run.id, drop: KEEP || process.argv.includes("--prepare") ? undefined : db.drop };
}

async function startApp(databaseUrl: string): Promise<() => Promise<void>> {
  const web = spawn(process.execPath, [path.join(APP_DIR, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT)], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_URL: BASE_URL,
      MUSTERPOINT_AUTH_RATE_LIMIT: "off",
    },
    stdio: "ignore",
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${BASE_URL}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  return async () => {
    try {
      process.kill(-web.pid!, "SIGTERM");
    } catch {
      // gone
    }
  };
}

/** Runs in the page before any of its scripts: hydration poll, the click, long tasks. */
function pageProbe() {
  const w = window as unknown as Record<string, unknown>;
  const longTasks: { start: number; end: number }[] = [];
  w.__longTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: "longtask", buffered: true });
  const timer = setInterval(() => {
    const button = document.querySelectorAll<HTMLButtonElement>('[data-testid="table-labels"] thead th button')[1];
    if (!button || !Object.keys(button).some((k) => k.startsWith("__reactProps$"))) return;
    clearInterval(timer);
    w.__hydratedAt = performance.now();
    const th = button.closest("th")!;
    new MutationObserver((_, observer) => {
      if (th.getAttribute("aria-sort")) {
        w.__sortedAt = performance.now();
        observer.disconnect();
      }
    }).observe(th, { attributes: true, attributeFilter: ["aria-sort"] });
    button.click();
  }, 10);
}

interface TLoad {
  ttiMs: number;
  /** The end of the last long task in the first 3 s (or the sort, when later): main thread quiet. */
  quietMs: number;
  hydratedMs: number;
  ttfbMs: number;
  responseEndMs: number;
  dclMs: number;
  longTaskMs: number;
  tbtMs: number;
  load: string;
}

async function main() {
  const db = await prepareDatabase();
  if (process.argv.includes("--prepare")) {
    console.log(`prepared: --db ${db.url}`);
    return;
  }
  const stopApp = await startApp(db.url);
  console.log(`app from ${APP_DIR} on ${BASE_URL}; load avg ${load()}`);
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: "en-US" });
    const signIn = await context.newPage();
    await signIn.goto(`${BASE_URL}/sign-in`);
    await signIn.getByLabel("Email").fill(ADMIN.email);
    await signIn.getByLabel("Password").fill(ADMIN.password);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await signIn.close();
    console.log("signed in");
    await context.addInitScript(pageProbe);
    const url = `${BASE_URL}/runs/${db.runId}`;
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    // Server: the HTML and the RSC payload (a client-side navigation) as Node sees them.
    const server: { htmlMs: number; htmlBytes: number; rscMs: number; rscBytes: number }[] = [];
    for (let i = 0; i < 4; i++) {
      let s = performance.now();
      const html = await (await fetch(url, { headers: { cookie } })).text();
      const htmlMs = performance.now() - s;
      s = performance.now();
      const rsc = await (await fetch(url, { headers: { cookie, RSC: "1" } })).text();
      const rscMs = performance.now() - s;
      if (i > 0) server.push({ htmlMs, htmlBytes: Buffer.byteLength(html), rscMs, rscBytes: Buffer.byteLength(rsc) });
    }
    console.log(
      `server (median of 3, load ${load()}): HTML ${median(server.map((x) => x.htmlMs)).toFixed(0)} ms, ${(server[0]!.htmlBytes / 1024).toFixed(0)} KiB · ` +
        `RSC ${median(server.map((x) => x.rscMs)).toFixed(0)} ms, ${(server[0]!.rscBytes / 1024).toFixed(0)} KiB`,
    );

    const loads: TLoad[] = [];
    for (let i = 0; i <= LOADS; i++) {
      const page = await context.newPage();
      const loadAvg = load();
      let jsBytes = 0;
      page.on("response", (r) => {
        if (r.url().endsWith(".js")) void r.body().then((b) => (jsBytes += b.length)).catch(() => {});
      });
      const cdp = PROFILE && i === 1 ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
        await cdp.send("Profiler.start");
      }
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => (window as unknown as { __sortedAt?: number }).__sortedAt !== undefined, null, { timeout: 60_000, polling: 50 });
      // Long tasks after the click count too: wait until 3 s after navigation start.
      await page.waitForFunction(() => performance.now() > 3000, null, { polling: 100 });
      const m = await page.evaluate(() => {
        const w = window as unknown as { __sortedAt: number; __hydratedAt: number; __longTasks: { start: number; end: number }[] };
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const before = w.__longTasks.filter((t) => t.start < w.__sortedAt);
        return {
          ttiMs: w.__sortedAt,
          hydratedMs: w.__hydratedAt,
          ttfbMs: nav.responseStart,
          responseEndMs: nav.responseEnd,
          dclMs: nav.domContentLoadedEventEnd,
          longTaskMs: before.reduce((n, t) => n + t.end - t.start, 0),
          tbtMs: before.reduce((n, t) => n + Math.max(0, t.end - t.start - 50), 0),
          quietMs: Math.max(w.__sortedAt, ...w.__longTasks.map((t) => t.end)),
        };
      });
      if (cdp) {
        const { profile } = await cdp.send("Profiler.stop");
        fs.writeFileSync(PROFILE!, JSON.stringify(profile));
        printProfile(profile);
      }
      const row = { ...m, load: loadAvg };
      // The first load warms the server and the browser cache; it is printed, not counted.
      console.log(
        `${i === 0 ? "warm-up" : `load ${i}`}: TTI ${m.ttiMs.toFixed(0)} ms (hydrated ${m.hydratedMs.toFixed(0)}, quiet ${m.quietMs.toFixed(0)}) · TTFB ${m.ttfbMs.toFixed(0)} · ` +
          `HTML done ${m.responseEndMs.toFixed(0)} · DCL ${m.dclMs.toFixed(0)} · long tasks ${m.longTaskMs.toFixed(0)} ms (TBT ${m.tbtMs.toFixed(0)}) · ` +
          `JS ${(jsBytes / 1024).toFixed(0)} KiB · load avg ${loadAvg}`,
      );
      if (i > 0) loads.push(row);
      await page.close();
    }
    const med = (k: keyof Omit<TLoad, "load">) => median(loads.map((l) => l[k])).toFixed(0);
    console.log(
      `MEDIAN of ${loads.length}: TTI ${med("ttiMs")} ms · hydrated ${med("hydratedMs")} · quiet ${med("quietMs")} · TTFB ${med("ttfbMs")} · HTML done ${med("responseEndMs")} · ` +
        `DCL ${med("dclMs")} · long tasks ${med("longTaskMs")} (TBT ${med("tbtMs")}) · load avg at start of loads: ${loads.map((l) => l.load.split(" ")[0]).join(", ")}`,
    );

    if (SHOTS) {
      for (const locale of ["en", "zh-CN"]) {
        await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE_URL }]);
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForFunction(() => (window as unknown as { __sortedAt?: number }).__sortedAt !== undefined);
        await page.waitForTimeout(1500);
        const file = (what: string) => path.join(SHOTS, `results-200x${HOURS}h-${locale}-${what}.png`);
        await page.screenshot({ path: file("top") });
        await page.getByTestId("labels").screenshot({ path: file("labels") });
        await page.getByTestId("errors").screenshot({ path: file("errors") });
        await page.screenshot({ path: file("full"), fullPage: true });
        console.log(`screenshots ${file("{top,labels,errors,full}")}`);
        await page.close();
      }
    }
  } finally {
    await browser?.close();
    await stopApp();
    await db.drop?.();
  }
}

interface TProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by function and by script of a CPU profile (the first counted load), top 25. */
function printProfile(profile: { nodes: TProfileNode[]; samples?: number[]; timeDeltas?: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = (profile.timeDeltas?.[i] ?? 0) / 1000;
    const script = n.callFrame.url.split("/").pop() || "(native)";
    const key = `${n.callFrame.functionName || "(anon)"} ${script}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    byScript.set(script, (byScript.get(script) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `  ${v.toFixed(0).padStart(5)} ms ${n}`).join("\n");
  console.log(`profile: self time by script\n${top(byScript, 12)}\nby function\n${top(self, 25)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
