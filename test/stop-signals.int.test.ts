/**
 * `npm start` stops cleanly on every stop signal: the web server, the worker and the embedded
 * PostgreSQL all end within a bounded time, no process of the tree survives and the ports are free.
 * Runs the real `npm start` (scripts/start.ts) with `--no-build`, so it needs a `next build` of this
 * tree; without one the test is skipped and says so.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { startTarget } from "@/lib/engine/testing/target";
import { NEXT_DIST_DIR } from "@/lib/next-dist-dir";
import { freePort } from "./free-port";

const ROOT = path.resolve(import.meta.dirname, "..");
const HAS_BUILD = fs.existsSync(path.join(ROOT, NEXT_DIST_DIR, "BUILD_ID"));
/** Web server 5 s, worker 10 s, database 10 s, plus polling: a stop that takes longer is a failure. */
const STOP_BOUND_MS = 30_000;

let home: string;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "musterpoint-stop-"));
});
afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function readStat(pid: number): { state: string; ppid: number; pgrp: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: f[0]!, ppid: Number(f[1]), pgrp: Number(f[2]) };
  } catch {
    return null;
  }
}

/** Every live process descended from `root` (by parent pid), root included. */
function processTree(root: number): Map<number, string> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.state !== "Z") parents.set(Number(entry), stat.ppid);
  }
  const tree = new Map<number, string>();
  const visit = (pid: number) => {
    let cmd = "";
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim().slice(0, 400);
    } catch {
      return;
    }
    tree.set(pid, cmd);
    for (const [child, parent] of parents) if (parent === pid && !tree.has(child)) visit(child);
  };
  visit(root);
  return tree;
}

function alive(pids: Iterable<number>): number[] {
  return [...pids].filter((pid) => {
    const stat = readStat(pid);
    return stat !== null && stat.state !== "Z";
  });
}

function traceRequest(port: number, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "TRACE", path: p }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Creates a scenario aimed at `targetUrl` and enqueues a 10-minute run, in the app's own database. */
async function enqueueRun(databaseUrl: string, targetUrl: string): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "test", "enqueue-run-child.ts"), targetUrl], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`enqueue failed: ${out}`);
  return out.trim().split("\n").at(-1)!;
}

interface TStarted {
  npm: ChildProcess;
  port: number;
  pgPort: number;
  output: () => string;
}

async function startApp(): Promise<TStarted> {
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MUSTERPOINT_HOME: home, MUSTERPOINT_PG_PORT: String(pgPort) };
  delete env.DATABASE_URL; // the embedded database: its stop is part of the contract
  delete env.NODE_OPTIONS;
  delete env.VITEST;
  // Own process group, as a terminal or a container gives `npm start`.
  const npm = spawn("npm", ["start", "--", "--no-build"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  npm.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  npm.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 180_000;
  while (!out.includes("[musterpoint] ready:")) {
    if (npm.exitCode !== null || npm.signalCode !== null) throw new Error(`npm start exited before ready:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start was not ready in 180 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { npm, port, pgPort, output: () => out };
}

async function expectCleanStop(app: TStarted, send: () => void): Promise<number> {
  const tree = processTree(app.npm.pid!);
  try {
    // npm, sh, tsx, start.ts, the web server, the worker and the database at least.
    // The web server: Next in our own server program (lib/web/server.ts, built into dist/web/).
    expect(
      [...tree.values()].some((c) => /dist\/web\/\w+\/server\.mjs/.test(c)),
      [...tree.values()].join("\n"),
    ).toBe(true);
    expect([...tree.values()].some((c) => /dist\/worker\/\w+\/main\.mjs/.test(c))).toBe(true);
    expect([...tree.values()].some((c) => /\bpostgres\b.*-D/.test(c))).toBe(true);
    expect(await isListening(app.port)).toBe(true);
  } catch (error) {
    // Not started as expected: leave nothing running for the next case (it shares the data folder).
    for (const pid of alive(tree.keys())) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    throw error;
  }
  const sentAt = Date.now();
  send();
  let left = alive(tree.keys());
  while (left.length > 0 && Date.now() - sentAt < STOP_BOUND_MS) {
    await new Promise((r) => setTimeout(r, 200));
    left = alive(tree.keys());
  }
  const survivors = left.map((pid) => `${pid} ${tree.get(pid)}`);
  // Leave nothing behind for the next case, whatever the outcome.
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  expect(survivors, app.output()).toEqual([]);
  expect(await isListening(app.port)).toBe(false);
  expect(await isListening(app.pgPort)).toBe(false);
  return Date.now() - sentAt;
}

describe.skipIf(!HAS_BUILD)("npm start stops cleanly (web server, worker, embedded database)", () => {
  // Time limits for a busy machine: start-up alone took 40 s at a load average of 20 on 2 cores.
  it(
    "on Ctrl-C (SIGINT to the process group), a run in progress ending `interrupted` with its seconds kept",
    { timeout: 240_000 },
    async () => {
      const target = await startTarget();
      try {
        const app = await startApp();
        const dbUrl = `postgresql://musterpoint:musterpoint@127.0.0.1:${app.pgPort}/musterpoint`;
        const runId = await enqueueRun(dbUrl, target.url);
        // Wait until the worker runs it and has written a few seconds.
        let secondsBefore = 0;
        const db = new pg.Client({ connectionString: dbUrl });
        await db.connect();
        try {
          const deadline = Date.now() + 60_000;
          while (secondsBefore < 3 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 500));
            const r = await db.query(`SELECT count(*)::int AS n FROM "RunSecond" WHERE "runId" = $1`, [runId]);
            secondsBefore = r.rows[0].n;
          }
        } finally {
          await db.end();
        }
        expect(secondsBefore).toBeGreaterThanOrEqual(3);
        const ms = await expectCleanStop(app, () => process.kill(-app.npm.pid!, "SIGINT"));
        console.log(`SIGINT to the group during a run: everything ended in ${ms} ms`);
        // The database is stopped with the app: start it again to read what the stop left.
        const embedded = await startEmbeddedDatabase({ home, port: app.pgPort });
        try {
          const check = new pg.Client({ connectionString: embedded.url });
          await check.connect();
          const run = await check.query(`SELECT status::text, "finishedAt" FROM "Run" WHERE id = $1`, [runId]);
          const seconds = await check.query(`SELECT count(*)::int AS n, sum(samples)::int AS samples FROM "RunSecond" WHERE "runId" = $1`, [
            runId,
          ]);
          await check.end();
          expect(run.rows[0].status).toBe("interrupted");
          expect(run.rows[0].finishedAt).not.toBeNull();
          expect(seconds.rows[0].n).toBeGreaterThanOrEqual(secondsBefore);
          expect(seconds.rows[0].samples).toBeGreaterThan(0);
          console.log(
            `run ${runId}: interrupted, ${seconds.rows[0].n} seconds kept (${secondsBefore} seen before the stop), ${seconds.rows[0].samples} samples`,
          );
        } finally {
          await embedded.stop();
        }
      } finally {
        await target.close();
      }
    },
  );

  it("on SIGTERM to the whole group right after ready", { timeout: 150_000 }, async () => {
    const app = await startApp();
    // On the way: an anonymous TRACE on any path is a 405, not a 500 with a stack trace in the log.
    for (const p of ["/", "/api/runs", "/api/health"]) {
      const r = await traceRequest(app.port, p);
      expect(r, p).toBe(405);
    }
    expect(app.output()).not.toMatch(/TRACE' HTTP method is unsupported/);
    const ms = await expectCleanStop(app, () => process.kill(-app.npm.pid!, "SIGTERM"));
    console.log(`SIGTERM to the group: everything ended in ${ms} ms`);
  });

  it("on a closed terminal (SIGHUP to the process group)", { timeout: 150_000 }, async () => {
    const app = await startApp();
    const ms = await expectCleanStop(app, () => process.kill(-app.npm.pid!, "SIGHUP"));
    console.log(`SIGHUP to the group: everything ended in ${ms} ms`);
  });

  it("on SIGTERM to the npm process alone (docker stop)", { timeout: 150_000 }, async () => {
    const app = await startApp();
    const ms = await expectCleanStop(app, () => process.kill(app.npm.pid!, "SIGTERM"));
    console.log(`SIGTERM to npm alone: everything ended in ${ms} ms`);
  });

  it(
    "on SIGKILL to scripts/start.ts (no handler can run): the web server, the worker and the database still end",
    { timeout: 150_000 },
    async () => {
      const app = await startApp();
      const tree = processTree(app.npm.pid!);
      // Whatever happens below, leave nothing running.
      const cleanUp = () => {
        for (const pid of alive(tree.keys())) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // gone
          }
        }
      };
      try {
        await sigkillStart(app, tree, (startPid) => process.kill(startPid, "SIGKILL"));
      } finally {
        cleanUp();
      }
    },
  );

  it("on SIGKILL to the whole group of npm start (`kill -9 -- -pgid`): everything still ends", { timeout: 150_000 }, async () => {
    const app = await startApp();
    const tree = processTree(app.npm.pid!);
    try {
      await sigkillStart(app, tree, () => process.kill(-app.npm.pid!, "SIGKILL"));
    } finally {
      for (const pid of alive(tree.keys())) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  });
});

async function sigkillStart(app: TStarted, tree: Map<number, string>, kill: (startPid: number) => void): Promise<void> {
  const startPid = [...tree].find(([, cmd]) => cmd.includes("scripts/start.ts") && cmd.includes("--import"))?.[0];
  const postgres = [...tree].filter(([, cmd]) => /\bpostgres\b.*-D/.test(cmd)).map(([pid]) => pid);
  expect(startPid, [...tree.values()].join("\n")).toBeDefined();
  expect(postgres.length).toBe(1);
  kill(startPid!);
  // No handler of start.ts can run: the web server and the worker notice their parent is gone, the
  // database's watchdog (lib/db/postgres-watchdog.cjs) that its owner is — and waits for the worker.
  const sentAt = Date.now();
  let left = alive(tree.keys());
  while (left.length > 0 && Date.now() - sentAt < STOP_BOUND_MS) {
    await new Promise((r) => setTimeout(r, 200));
    left = alive(tree.keys());
  }
  const survivors = left.map((pid) => `${pid} ${tree.get(pid)}`);
  expect(survivors, app.output()).toEqual([]);
  expect(await isListening(app.port)).toBe(false);
  expect(await isListening(app.pgPort)).toBe(false);
  // (the tree holds the watchdog too: it ended with the database it watched)
  expect([...tree.values()].some((c) => c.includes("postgres-watchdog.cjs"))).toBe(true);
  console.log(`SIGKILL: web server, worker and database ended in ${Date.now() - sentAt} ms`);
}

if (!HAS_BUILD) console.warn("[stop-signals] skipped: no .next/BUILD_ID — run `next build` first");

describe("the worker notices a parent killed while it was still loading", () => {
  // The race behind a flaky SIGKILL case: on a busy machine the worker's imports take seconds, and a
  // parent killed meanwhile was never noticed (the worker read its ppid only after loading, by then
  // the new parent's). npm start names itself in MUSTERPOINT_PARENT_PID.
  it("exits within a bound when the parent is SIGKILLed right after spawning it", { timeout: 90_000 }, async () => {
    const parent = spawn(
      process.execPath,
      [
        "-e",
        `const c = require("node:child_process").spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], { stdio: "ignore", env: { ...process.env, MUSTERPOINT_PARENT_PID: String(process.pid) } });
         console.log(c.pid); setInterval(() => {}, 1000);`,
      ],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    const workerPid = await new Promise<number>((resolve) =>
      parent.stdout!.once("data", (c: Buffer) => resolve(Number(c.toString().trim()))),
    );
    parent.kill("SIGKILL"); // before the worker has loaded its modules
    const sentAt = Date.now();
    while (alive([workerPid]).length > 0 && Date.now() - sentAt < STOP_BOUND_MS) await new Promise((r) => setTimeout(r, 200));
    const left = alive([workerPid]);
    for (const pid of left) process.kill(pid, "SIGKILL");
    expect(left, "the worker outlived its parent").toEqual([]);
    console.log(`worker gone ${Date.now() - sentAt} ms after its parent was killed`);
  });
});
