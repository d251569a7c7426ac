// The worker process (started by `npm start` beside the web server).
// Placeholder loop until the run executor lands: marks runs orphaned by a crash as interrupted.
import { prisma } from "../db/client";

const WORKER_ID = `${process.pid}@${Date.now()}`;

async function main(): Promise<void> {
  const orphaned = await prisma.run.updateMany({
    where: { status: "running" },
    data: { status: "interrupted", finishedAt: new Date(), error: "the worker stopped while this run was running" },
  });
  if (orphaned.count) console.log(`[worker] marked ${orphaned.count} orphaned run(s) interrupted`);
  console.log(`[worker] ${WORKER_ID} ready`);
  const timer = setInterval(() => undefined, 60_000);
  const stop = async () => {
    clearInterval(timer);
    await prisma.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error) => {
  console.error(`[worker] ${(error as Error).message}`);
  process.exit(1);
});
