// The worker process (started by `npm start` beside the web server; restarted if it exits).
// SIGTERM/SIGINT: the current run is stopped gracefully (VUs get the engine's graceful stop),
// its buffered seconds are written, and it is finalised as `interrupted` with its data kept;
// then the process exits. A second signal exits at once (the run is then recovered as orphaned).
import { getEnv } from "../env";
import { prisma } from "../db/client";
import { runWorker } from "./run-worker";

const WORKER_ID = `${process.pid}@${Date.now()}`;

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it)");
  const controller = new AbortController();
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) process.exit(1);
    console.log("[worker] stopping: finishing the current run as interrupted");
    controller.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  console.log(`[worker] ${WORKER_ID} ready`);
  await runWorker({
    workerId: WORKER_ID,
    databaseUrl: env.DATABASE_URL,
    signal: controller.signal,
    pollMs: env.MUSTERPOINT_WORKER_POLL_MS,
    log: (m) => console.log(`[worker] ${m}`),
  });
  await prisma.$disconnect();
  process.exit(0);
}

main().catch((error) => {
  console.error(`[worker] ${(error as Error).message}`);
  process.exit(1);
});
