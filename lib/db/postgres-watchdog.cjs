// Stops an embedded PostgreSQL whose owner died without stopping it (`kill -9` of `npm start`, which
// no handler can catch). Started by lib/db/embedded.ts in a process group of its own (a SIGKILL to
// the owner's group does not reach it), with its stdin a pipe from the owner: the kernel closes that
// pipe when the owner dies, however it dies, so end-of-input is the signal — no polling.
//
//   node postgres-watchdog.cjs <postmaster pid> <data dir>
//
// Lines the owner writes: `wait <pid>` — a process that uses the database (the worker ending its run
// as interrupted); on the owner's death the database is stopped only after these are gone (at most
// WAIT_MS). `done` — the owner stopped the database itself: exit without doing anything.
// Plain CommonJS so it starts in milliseconds, without tsx.
"use strict";
// Plain CommonJS run by node directly: require, no import statements.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require("node:fs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require("node:path");

const postmaster = Number(process.argv[2]);
const dataDir = process.argv[3];
/** The worker may take 10 s to end its run (scripts/start.ts WORKER_STOP_MS); a little more. */
const WAIT_MS = 15_000;
/** A fast shutdown that takes longer becomes an immediate one (recovered at the next start). */
const STOP_MS = 10_000;

const waitFor = new Set();
let done = false;
let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  let nl;
  while ((nl = buffered.indexOf("\n")) >= 0) {
    const line = buffered.slice(0, nl).trim();
    buffered = buffered.slice(nl + 1);
    if (line === "done") done = true;
    const m = /^wait (\d+)$/.exec(line);
    if (m) waitFor.add(Number(m[1]));
  }
});
process.stdin.on("end", () => void ownerGone());
process.stdin.on("error", () => void ownerGone());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => process.exit(0));

function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** The server this watchdog was started for still runs (its pid file names it: not a later server on the same data). */
function serverRunning() {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return pid === postmaster && isAlive(postmaster);
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let handled = false;
async function ownerGone() {
  if (handled) return;
  handled = true;
  if (done) process.exit(0);
  const waitUntil = Date.now() + WAIT_MS;
  while ([...waitFor].some(isAlive) && Date.now() < waitUntil) await sleep(100);
  if (!serverRunning()) process.exit(0);
  process.kill(postmaster, "SIGINT"); // fast shutdown: sessions end, the data is consistent
  const stopUntil = Date.now() + STOP_MS;
  while (isAlive(postmaster) && Date.now() < stopUntil) await sleep(100);
  if (isAlive(postmaster)) process.kill(postmaster, "SIGQUIT");
  process.exit(0);
}
