// Start-up cost of the CLI, its engine threads and the worker process: built (dist/, as
// bin/musterpoint.mjs and npm start run them now) against through tsx (as they ran before
// scripts/build-cli.mjs), alternating, median of N. Figures for bench/results.md, "CLI start".
//
//   node scripts/build-cli-measure.mjs [rounds=5]
//   (DATABASE_URL set to a migrated database: the worker process too)
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { CLI, ensureBuilt, ROOT, WORKER } from "./build-cli.mjs";

const rounds = Number(process.argv[2] ?? 5);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "musterpoint-measure-"));
// The launcher before the build: tsx compiles the TypeScript CLI at every start.
const TSX_LAUNCHER = path.join(ROOT, "bin", ".musterpoint-tsx.tmp.mjs");
fs.writeFileSync(
  TSX_LAUNCHER,
  `import { register } from "tsx/esm/api";
register();
const args = process.argv.slice(2);
const programs = { agent: "../lib/agents/agent-cli.ts", launch: "../lib/launch/launch-cli.ts" };
const program = programs[args[0]];
const { main } = await import(program ?? "../lib/engine/cli.ts");
process.exit(await main(program ? args.slice(1) : args));
`,
);
// Threads of the tsx CLI load run-load.ts from source, hence shard-worker.ts through tsx as before.
await ensureBuilt(CLI);
const workerDir = process.env.DATABASE_URL ? await ensureBuilt(WORKER) : "";

const target = http.createServer((_, res) => res.end("ok"));
await new Promise((resolve) => target.listen(0, "127.0.0.1", resolve));
const scenario = path.join(tmp, "one.json");
const base = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (target.address()).port}`;
fs.writeFileSync(
  scenario,
  JSON.stringify({ name: "one", baseUrl: base, load: { vus: 2, iterations: 1 }, steps: [{ request: { method: "GET", path: "/" } }] }),
);

/** user, sys, wall seconds of one command (GNU time), run asynchronously: the target answers from here. */
function timed(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "%U %S %e", process.execPath, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    child.on("close", () => {
      const last = err.trim().split("\n").at(-1) ?? "";
      const [user, sys, wall] = last.split(" ").map(Number);
      if (!Number.isFinite(wall)) reject(new Error(`no timing in: ${err}`));
      else resolve({ user, sys, wall });
    });
  });
}

/** The worker process until it prints "ready": wall seconds, and its CPU by then (/proc). */
function workerReady(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (c) => {
      if (!String(c).includes("ready")) return;
      const wall = (performance.now() - started) / 1000;
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
      const tick = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
      // utime, stime: fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after "(comm) state".
      const user = Number(fields[11]) / tick;
      const sys = Number(fields[12]) / tick;
      child.kill("SIGTERM");
      child.on("exit", () => resolve({ user, sys, wall }));
    });
    child.on("error", reject);
  });
}

const cases = [
  ["--help", ["--help"]],
  ["launch --help", ["launch", "--help"]],
  ["agent --help", ["agent", "--help"]],
  ["run, 2 threads, 1 request per VU", ["run", scenario, "--workers", "2"]],
];
/** @type {Record<string, Record<string, {user: number; sys: number; wall: number}[]>>} */
const results = {};
const add = (name, how, r) => ((results[name] ??= {})[how] ??= []).push(r);
for (let i = 0; i < rounds; i++) {
  for (const [name, args] of cases) {
    // Alternating which goes first: load from other work hits both alike.
    const order = i % 2 ? ["built", "tsx"] : ["tsx", "built"];
    for (const how of order)
      add(name, how, await timed([how === "built" ? path.join(ROOT, "bin", "musterpoint.mjs") : TSX_LAUNCHER, ...args]));
  }
  if (process.env.DATABASE_URL) {
    const order = i % 2 ? ["built", "tsx"] : ["tsx", "built"];
    for (const how of order)
      add(
        "worker process until ready",
        how,
        await workerReady(
          how === "built" ? [path.join(workerDir, "main.mjs")] : ["--import", "tsx", path.join(ROOT, "lib", "worker", "main.ts")],
        ),
      );
  }
}
target.close();
fs.rmSync(TSX_LAUNCHER);
fs.rmSync(tmp, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x) => x.toFixed(2);
console.log(`load average ${os.loadavg().map(f).join(" ")}; ${rounds} rounds; median user · sys · wall s`);
console.log("| what | through tsx (before) | built (after) |\n| --- | --- | --- |");
for (const [name, by] of Object.entries(results)) {
  const cell = (rs) => `${f(median(rs.map((r) => r.user)))} · ${f(median(rs.map((r) => r.sys)))} · ${f(median(rs.map((r) => r.wall)))}`;
  console.log(`| ${name} | ${cell(by.tsx)} | ${cell(by.built)} |`);
}
