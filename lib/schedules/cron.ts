/**
 * Cron expressions and time zones for schedules, read with croner: 5 fields (minute precision) or
 * 6 (a leading seconds field). The one place that turns a schedule's cron + zone into instants.
 */
import { Cron } from "croner";

/**
 * Fires closer together than this are refused: each fire is a whole load run, and the worker
 * looks for due schedules every few seconds (lib/worker/schedule-loop.ts).
 */
export const MIN_FIRE_INTERVAL_MS = 10_000;

/** How many due times one look at a schedule enumerates at most (a long outage of a busy cron). */
export const MAX_ENUMERATED_FIRES = 1000;

function cronOf(expression: string, timeZone: string): Cron {
  return new Cron(expression, { paused: true, timezone: timeZone, mode: "auto" });
}

/** Why the expression cannot be used, or null. */
export function cronProblem(expression: string, timeZone: string): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return "a cron expression has 5 fields (minute hour day month weekday) or 6 (with seconds first)";
  let next: Date[];
  try {
    next = cronOf(expression, timeZone).nextRuns(3, new Date());
  } catch (error) {
    return (error as Error).message.replace(/^Cron\w*: /, "");
  }
  if (next.length === 0) return "this cron expression never fires";
  for (let i = 1; i < next.length; i++) {
    if (next[i]!.getTime() - next[i - 1]!.getTime() < MIN_FIRE_INTERVAL_MS)
      return `fires more often than every ${MIN_FIRE_INTERVAL_MS / 1000} s`;
  }
  return null;
}

/** The next `count` fire times strictly after `after`. */
export function nextFireTimes(expression: string, timeZone: string, after: Date, count: number): Date[] {
  return cronOf(expression, timeZone).nextRuns(count, after);
}

/** The first fire time strictly after `after`, or null when it never fires again. */
export function nextFireTime(expression: string, timeZone: string, after: Date): Date | null {
  return cronOf(expression, timeZone).nextRun(after);
}

/** Fire times in [from, to] (from included), oldest first, at most MAX_ENUMERATED_FIRES (the newest kept). */
export function fireTimesBetween(expression: string, timeZone: string, from: Date, to: Date): Date[] {
  const cron = cronOf(expression, timeZone);
  const out: Date[] = [];
  let at: Date | null = new Date(from.getTime() - 1);
  while ((at = cron.nextRun(at)) && at.getTime() <= to.getTime()) {
    out.push(at);
    if (out.length > MAX_ENUMERATED_FIRES) out.shift();
  }
  return out;
}
