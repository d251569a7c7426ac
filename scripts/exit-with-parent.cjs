// Preloaded into the web server by scripts/start.ts (`node --require …`): when the process that
// started it is gone without stopping it (npm start killed with -9, which no handler can catch),
// the web server stops its own process group instead of holding the port as an orphan. An orphan
// is reparented, so a changed parent pid means the parent died. The worker does the same in
// lib/worker/main.ts.
"use strict";
// scripts/start.ts names itself in MUSTERPOINT_PARENT_PID, so a parent that died before this ran is
// noticed too.
const parent = Number(process.env.MUSTERPOINT_PARENT_PID) || process.ppid;
// Only for this process: `next dev` forks a child with the same --require preload, whose parent is
// this process, not npm start; without the variable it watches its own parent instead.
delete process.env.MUSTERPOINT_PARENT_PID;
if (parent > 1) {
  const check = () => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    // The web server leads its own group (spawned detached): SIGTERM reaches it and its children.
    try {
      process.kill(-process.pid, "SIGTERM");
    } catch {
      process.kill(process.pid, "SIGTERM");
    }
    // Bounded: whatever still runs after 5 s goes.
    setTimeout(() => {
      try {
        process.kill(-process.pid, "SIGKILL");
      } catch {
        process.exit(1);
      }
    }, 5000).unref();
  };
  const timer = setInterval(check, 1000);
  timer.unref();
  check();
}
