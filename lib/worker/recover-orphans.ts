/**
 * Runs left `running` by a worker that died (heartbeat older than HEARTBEAT_STALE_SECONDS) become
 * `interrupted`, keeping every second already written: their rollups and summary are computed
 * from those seconds (finalizeRun). Called at worker start and periodically by every worker.
 */
import { prisma } from "../db/client";
import { finalizeRun } from "../runs/finalize-run";
import { encodeRunError, runError } from "../runs/run-error-codes";
import { HEARTBEAT_STALE_SECONDS } from "./heartbeat";

export async function recoverOrphans(
  options: { staleSeconds?: number; exceptWorkerId?: string; log?: (m: string) => void } = {},
): Promise<string[]> {
  const stale = options.staleSeconds ?? HEARTBEAT_STALE_SECONDS;
  const except = options.exceptWorkerId ?? "";
  const lost = [runError("worker_lost", {})];
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Run" SET "status" = 'interrupted', "finishedAt" = now(), "error" = ${encodeRunError(lost)}
     WHERE "status" = 'running' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${stale}))
       AND "workerId" IS DISTINCT FROM ${except}
    RETURNING "id"`;
  for (const { id } of rows) {
    try {
      await finalizeRun(id, { status: "interrupted", errors: lost });
      options.log?.(`run ${id}: orphaned → interrupted`);
    } catch (e) {
      options.log?.(`run ${id}: marked interrupted, summary failed: ${(e as Error).message}`);
    }
  }
  return rows.map((r) => r.id);
}
