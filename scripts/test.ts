// `npm test`: every test, in order of cost — unit, integration (real PostgreSQL), e2e (built app in
// Chromium). Prints one closing line "Tests: N passed, N failed".
// DATABASE_URL set → integration tests create their own database on that server; unset → an
// embedded PostgreSQL. Flags: --unit, --integration, --e2e run only those parts.
//
// Time (CI has 30 minutes on 2 cores): the integration files that mostly wait for the clock
// (CLOCK_BOUND below) run in a vitest of their own, with their own database, started before the
// unit tests so that their waiting overlaps the unit tests and the build; their output is printed
// when they are done.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, ensurePrismaClient } from "./start";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), "musterpoint-test-"));
const only = ["--unit", "--integration", "--e2e"].filter((f) => process.argv.includes(f));
const wants = (part: string) => only.length === 0 || only.includes(`--${part}`);
const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

interface TCount {
  passed: number;
  failed: number;
  skipped: number;
}
const counts: Record<string, TCount> = {};
let failedStep = false;

function step(name: string, cmd: string, args: string[], extraEnv: Record<string, string | undefined> = {}): number {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...env, ...extraEnv } as NodeJS.ProcessEnv });
  console.log(`=== ${name}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) failedStep = true;
  return r.status ?? 1;
}

/** Starts `name` in the background, its output to a file; the promise settles with its exit code when it ends. */
function backgroundStep(name: string, cmd: string, args: string[]): { name: string; log: string; started: number; done: Promise<number> } {
  const log = path.join(OUT, `${name.replace(/\W+/g, "-")}.log`);
  const fd = fs.openSync(log, "w");
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", fd, fd], env: env as NodeJS.ProcessEnv });
  fs.closeSync(fd);
  // Exiting early (a failed build exits at once) must not leave it running unwatched.
  const stop = () => child.kill("SIGTERM");
  process.on("exit", stop);
  const done = new Promise<number>((resolve) => {
    child.on("error", () => resolve(1));
    child.on("exit", (code) => {
      process.off("exit", stop);
      resolve(code ?? 1);
    });
  });
  console.log(`\n=== ${name}: started in the background ===`);
  return { name, log, started: Date.now(), done };
}

/** Waits for a background step, prints its output and its exit line. */
async function finishBackground(bg: ReturnType<typeof backgroundStep>): Promise<number> {
  const status = await bg.done;
  console.log(`\n=== ${bg.name} (ran in the background) ===`);
  process.stdout.write(fs.readFileSync(bg.log, "utf8"));
  // Its own time, to its last output: its exit is seen only once the foreground step (spawnSync) is done.
  const ended = fs.statSync(bg.log).mtimeMs;
  console.log(`=== ${bg.name}: exit ${status} in ${((ended - bg.started) / 1000).toFixed(1)} s ===`);
  if (status !== 0) failedStep = true;
  return status;
}

function readVitest(name: string, file: string): void {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const c = counts[name] ?? { passed: 0, failed: 0, skipped: 0 };
  counts[name] = {
    passed: c.passed + j.numPassedTests,
    failed: c.failed + j.numFailedTests,
    skipped: c.skipped + j.numPendingTests + j.numTodoTests,
  };
}

function readPlaywright(file: string): void {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  counts.e2e = { passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected, skipped: j.stats.skipped };
}

const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
ensurePrismaClient();

// Integration files whose time is mostly waiting for real clock time, not CPU: two worker
// processes firing real cron schedules for over two minutes.
const CLOCK_BOUND = ["lib/schedules/schedules.int.test.ts"];
const intArgs = (out: string) => [
  "run",
  "-c",
  "vitest.integration.config.ts",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${out}`,
];
const clockBoundOut = path.join(OUT, "integration-clock.json");
const clockBound = wants("integration")
  ? backgroundStep("integration tests that wait for the clock (vitest, real PostgreSQL)", process.execPath, [
      vitest,
      ...intArgs(clockBoundOut),
      ...CLOCK_BOUND,
    ])
  : null;

if (wants("unit")) {
  const out = path.join(OUT, "unit.json");
  step("unit tests (vitest)", process.execPath, [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  readVitest("unit", out);
}

if (wants("integration")) {
  // test/stop-signals.int.test.ts starts the built app (`npm start -- --no-build`): build first
  // (e2e needs the same build; ensureBuild does nothing when it is current).
  ensureBuild();
  const out = path.join(OUT, "integration.json");
  step("integration tests (vitest, real PostgreSQL)", process.execPath, [
    vitest,
    ...intArgs(out),
    ...CLOCK_BOUND.flatMap((f) => ["--exclude", f]),
  ]);
  readVitest("integration", out);
  await finishBackground(clockBound!);
  readVitest("integration", clockBoundOut);
}

if (wants("e2e")) {
  if (!fs.existsSync("/usr/bin/chromium")) {
    console.log("Chromium is missing: installing Debian's chromium (apt-get install -y chromium)…");
    spawnSync("sh", ["-c", "apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei"], { stdio: "inherit" });
  }
  ensureBuild();
  const out = path.join(OUT, "e2e.json");
  const playwright = path.join(ROOT, "node_modules", "@playwright", "test", "cli.js");
  step("e2e tests (Playwright, Chromium)", process.execPath, [playwright, "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  readPlaywright(out);
}

const total = Object.values(counts).reduce(
  (a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log("");
for (const [name, c] of Object.entries(counts)) console.log(`  ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
fs.rmSync(OUT, { recursive: true, force: true });
process.exit(failedStep || total.failed > 0 ? 1 : 0);
