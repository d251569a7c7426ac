/**
 * `npm run bench -- api`: the dashboard under a crowd. autocannon against the BUILT app (`next build`
 * first; NEXT_DIST_DIR chooses which build) with a bearer API token: the runs list API, the run
 * results API, a report page and its share page, each at 50 and 200 connections. Prints req/s,
 * p50/p99 latency, non-2xx answers and the load average before and after each case.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench -- api \
 *     [--seconds 10] [--connections 50,200] [--only health,runs,results,report,share] [--port 48180] [--db URL] [--keep | --prepare]
 *     [--app DIR] [--cpu-prof DIR]
 *
 * Each row also gives "app CPU ms/req": the CPU time (user + system, from /proc) of the app's process
 * group during the case divided by the requests answered — the cost per request, which moves with the
 * code far more than req/s does on a loaded machine.
 *
 * Without --db it creates a fresh database (test/test-database.ts) holding the admin, an API token,
 * one 200-label run of 15 minutes written through the worker's path (test/synthetic-run.ts), 49 more
 * finished runs carrying a copy of its summary (a team's list of real runs), a report of three runs
 * and a share link of it; --keep leaves that database for the next call (--db URL, to compare builds
 * on the same data; --prepare: only that). The load generator runs on the same machine as the app: the figures are what
 * this box serves with one core busy generating load.
 *
 * The machine is shared, so absolute figures move with its load: every case is also given as a share of
 * the `health` case in the same call (GET /api/health: the proxy, a route handler and one `SELECT 1`,
 * the most this build serves here), which moves with the load alike. --app serves another checkout's
 * build (a baseline tree from `git archive`) with the same command and data; --cpu-prof DIR writes
 * the server's V8 CPU profile there when it stops (open it in Chrome DevTools or speedscope).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { ensureBuilt, WEB } from "@/scripts/build-cli.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg("seconds") ?? 10);
const CONNECTIONS = (arg("connections") ?? "50,200").split(",").map(Number);
const ONLY = arg("only")?.split(",");
const PORT = Number(arg("port") ?? 48180);
const APP_DIR = path.resolve(arg("app") ?? ROOT);
const CPU_PROF_DIR = arg("cpu-prof");
type TDirect = "on" | "off";
/** Which servings to measure: the direct read routes (`on`, what npm start serves), Next for everything (`off`), or both in turn. */
const DIRECTS: TDirect[] = arg("direct") === "on" ? ["on"] : arg("direct") === "off" ? ["off"] : ["off", "on"];
const PREPARE_ONLY = process.argv.includes("--prepare");
const KEEP = PREPARE_ONLY || process.argv.includes("--keep");
const BASE_URL = `http://127.0.0.1:${PORT}`;
const RUN_NAME = "200 labels, 15 min (api bench)";
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

interface TFixture {
  url: string;
  token: string;
  runId: string;
  reportId: string;
  shareToken: string;
  drop?: () => Promise<void>;
}

async function prepare(): Promise<TFixture> {
  const { createTestDatabase } = await import("@/test/test-database");
  const given = arg("db");
  const db = given ? { url: given, drop: undefined } : await createTestDatabase("apibench");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db/client");
  const { createApiToken } = await import("@/lib/auth/create-api-token");
  const { ensureFirstAdmin } = await import("@/lib/auth/ensure-first-admin");
  await ensureFirstAdmin({
    MUSTERPOINT_ADMIN_EMAIL: "bench-admin@musterpoint.test",
    MUSTERPOINT_ADMIN_PASSWORD: "bench-password-not-secret",
  });
  const admin = await prisma.user.findFirstOrThrow({ where: { email: "bench-admin@musterpoint.test" }, select: { id: true } });
  // A fresh token each call: only its hash is stored, so an old one cannot be read back.
  const { token } = await createApiToken(admin.id, { name: `bench ${new Date().toISOString()}` });

  let run = await prisma.run.findFirst({ where: { name: RUN_NAME }, select: { id: true } });
  if (!run) {
    const { writeSyntheticRun, SYNTHETIC_FIRST_SECOND } = await import("@/test/synthetic-run");
    const { finalizeRun } = await import("@/lib/runs/finalize-run");
    console.log(`writing "${RUN_NAME}" into ${db.url} …`);
    const written = await writeSyntheticRun({ name: RUN_NAME, labels: 200, seconds: 900, seed: 3 });
    await finalizeRun(written.id, { status: "completed" });
    await prisma.run.update({ where: { id: written.id }, data: { finishedAt: new Date((SYNTHETIC_FIRST_SECOND + 900) * 1000) } });
    const full = await prisma.run.findUniqueOrThrow({
      where: { id: written.id },
      select: { summary: true, thresholdResults: true, startedAt: true, finishedAt: true },
    });
    // The copies carry what finalizeRun writes: the summary JSON and the summary rows.
    const summaryRows = await prisma.runSummaryRow.findMany({ where: { runId: written.id } });
    for (let i = 0; i < 49; i++) {
      const copy = await prisma.run.create({
        data: {
          name: `nightly ${i + 1}`,
          status: "completed",
          scenarios: [],
          startedAt: full.startedAt,
          finishedAt: full.finishedAt,
          summary: full.summary ?? undefined,
          thresholdResults: full.thresholdResults ?? undefined,
        },
      });
      await prisma.runSummaryRow.createMany({ data: summaryRows.map(({ id: _, ...row }) => ({ ...row, runId: copy.id })) });
    }
    run = { id: written.id };
  }
  let report = await prisma.report.findFirst({ where: { name: "api bench report" }, select: { id: true } });
  if (!report) {
    const { createReport } = await import("@/lib/reports/create-report");
    const others = await prisma.run.findMany({ where: { name: { startsWith: "nightly " } }, take: 2, select: { id: true } });
    report = await createReport({ name: "api bench report", date: "2026-12-06", runIds: [run.id, ...others.map((r) => r.id)] });
  }
  const { createShareLink } = await import("@/lib/share/create-share-link");
  const share = await createShareLink({ reportId: report.id });
  await prisma.$disconnect();
  await (await import("@/lib/run-metrics/raw-pool")).rawPool().end();
  return { url: db.url, token, runId: run.id, reportId: report.id, shareToken: share.token, drop: KEEP ? undefined : db.drop };
}

/**
 * CPU seconds (user + system) used so far by the app's process group (`next start` and anything it
 * forks): per request, the cost that moves with the code and much less with the machine's load.
 */
function appCpuSeconds(groupId: number): number {
  const tick = 100; // USER_HZ: /proc reports clock ticks of 1/100 s on Linux
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // Fields after the parenthesised command name: state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === groupId) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / tick;
}

let appGroup = 0;

/**
 * The app's production web server as `npm start` runs it (lib/web/server.ts, built into dist/web/),
 * with its direct read routes on or off; `next start` for a tree from before that server (--app).
 */
async function startApp(databaseUrl: string, direct: TDirect): Promise<() => Promise<void>> {
  const profile = CPU_PROF_DIR ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(CPU_PROF_DIR)] : [];
  const next = path.join(APP_DIR, "node_modules", "next", "dist", "bin", "next");
  const ownServer = existsSync(path.join(APP_DIR, "lib", "web", "server.ts"));
  const program = ownServer
    ? [path.join(await ensureBuilt(WEB, { root: APP_DIR }), "server.mjs"), "--hostname", "127.0.0.1"]
    : [next, "start", "-p", String(PORT), "-H", "127.0.0.1"];
  const web = spawn(process.execPath, [...profile, ...program], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_URL: BASE_URL,
      PORT: String(PORT),
      MUSTERPOINT_DIRECT_ROUTES: direct,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  appGroup = web.pid!;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${BASE_URL}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (web.exitCode !== null) throw new Error(`the web server exited with ${web.exitCode}`);
    if (Date.now() > deadline) throw new Error("the app did not start within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return async () => {
    try {
      process.kill(-web.pid!, "SIGTERM");
    } catch {
      return; // already gone
    }
    // The CPU profile is written as the server exits: wait for that.
    if (web.exitCode === null) await new Promise((resolve) => web.once("exit", resolve));
  };
}

const AUTOCANNON = path.join(ROOT, "node_modules", "autocannon", "autocannon.js");

interface TAutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon in its own process (its CLI, --json), so the bench's event loop does not share its core. */
function autocannon(url: string, token: string, flags: string[]): TAutocannonJson {
  const r = spawnSync(process.execPath, [AUTOCANNON, "--json", "-H", `authorization=Bearer ${token}`, ...flags, url], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`autocannon failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as TAutocannonJson;
}

interface TCase {
  name: string;
  path: string;
}

async function measure(c: TCase, connections: number, token: string): Promise<Record<string, string | number>> {
  const url = `${BASE_URL}${c.path}`;
  // One request first: a failure here is a broken fixture, not a slow server.
  // (twice at most: the pooled socket of the start-up poll may have been closed by the server meanwhile)
  const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const first = await get().catch(get);
  const body = await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`${c.name}: GET ${c.path} answered ${first.status}`);
  const before = load();
  const cpuBefore = appCpuSeconds(appGroup);
  const result = autocannon(url, token, ["-c", String(connections), "-d", String(SECONDS)]);
  const cpuMs = (appCpuSeconds(appGroup) - cpuBefore) * 1000;
  return {
    case: c.name,
    connections,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    "max ms": result.latency.max,
    "non-2xx": result.non2xx,
    errors: result.errors + result.timeouts,
    "KiB/resp": Math.round(body.byteLength / 1024),
    "app CPU ms/req": result.requests.total ? Number((cpuMs / result.requests.total).toFixed(2)) : "—",
    "load before → after": `${before} → ${load()}`,
  };
}

async function main() {
  const fixture = await prepare();
  if (PREPARE_ONLY) {
    console.log(`prepared: --db ${fixture.url}`);
    return;
  }
  const cases: TCase[] = [
    { name: "health", path: "/api/health" },
    { name: "runs", path: "/api/runs" },
    { name: "results", path: `/api/runs/${fixture.runId}/results` },
    { name: "report", path: `/reports/${fixture.reportId}` },
    { name: "share", path: `/share/${fixture.shareToken}` },
  ].filter((c) => !ONLY || ONLY.includes(c.name));
  const rows: Record<string, string | number>[] = [];
  try {
    for (const direct of DIRECTS) {
      const stop = await startApp(fixture.url, direct);
      try {
        // Warm-up: first requests compile routes and fill caches; not measured.
        for (const c of cases) autocannon(`${BASE_URL}${c.path}`, fixture.token, ["-c", "4", "-a", "20"]);
        console.log(
          `app (${process.env.NEXT_DIST_DIR || ".next"}, direct routes ${direct}) on ${BASE_URL}, ${SECONDS} s per case, load average ${load()}`,
        );
        for (const connections of CONNECTIONS) {
          let ceiling: number | null = null;
          for (const c of cases) {
            const row: Record<string, string | number> = { direct, ...(await measure(c, connections, fixture.token)) };
            if (c.name === "health") ceiling = Number(row["req/s"]);
            // The share of what the app serves at all here, right now (see the header comment).
            row["of health"] = ceiling ? `${Math.round((Number(row["req/s"]) / ceiling) * 100)} %` : "—";
            // The peer measured in this call: the same case and crowd with every request through Next.
            const peer = rows.find((r) => r.direct === "off" && r.case === c.name && r.connections === connections);
            if (direct === "on" && peer) row["÷ through Next"] = `${(Number(row["req/s"]) / Number(peer["req/s"])).toFixed(2)}×`;
            console.log(JSON.stringify(row));
            rows.push(row);
          }
        }
      } finally {
        await stop();
      }
    }
    console.table(rows);
    if (KEEP) console.log(`kept: --db ${fixture.url}`);
  } finally {
    await fixture.drop?.();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
