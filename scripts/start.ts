// `npm start`: pick the database (DATABASE_URL, or an embedded PostgreSQL under .musterpoint/),
// migrate it, build the app if the sources changed, then run the web server and the worker.
// `npm run dev`: the same with `next dev`. `--no-build`: use the existing build as it is.
// Any stop (Ctrl-C, SIGTERM, SIGHUP, npm killed) stops the web server and the worker, then the
// embedded database, each within a time limit (scripts/stop-signals.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { getEnv } from "../lib/env";
import { NEXT_DIST_DIR } from "../lib/next-dist-dir";
import { onStopRequest } from "./stop-signals";
import { ensureBuilt, WEB, WORKER } from "./build-cli.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** Answers TRACE with 405 before Next turns it into a 500 (see the file). */
const REFUSE_TRACE = path.join(ROOT, "scripts", "refuse-trace.cjs");
/** Stops the web server's group when npm start is killed with -9 (see the file). */
const EXIT_WITH_PARENT = path.join(ROOT, "scripts", "exit-with-parent.cjs");
const PRISMA_BIN = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
const BASE_ENV = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

export interface TServices {
  url: string;
  stop(): Promise<void>;
}

/** How long each part may take to stop after SIGTERM before its process group is killed. */
const WEB_STOP_MS = 5_000;
/** The worker ends its run as interrupted and writes its last seconds (a 0.5 s grace for the VUs). */
const WORKER_STOP_MS = 10_000;

/**
 * Starts the web server and the worker against an already migrated database. Each runs in its own
 * process group (so `next dev`'s children go with it) and is stopped by signalling that group.
 * An aborted `signal` during start-up stops both and rejects.
 */
export async function startServices(options: {
  databaseUrl: string;
  port: number;
  dev?: boolean;
  quiet?: boolean;
  signal?: AbortSignal;
  /** Each process started (the worker again on a restart): the embedded database outlives them. */
  onProcess?: (pid: number) => void;
}): Promise<TServices> {
  // MUSTERPOINT_PARENT_PID: the web server and the worker stop when this process is gone (killed with -9).
  const env = {
    ...process.env,
    ...BASE_ENV,
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    MUSTERPOINT_PARENT_PID: String(process.pid),
  };
  const stdio = options.quiet ? "ignore" : "inherit";
  // The worker runs as JavaScript built from its sources (scripts/build-cli.mjs), rebuilt here when
  // they changed; the build bundles the generated Prisma client.
  ensurePrismaClient();
  const log = (line: string) => console.log(`[musterpoint] ${line}`);
  const workerDir = await ensureBuilt(WORKER, { log });
  // Production: Next as a custom server that answers the polled read routes itself (lib/web/server.ts).
  const webProgram = options.dev
    ? [NEXT_BIN, "dev", "-p", String(options.port)]
    : [path.join(await ensureBuilt(WEB, { log }), "server.mjs")];
  const web = spawn(process.execPath, ["--require", REFUSE_TRACE, "--require", EXIT_WITH_PARENT, ...webProgram], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: options.dev ? "development" : "production" },
    stdio,
    detached: true, // own process group: `next dev` leaves children behind otherwise
  });
  let stopping = false;
  const startWorkerProcess = () => {
    const child = startWorker(workerDir, env, stdio);
    if (child.pid) options.onProcess?.(child.pid);
    return child;
  };
  if (web.pid) options.onProcess?.(web.pid);
  let worker = startWorkerProcess();
  const onWorkerExit = (code: number | null) => {
    if (stopping) return;
    console.error(`[musterpoint] worker exited (${code}); restarting in 1 s`);
    setTimeout(() => {
      if (stopping) return;
      worker = startWorkerProcess();
      worker.on("exit", onWorkerExit);
    }, 1000);
  };
  worker.on("exit", onWorkerExit);
  const url = `http://localhost:${options.port}`;
  const stop = async () => {
    stopping = true;
    await Promise.all([killGroup(web, WEB_STOP_MS), killGroup(worker, WORKER_STOP_MS)]);
  };
  try {
    await waitForHttp(url, web, options.signal);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

function startWorker(workerDir: string, env: NodeJS.ProcessEnv, stdio: "ignore" | "inherit"): ChildProcess {
  return spawn(process.execPath, [path.join(workerDir, "main.mjs")], {
    cwd: ROOT,
    env,
    stdio,
    detached: true,
  });
}

async function waitForHttp(url: string, child: ChildProcess, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + 120_000;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (exited) throw new Error("the web server exited during start-up");
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the web server did not answer at ${url} within 120 s`);
}

/**
 * SIGTERM to the child's process group, SIGKILL to it after `graceMs`; resolves when the child has
 * exited. The group is killed even when the child itself is already gone: `next dev` may leave
 * children of its own behind.
 */
function killGroup(child: ChildProcess, graceMs: number): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is gone
    }
  };
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
      signalGroup("SIGKILL");
      return resolve();
    }
    const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      // Whatever of the group outlived its leader.
      signalGroup("SIGKILL");
      resolve();
    });
    signalGroup("SIGTERM");
  });
}

/** prisma generate when the client is missing or older than the schema. */
export function ensurePrismaClient(): void {
  const client = path.join(ROOT, "lib", "db", "generated", "client.ts");
  const schema = path.join(ROOT, "prisma", "schema.prisma");
  if (fs.existsSync(client) && fs.statSync(client).mtimeMs >= fs.statSync(schema).mtimeMs) return;
  run(process.execPath, [PRISMA_BIN, "generate"], "prisma generate");
}

/** next build when there is no build, or any source is newer than it. */
export function ensureBuild(): void {
  const buildId = path.join(ROOT, NEXT_DIST_DIR, "BUILD_ID");
  if (fs.existsSync(buildId)) {
    const built = fs.statSync(buildId).mtimeMs;
    const sources = ["app", "lib", "messages", "public", "next.config.ts", "package-lock.json", "prisma/schema.prisma"];
    if (!sources.some((s) => newestMtime(path.join(ROOT, s)) > built)) return;
  }
  console.log("[musterpoint] building the web app (next build)…");
  run(process.execPath, [NEXT_BIN, "build"], "next build");
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...BASE_ENV } });
  if (r.status !== 0) {
    console.error(`[musterpoint] ${what} failed (exit ${r.status})`);
    process.exit(1);
  }
}

/**
 * Imports run inside the web server's request: one still `processing` when the server starts was
 * cut off by a crash or a stop. Nothing of it was stored (imports commit in one transaction).
 */
async function failInterruptedImports(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query(
      `UPDATE "Import" SET status = 'failed', "finishedAt" = now(),
         error = 'the server stopped during this import; nothing of it was stored — upload it again'
       WHERE status = 'processing'`,
    );
    if (r.rowCount) console.log(`[musterpoint] marked ${r.rowCount} interrupted import(s) failed`);
  } finally {
    await client.end();
  }
}

/** What to print for a thrown value, which a library may leave without a message (or undefined). */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : `start-up failed (${String(error)})`;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * Accounts (lib/auth): with no user yet, create the admin from MUSTERPOINT_ADMIN_EMAIL /
 * MUSTERPOINT_ADMIN_PASSWORD or issue a one-time set-up link. Imported late: the Prisma client is
 * generated just before.
 */
async function prepareFirstAdmin(databaseUrl: string): Promise<(url: string) => string | null> {
  process.env.DATABASE_URL = databaseUrl;
  const { ensureFirstAdmin, describeFirstAdmin } = await import("../lib/auth/ensure-first-admin");
  const { getPrisma } = await import("../lib/db/client");
  try {
    const result = await ensureFirstAdmin();
    return (url) => describeFirstAdmin(result, url);
  } finally {
    await getPrisma().$disconnect();
  }
}

/** What is running, so a stop at any point of start-up stops exactly that. */
interface TStarted {
  embedded?: TEmbeddedDatabase;
  services?: TServices;
}

async function main(): Promise<void> {
  const started: TStarted = {};
  const stop = new AbortController();
  let startup: Promise<void> = Promise.resolve();
  // First, before anything runs: see scripts/stop-signals.ts for the ways `npm start` is stopped.
  onStopRequest((reason) => {
    console.log(`[musterpoint] ${reason}: stopping`);
    stop.abort(new Error(reason));
    void (async () => {
      // A start-up in progress stops what it started (startServices kills its children) and ends.
      await startup.catch(() => undefined);
      // The worker goes first and needs the database to end its run as interrupted.
      await started.services?.stop();
      await started.embedded?.stop();
      process.exit(0);
    })();
  });
  startup = start(started, stop.signal);
  try {
    await startup;
  } catch (error) {
    if (stop.signal.aborted) return; // the stop handler finishes
    console.error(`[musterpoint] ${errorText(error)}`);
    await started.services?.stop();
    await started.embedded?.stop();
    process.exit(1);
  }
}

async function start(started: TStarted, signal: AbortSignal): Promise<void> {
  const dev = process.argv.includes("--dev");
  // Use the existing build as it is (tests of this script; a build made elsewhere).
  const skipBuild = process.argv.includes("--no-build");
  const env = getEnv();
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    started.embedded = await startEmbeddedDatabase({ home: path.resolve(ROOT, env.MUSTERPOINT_HOME), port: env.MUSTERPOINT_PG_PORT });
    databaseUrl = started.embedded.url;
    console.log(`[musterpoint] embedded PostgreSQL on port ${env.MUSTERPOINT_PG_PORT} (data in ${env.MUSTERPOINT_HOME}/pgdata)`);
  }
  signal.throwIfAborted();
  try {
    const { applied, warnings } = await migrate(databaseUrl);
    for (const w of warnings) console.warn(`[musterpoint] ${w}`);
    if (applied.length) console.log(`[musterpoint] applied migrations: ${applied.join(", ")}`);
    await failInterruptedImports(databaseUrl);
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new Error(
      `cannot use the database at ${redactUrl(databaseUrl)} (${reason}). ` +
        (env.DATABASE_URL ? "Check DATABASE_URL, or unset it to use the embedded database." : "Delete .musterpoint/ to start afresh."),
    );
  }
  signal.throwIfAborted();
  ensurePrismaClient();
  const firstAdmin = await prepareFirstAdmin(databaseUrl);
  signal.throwIfAborted();
  if (!dev && !skipBuild) ensureBuild();
  signal.throwIfAborted();
  const embedded = started.embedded;
  started.services = await startServices({ databaseUrl, port: env.PORT, dev, signal, onProcess: (pid) => embedded?.stopAfter(pid) });
  console.log(`[musterpoint] ready: ${started.services.url}`);
  const firstAdminLine = firstAdmin(started.services.url);
  if (firstAdminLine) console.log(`[musterpoint] ${firstAdminLine}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`[musterpoint] ${errorText(error)}`);
    process.exit(1);
  });
}
