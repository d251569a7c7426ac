/**
 * Ask a run to stop. A queued run is cancelled at once; a running one gets cancelRequestedAt and
 * its worker (which polls it every second with the heartbeat) aborts the engine and finalises it
 * as `cancelled`, keeping what was measured. Cancelling a finished run is a no-op.
 */
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, AppErrorCode } from "@/lib/errors";
import type { TRunStatus } from "./get-run-by-id";

export async function cancelRun(id: string): Promise<{ id: string; status: TRunStatus; cancelRequestedAt: Date | null }> {
  const now = new Date();
  // Queued → cancelled in one statement, so a worker claiming it concurrently either got it first
  // (then it is running and sees cancelRequestedAt) or never will.
  const queued = await prisma.run.updateMany({
    where: { id, status: "queued" },
    data: { status: "cancelled", cancelRequestedAt: now, finishedAt: now },
  });
  if (queued.count === 0)
    await prisma.run.updateMany({ where: { id, status: "running", cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
  const run = await prisma.run.findUnique({ where: { id }, select: { id: true, status: true, cancelRequestedAt: true } });
  if (!run) throw new AppError(AppErrorCode.NOT_FOUND, "run not found");
  await recordAudit({ action: "run.cancel", targetType: "run", targetId: id, details: { status: run.status } });
  return run;
}
