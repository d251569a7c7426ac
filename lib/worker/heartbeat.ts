/**
 * While a run executes: every HEARTBEAT_MS, stamp heartbeatAt (liveness for crash recovery) and,
 * in the same statement, read cancelRequestedAt — so a cancel is seen within ~1 s. A failed beat
 * (database down) is skipped; the run goes on.
 */
import { prisma } from "../db/client";

export const HEARTBEAT_MS = 1000;
/** A running run whose heartbeat is older than this was orphaned by a crashed worker. */
export const HEARTBEAT_STALE_SECONDS = 20;

export interface THeartbeat {
  stop(): void;
}

export function startHeartbeat(runId: string, workerId: string, onCancel: () => void, intervalMs = HEARTBEAT_MS): THeartbeat {
  let stopped = false;
  let inFlight = false;
  let cancelled = false;
  const beat = async () => {
    if (inFlight || stopped) return;
    inFlight = true;
    try {
      const rows = await prisma.$queryRaw<{ cancelRequestedAt: Date | null }[]>`
        UPDATE "Run" SET "heartbeatAt" = now() WHERE "id" = ${runId} AND "workerId" = ${workerId}
        RETURNING "cancelRequestedAt"`;
      if (!cancelled && rows[0]?.cancelRequestedAt) {
        cancelled = true;
        onCancel();
      }
    } catch {
      // database unreachable: try again next beat
    } finally {
      inFlight = false;
    }
  };
  const timer = setInterval(() => void beat(), intervalMs);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
