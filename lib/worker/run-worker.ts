/**
 * The worker loop: recover orphaned runs, then claim and execute queued runs one at a time until
 * the signal aborts. Woken by NOTIFY (LISTEN on RUN_QUEUE_CHANNEL, reconnecting when the
 * database goes away) with a poll every `pollMs` as the fallback. Several processes may run it:
 * claims are atomic (claim-next-run.ts).
 */
import pg from "pg";
import { RUN_QUEUE_CHANNEL } from "../runs/enqueue-run";
import { claimNextRun } from "./claim-next-run";
import { executeRun, type TStartLoad } from "./execute-run";
import { recoverOrphans } from "./recover-orphans";
import type { TAgentController } from "../agents/agent-controller";

export interface TRunWorkerOptions {
  workerId: string;
  databaseUrl: string;
  signal: AbortSignal;
  pollMs?: number;
  startLoad?: TStartLoad;
  engineWorkers?: number;
  /** How often to look for runs orphaned by other workers' crashes. */
  recoverEveryMs?: number;
  log?: (message: string) => void;
  /** Set when MUSTERPOINT_NATS_URL is: runs launched on agents are controlled from here. */
  agents?: TAgentController;
}

export async function runWorker(o: TRunWorkerOptions): Promise<void> {
  const log = o.log ?? (() => undefined);
  const pollMs = o.pollMs ?? 1000;
  let wake: (() => void) | null = null;
  const listener = listen(o.databaseUrl, () => wake?.(), o.signal, log);
  let lastRecovery = 0;
  try {
    while (!o.signal.aborted) {
      try {
        // Runs on agents whose controller died (heartbeat silent 3 s) are finished here,
        // before orphan recovery would call them interrupted.
        if (o.agents && (await o.agents.resumeOrphans({ workerId: o.workerId, shutdownSignal: o.signal, log })).length) continue;
        if (Date.now() - lastRecovery >= (o.recoverEveryMs ?? 10_000)) {
          lastRecovery = Date.now();
          await recoverOrphans({ log, exceptWorkerId: o.workerId }); // never our own run (a long DB outage makes its heartbeat stale)
        }
        const run = await claimNextRun(o.workerId);
        if (run) {
          log(`claimed run ${run.id}`);
          await executeRun(run, {
            workerId: o.workerId,
            shutdownSignal: o.signal,
            log,
            ...(o.agents ? { agents: o.agents } : {}),
            ...(o.startLoad ? { startLoad: o.startLoad } : {}),
            ...(o.engineWorkers !== undefined ? { engineWorkers: o.engineWorkers } : {}),
          });
          continue; // look for the next one at once
        }
      } catch (error) {
        log(`worker loop: ${(error as Error).message?.split("\n")[0]}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          wake = null;
          o.signal.removeEventListener("abort", done);
          resolve();
        }
        wake = done;
        o.signal.addEventListener("abort", done, { once: true });
      });
    }
  } finally {
    await listener.close();
  }
}

/** LISTEN with reconnection; notifications call onNotify. */
function listen(url: string, onNotify: () => void, signal: AbortSignal, log: (m: string) => void): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const connect = async () => {
    if (closed || signal.aborted) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on("notification", () => onNotify());
    c.on("error", () => undefined);
    c.on("end", () => {
      if (client === c) client = null;
      if (!closed) retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${RUN_QUEUE_CHANNEL}`);
      onNotify(); // something may have been queued while we were not listening
    } catch (error) {
      log(`LISTEN failed (${(error as Error).message}); polling meanwhile`);
      await c.end().catch(() => undefined);
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await (client as pg.Client | null)?.end().catch(() => undefined);
    },
  };
}
