/**
 * Starts the runs of due schedules (lib/schedules/fire-due-schedules.ts) every `everyMs`, beside
 * the run loop and independent of it: a worker busy with a long run still fires schedules. Every
 * worker process runs it; the claim in PostgreSQL makes each fire start one run.
 */
import { fireDueSchedules } from "../schedules/fire-due-schedules";

export interface TScheduleLoopOptions {
  signal: AbortSignal;
  /** How often to look for due schedules (ms). */
  everyMs?: number;
  log?: (message: string) => void;
}

/** Default look interval: a fire starts at most this late, and each look is one indexed query. */
export const SCHEDULE_LOOP_MS = 5000;

export async function runScheduleLoop(o: TScheduleLoopOptions): Promise<void> {
  const log = o.log ?? (() => undefined);
  const everyMs = o.everyMs ?? SCHEDULE_LOOP_MS;
  while (!o.signal.aborted) {
    try {
      for (const f of await fireDueSchedules()) {
        if (f.kind === "fired") log(`schedule ${f.scheduleId}: fire ${f.dueAt.toISOString()} → run ${f.runId}${f.late ? " (late)" : ""}`);
        else if (f.kind === "skipped") log(`schedule ${f.scheduleId}: ${f.count} missed fire(s) skipped`);
        else if (f.kind === "failed") log(`schedule ${f.scheduleId}: fire ${f.dueAt.toISOString()} failed: ${f.error}`);
      }
    } catch (error) {
      log(`schedule loop: ${(error as Error).message?.split("\n")[0]}`);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, everyMs);
      function done() {
        clearTimeout(timer);
        o.signal.removeEventListener("abort", done);
        resolve();
      }
      o.signal.addEventListener("abort", done, { once: true });
    });
  }
}
