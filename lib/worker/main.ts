// The worker process (started by `npm start` beside the web server; restarted if it exits).
// SIGTERM/SIGINT/SIGHUP: the current run is stopped gracefully (VUs get the engine's graceful stop),
// its buffered seconds are written, and it is finalised as `interrupted` with its data kept;
// then the process exits. A second signal exits at once (the run is then recovered as orphaned).
import { getEnv } from "../env";
import { prisma } from "../db/client";
import { runWorker } from "./run-worker";
import { startAgentController } from "../agents/agent-controller";
import { runScheduleLoop } from "./schedule-loop";
import { startWebhookLoop } from "./webhook-loop";

const WORKER_ID = `${process.pid}@${Date.now()}`;

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it)");
  const controller = new AbortController();
  stopOnSignals(controller);
  console.log(`[worker] ${WORKER_ID} ready`);
  const schedules = runScheduleLoop({ signal: controller.signal, log: (m) => console.log(`[worker] ${m}`) });
  const webhooks = startWebhookLoop({ signal: controller.signal, log: (m) => console.log(`[worker] ${m}`) });
  const agents = env.MUSTERPOINT_NATS_URL
    ? await startAgentController(env.MUSTERPOINT_NATS_URL, (m) => console.log(`[worker] ${m}`))
    : undefined;
  await runWorker({
    ...(agents ? { agents } : {}),
    workerId: WORKER_ID,
    databaseUrl: env.DATABASE_URL,
    signal: controller.signal,
    pollMs: env.MUSTERPOINT_WORKER_POLL_MS,
    log: (m) => console.log(`[worker] ${m}`),
  });
  await webhooks;
  await schedules;
  await agents?.close();
  await prisma.$disconnect();
  process.exit(0);
}

/**
 * SIGTERM / SIGINT / SIGHUP, or the parent (`npm start`) gone without a word (killed with -9): the
 * run ends as interrupted and the process exits. A second signal exits at once (the run is then
 * recovered as orphaned).
 */
function stopOnSignals(controller: AbortController): void {
  let signals = 0;
  const stop = (why: string) => {
    signals++;
    if (signals > 1) process.exit(1);
    console.log(`[worker] ${why}: finishing the current run as interrupted`);
    controller.abort();
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => stop(signal));
  // Started by a supervisor (ppid > 1): an orphan is reparented, so a changed ppid means it died.
  // npm start names itself in MUSTERPOINT_PARENT_PID: loading this module's imports can take seconds
  // on a busy machine, and a parent killed meanwhile would otherwise go unnoticed (the ppid read
  // here would already be the new one).
  const parent = getEnv().MUSTERPOINT_PARENT_PID ?? process.ppid;
  if (parent > 1) {
    const check = () => {
      if (process.ppid === parent) return;
      clearInterval(timer);
      stop("the process that started the worker is gone");
    };
    const timer = setInterval(check, 1000);
    timer.unref();
    check();
  }
}

main().catch((error) => {
  console.error(`[worker] ${(error as Error).message}`);
  process.exit(1);
});
