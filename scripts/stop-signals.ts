/**
 * When `npm start` must stop. Every way people stop it, as measured on this tree:
 * - Ctrl-C: SIGINT to the terminal's process group (npm, sh, tsx and this process);
 * - a closed terminal: SIGHUP to that group — npm, sh and tsx die of it at once, so this process
 *   must handle it itself;
 * - `docker stop` / `kill <npm pid>`: SIGTERM to npm alone. npm forwards it to `sh -c …`, which dies
 *   of it (dash does not exec tsx), so tsx and this process never hear of it: the only sign is that
 *   the launcher processes are gone. `watchLaunchers` notices that within LAUNCHER_POLL_MS;
 * - SIGTERM to the whole group (a supervisor): as Ctrl-C.
 * The handlers are installed before anything is started, so a stop during start-up (migrations,
 * the build, waiting for the web server) is a clean stop too, not an exit that leaves orphans.
 */
import fs from "node:fs";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** How often the launcher processes are checked; the stop starts at most this long after they are gone. */
export const LAUNCHER_POLL_MS = 500;

/** Calls `onStop(reason)` once, on the first stop signal or when the launchers are gone. */
export function onStopRequest(onStop: (reason: string) => void): void {
  let requested = false;
  const request = (reason: string) => {
    if (requested) {
      console.log(`[musterpoint] ${reason}: already stopping (each part has a time limit)`);
      return;
    }
    requested = true;
    onStop(reason);
  };
  // A closed terminal makes every write fail (EIO / EPIPE): the stop must not die of its own log lines.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  for (const signal of STOP_SIGNALS) process.on(signal, () => request(signal));
  watchLaunchers(() => request("npm exited"));
}

/**
 * The processes that launched this one, up to the leader of its process group (npm when started by
 * `npm start`: a terminal or a container makes the command a group leader). Linux only (/proc); an
 * empty list elsewhere. Stops at this process's group leader so a parent that outlives `npm start`
 * (a shell, a test runner, init) is never watched.
 */
export function launcherPids(pid = process.pid): number[] {
  const own = readStat(pid);
  if (!own) return [];
  const chain: number[] = [];
  let current = own.ppid;
  while (current > 1 && chain.length < 8) {
    const stat = readStat(current);
    if (!stat || stat.pgrp !== own.pgrp) break;
    chain.push(current);
    if (current === own.pgrp) return chain;
    current = stat.ppid;
  }
  // The group leader is not among the ancestors (this process was started some other way): watch
  // nothing rather than a process that is not ours to outlive.
  return [];
}

function watchLaunchers(onGone: () => void): void {
  const pids = launcherPids();
  if (pids.length === 0) return;
  const timer = setInterval(() => {
    if (pids.some((pid) => !isAlive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, LAUNCHER_POLL_MS);
  timer.unref();
}

function readStat(pid: number): { state: string; ppid: number; pgrp: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses; fields follow the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

/** A process that has exited but is not reaped yet (a zombie) counts as gone. */
function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== null && stat.state !== "Z";
}
