/**
 * Time to interactive of the results page of a finished run with 200 labels over 6 hours (goal
 * < 1 s), in Chromium against the BUILT app (`next build` first). Not part of `npm test`.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx test/measure-results-page.ts \
 *     [--loads 7] [--app DIR] [--db URL] [--keep] [--prepare] [--screenshots DIR] [--hours 6] [--port 3210] [--profile FILE.cpuprofile] [--scripts] [--dump DIR] [--trace]
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
/** List the first counted load's scripts: when each was fetched, relative to hydration and the sort. */
const SCRIPTS = process.argv.includes("--scripts");
/**
 * Trace every load (Chromium's tracing) and add the main thread's CPU time from navigation start
 * to the sort: thread time, not wall time, so other processes on a loaded machine count far less.
 */
const TRACE = process.argv.includes("--trace");
/** Write the page's HTML and RSC payload (page.html, page.rsc) into this folder, to see what they carry. */
const DUMP = arg("dump");
const ADMIN = { email: "measure-admin@musterpoint.test", password: "measure-password-not-secret" };
const RUN_NAME = `200 labels, ${HOURS} h (measure)`;
const BASE_URL = `http://127.0.0.1:${PORT}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

async function prepareDatabase(): Promise<{ url: string; runId: string; drop?: () => Promise<void> }> {
  const given = arg("db");
  if (given) {
    process.env.DATABASE_URL = given;
    const { prisma } = await import("@/lib/db/client");
    const run = await prisma.run.findFirst({ where: { name: RUN_NAME }, select: { id: true } });
    await prisma.$disconnect();
    if (!run) throw new Error(`no run named "${RUN_NAME}" in ${given}`);
    return { url: given, runId: run.id };
  }
  const db = await createTestDatabase("page");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db/client");
  const { ensureFirstAdmin } = await import("@/lib/auth/ensure-first-admin");
  const { finalizeRun } = await import("@/lib/runs/finalize-run");
  await ensureFirstAdmin({ MUSTERPOINT_ADMIN_EMAIL: ADMIN.email, MUSTERPOINT_ADMIN_PASSWORD: ADMIN.password });
  console.log(`writing ${RUN_NAME} into ${db.url} …`);
  const run = await writeSyntheticRun({ name: RUN_NAME, labels: 200, seconds: HOURS * 3600, seed: 2 });
  await finalizeRun(run.id, { status: "completed" });
  await prisma.run.update({ where: { id: run.id }, data: { finishedAt: new Date((SYNTHETIC_FIRST_SECOND + HOURS * 3600) * 1000) } });
  console.log(`written in ${(run.ms / 1000).toFixed(0)} s; run ${run.id}`);
  await prisma.$disconnect();
  await (await import("@/lib/run-metrics/raw-pool")).rawPool().end();
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
  // When the charts are drawn (recharts' first SVG in the window strip): they may load after the sort.
  const charts = setInterval(() => {
    if (!document.querySelector('[data-testid="window-chart"] svg')) return;
    clearInterval(charts);
    w.__chartsAt = performance.now();
  }, 10);
  const timer = setInterval(() => {
    const button = document.querySelectorAll<HTMLButtonElement>('[data-testid="table-labels"] thead th button')[1];
    if (!button || !Object.keys(button).some((k) => k.startsWith("__reactProps$"))) return;
    clearInterval(timer);
    w.__hydratedAt = performance.now();
    performance.mark("mp-hydrated");
    const th = button.closest("th")!;
    new MutationObserver((_, observer) => {
      if (th.getAttribute("aria-sort")) {
        w.__sortedAt = performance.now();
        performance.mark("mp-sorted");
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
  /** The window strip's chart drawn (recharts loaded and rendered). */
  chartsMs: number;
  /** Main-thread CPU time from navigation start to the sort (--trace). */
  cpuMs: number;
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
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
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
      if (DUMP && i === 0) {
        fs.mkdirSync(DUMP, { recursive: true });
        fs.writeFileSync(path.join(DUMP, "page.html"), html);
        fs.writeFileSync(path.join(DUMP, "page.rsc"), rsc);
      }
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
        if (r.url().endsWith(".js"))
          void r
            .body()
            .then((b) => (jsBytes += b.length))
            .catch(() => {});
      });
      const cdp = PROFILE && i === 1 ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
        await cdp.send("Profiler.start");
      }
      if (TRACE) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => (window as unknown as { __sortedAt?: number }).__sortedAt !== undefined, null, {
        timeout: 60_000,
        polling: 50,
      });
      // Long tasks after the click count too: wait until 3 s after navigation start, and the charts.
      await page.waitForFunction(() => performance.now() > 3000, null, { polling: 100 });
      await page.waitForFunction(() => (window as unknown as { __chartsAt?: number }).__chartsAt !== undefined, null, {
        timeout: 60_000,
        polling: 50,
      });
      const m = await page.evaluate(() => {
        const w = window as unknown as {
          __sortedAt: number;
          __hydratedAt: number;
          __chartsAt: number;
          __longTasks: { start: number; end: number }[];
        };
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const before = w.__longTasks.filter((t) => t.start < w.__sortedAt);
        return {
          ttiMs: w.__sortedAt,
          hydratedMs: w.__hydratedAt,
          chartsMs: w.__chartsAt,
          ttfbMs: nav.responseStart,
          responseEndMs: nav.responseEnd,
          dclMs: nav.domContentLoadedEventEnd,
          longTaskMs: before.reduce((n, t) => n + t.end - t.start, 0),
          tbtMs: before.reduce((n, t) => n + Math.max(0, t.end - t.start - 50), 0),
          quietMs: Math.max(w.__sortedAt, ...w.__longTasks.map((t) => t.end)),
        };
      });
      if (SCRIPTS && i === 1) await printScripts(page);
      const traceJson = TRACE ? (await browser.stopTracing()).toString("utf8") : null;
      if (traceJson && process.env.MEASURE_TRACE_DIR)
        fs.writeFileSync(path.join(process.env.MEASURE_TRACE_DIR, `trace-${i}.json`), traceJson);
      const cpu = traceJson ? mainThreadCpu(JSON.parse(traceJson)) : null;
      if (cdp) {
        const { profile } = await cdp.send("Profiler.stop");
        fs.writeFileSync(PROFILE!, JSON.stringify(profile));
        printProfile(profile);
      }
      const row = { ...m, cpuMs: cpu?.totalMs ?? NaN, load: loadAvg };
      // The first load warms the server and the browser cache; it is printed, not counted.
      console.log(
        `${i === 0 ? "warm-up" : `load ${i}`}: TTI ${m.ttiMs.toFixed(0)} ms (hydrated ${m.hydratedMs.toFixed(0)}, quiet ${m.quietMs.toFixed(0)}, charts ${m.chartsMs.toFixed(0)}) · TTFB ${m.ttfbMs.toFixed(0)} · ` +
          `HTML done ${m.responseEndMs.toFixed(0)} · DCL ${m.dclMs.toFixed(0)} · long tasks ${m.longTaskMs.toFixed(0)} ms (TBT ${m.tbtMs.toFixed(0)}) · ` +
          `JS ${(jsBytes / 1024).toFixed(0)} KiB · load avg ${loadAvg}` +
          (cpu
            ? `\n  main-thread CPU to the sort ${cpu.totalMs.toFixed(0)} ms: ${cpu.top.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(", ")}`
            : ""),
      );
      if (i > 0) loads.push(row);
      await page.close();
    }
    const med = (k: keyof Omit<TLoad, "load">) => median(loads.map((l) => l[k])).toFixed(0);
    console.log(
      `MEDIAN of ${loads.length}: TTI ${med("ttiMs")} ms · hydrated ${med("hydratedMs")} · quiet ${med("quietMs")} · charts ${med("chartsMs")} · TTFB ${med("ttfbMs")} · HTML done ${med("responseEndMs")} · ` +
        `DCL ${med("dclMs")} · long tasks ${med("longTaskMs")} (TBT ${med("tbtMs")})${TRACE ? ` · main-thread CPU ${med("cpuMs")}` : ""} · load avg at start of loads: ${loads.map((l) => l.load.split(" ")[0]).join(", ")}`,
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

/** Each script of the page: start and end of its fetch, its size, and whether it arrived before the sort. */
async function printScripts(page: import("@playwright/test").Page) {
  const rows = await page.evaluate(() => {
    const w = window as unknown as { __sortedAt: number };
    return performance
      .getEntriesByType("resource")
      .filter((e) => e.name.endsWith(".js"))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return {
          name: r.name.split("/").pop()!,
          start: r.startTime,
          end: r.responseEnd,
          bytes: r.decodedBodySize,
          beforeSort: r.responseEnd < w.__sortedAt,
        };
      });
  });
  const kib = (n: number) => (n / 1024).toFixed(0);
  const before = rows.filter((r) => r.beforeSort);
  console.log(
    `scripts: ${before.length} fetched before the sort (${kib(before.reduce((n, r) => n + r.bytes, 0))} KiB), ${rows.length - before.length} after (${kib(rows.filter((r) => !r.beforeSort).reduce((n, r) => n + r.bytes, 0))} KiB)\n` +
      rows
        .map(
          (r) =>
            `  ${r.beforeSort ? "before" : "after "} ${r.start.toFixed(0).padStart(6)}–${r.end.toFixed(0).padStart(6)} ms ${kib(r.bytes).padStart(5)} KiB ${r.name}`,
        )
        .join("\n"),
  );
}

const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
  "v8",
  "v8.execute",
  "toplevel",
];

interface TTraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string } };
}

/**
 * CPU (thread) time of the renderer's main thread between navigation start and the "mp-sorted"
 * mark: the sum over its top-level tasks, and the self time of the events inside them by name.
 */
function mainThreadCpu(trace: { traceEvents: TTraceEvent[] }): { totalMs: number; top: [string, number][] } {
  const events = trace.traceEvents;
  const sorted = events.find((e) => e.name === "mp-sorted");
  if (!sorted) return { totalMs: NaN, top: [] };
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.pid === sorted.pid && e.args?.name === "CrRendererMain");
  const tid = main?.tid ?? sorted.tid;
  // The page's own navigation (about:blank and the frames' later ones carry no http URL).
  const navStart = Math.max(
    ...events
      .filter(
        (e) =>
          e.name === "navigationStart" && e.pid === sorted.pid && e.ts <= sorted.ts && e.args?.data?.documentLoaderURL?.startsWith("http"),
      )
      .map((e) => e.ts),
  );
  const complete = events
    .filter(
      (e) =>
        e.pid === sorted.pid &&
        e.tid === tid &&
        e.ph === "X" &&
        e.tdur !== undefined &&
        e.ts >= navStart &&
        e.ts + (e.dur ?? 0) <= sorted.ts,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Nesting by time: a stack of open events; each event's self time is its thread time less its children's.
  const self = new Map<string, number>();
  const stack: { e: TTraceEvent; children: number }[] = [];
  let totalUs = 0;
  const close = (item: { e: TTraceEvent; children: number }) =>
    self.set(item.e.name, (self.get(item.e.name) ?? 0) + Math.max(0, item.e.tdur! - item.children));
  for (const e of complete) {
    while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= e.ts) close(stack.pop()!);
    if (stack.length) stack.at(-1)!.children += e.tdur!;
    else totalUs += e.tdur!;
    stack.push({ e, children: 0 });
  }
  while (stack.length) close(stack.pop()!);
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([n, us]) => [n, us / 1000] as [string, number]);
  return { totalMs: totalUs / 1000, top };
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
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, v]) => `  ${v.toFixed(0).padStart(5)} ms ${n}`)
      .join("\n");
  console.log(`profile: self time by script\n${top(byScript, 12)}\nby function\n${top(self, 25)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
