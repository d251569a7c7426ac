/**
 * The worker's schedule step: every enabled schedule whose next fire is due either starts a run
 * or records the fire as skipped, then moves on to its next fire time.
 *
 * INVARIANT: exactly one run per due time, however many workers look and across restarts. The
 * claim is the ScheduleFire row (primary key scheduleId + dueAt), inserted in the transaction that
 * inserts the run (enqueueRun's inTransaction hook) after locking the schedule row and re-reading
 * its next fire time: a second worker either waits on the lock and then sees the fire moved on, or
 * hits the primary key; either way its transaction, run included, rolls back.
 *
 * A fire more than MISSED_AFTER_MS late was missed while nothing was running: with `catchUp` the
 * latest missed fire runs once, late; without, the missed fires are recorded as skipped.
 */
import type { TActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma, Prisma } from "@/lib/db/client";
import { ensureDailyReport } from "@/lib/reports/ensure-daily-report";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import type { TEnqueueRunInput } from "@/lib/runs/run.schema";
import { AppError } from "@/lib/errors";
import { fireTimesBetween, nextFireTime } from "./cron";

/** Later than this after its due time, a fire counts as missed (the loop itself looks every few seconds). */
export const MISSED_AFTER_MS = 60_000;
/** How many missed fires one look records as skipped, at most (the newest). */
const MAX_SKIPPED_ROWS = 100;

export type TFireOutcome =
  | { scheduleId: string; kind: "fired"; dueAt: Date; runId: string; late: boolean; reportId: string | null }
  | { scheduleId: string; kind: "skipped"; dueAt: Date; count: number }
  | { scheduleId: string; kind: "failed"; dueAt: Date; error: string }
  | { scheduleId: string; kind: "taken"; dueAt: Date };

/** Looks at every due schedule once; returns what it did (a fire another worker took is "taken"). */
export async function fireDueSchedules(now: () => Date = () => new Date()): Promise<TFireOutcome[]> {
  const due = await prisma.schedule.findMany({
    where: { enabled: true, nextRunAt: { lte: now() } },
    orderBy: { nextRunAt: "asc" },
    take: 50,
    select: { id: true },
  });
  const out: TFireOutcome[] = [];
  for (const { id } of due) {
    const outcome = await fireDueSchedule(id, now());
    if (outcome) out.push(outcome);
  }
  return out;
}

const CLAIM_LOST = "schedule fire already claimed";

async function fireDueSchedule(id: string, now: Date): Promise<TFireOutcome | null> {
  const s = await prisma.schedule.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      cron: true,
      timeZone: true,
      scenarioIds: true,
      overrides: true,
      variables: true,
      thresholds: true,
      enabled: true,
      catchUp: true,
      reportName: true,
      nextRunAt: true,
      createdById: true,
    },
  });
  if (!s || !s.enabled || !s.nextRunAt || s.nextRunAt > now) return null;
  const seen = s.nextRunAt;
  const dueTimes = fireTimesBetween(s.cron, s.timeZone, seen, now);
  const latest = dueTimes.at(-1) ?? seen;
  const onTime = now.getTime() - latest.getTime() <= MISSED_AFTER_MS;
  const missed = onTime ? dueTimes.slice(0, -1) : dueTimes;
  const next = nextFireTime(s.cron, s.timeZone, now);
  // The schedule acts in its creator's name, labelled so the run list says where it came from.
  const actor: TActor = { id: s.createdById, role: "tester", name: `schedule ${s.name}`, via: "session" };

  if (!onTime && !s.catchUp) {
    const taken = await advance(s.id, seen, next, missed);
    if (!taken) return { scheduleId: s.id, kind: "taken", dueAt: latest };
    await recordAudit({
      action: "schedule.skip",
      targetType: "schedule",
      targetId: s.id,
      details: { name: s.name, missed: missed.length, from: missed[0]?.toISOString(), to: latest.toISOString() },
      actor,
    });
    return { scheduleId: s.id, kind: "skipped", dueAt: latest, count: missed.length };
  }

  const late = !onTime;
  const skipped = late ? missed.slice(0, -1) : missed;
  const joined: { reportId: string | null } = { reportId: null };
  try {
    const input: TEnqueueRunInput = {
      scenarioIds: s.scenarioIds,
      ...(s.overrides ? { overrides: s.overrides as TEnqueueRunInput["overrides"] } : {}),
      ...(s.variables ? { variables: s.variables as TEnqueueRunInput["variables"] } : {}),
      ...(s.thresholds ? { thresholds: s.thresholds as TEnqueueRunInput["thresholds"] } : {}),
    };
    const run = await enqueueRun(input, {
      actor,
      scheduleId: s.id,
      inTransaction: async (tx, runId) => {
        if (!(await lockIfUnchanged(tx, s.id, seen))) throw new Error(CLAIM_LOST);
        await tx.scheduleFire.create({ data: { scheduleId: s.id, dueAt: latest, late, runId } });
        await recordSkipped(tx, s.id, skipped);
        await tx.schedule.update({ where: { id: s.id }, data: { nextRunAt: next, lastFiredAt: latest } });
        if (s.reportName) joined.reportId = (await ensureDailyReport(tx, { nameTemplate: s.reportName, runId, at: latest })).id;
      },
    });
    await recordAudit({
      action: "schedule.fire",
      targetType: "schedule",
      targetId: s.id,
      details: { name: s.name, dueAt: latest.toISOString(), runId: run.id, late, skipped: skipped.length },
      actor,
    });
    return { scheduleId: s.id, kind: "fired", dueAt: latest, runId: run.id, late, reportId: joined.reportId };
  } catch (error) {
    if (isClaimLost(error)) return { scheduleId: s.id, kind: "taken", dueAt: latest };
    if (!(error instanceof AppError)) throw error; // the database went away …: the next look retries
    // The run could not be queued (a scenario deleted, a target no longer allowed …): record the
    // fire as skipped and move on, so the schedule is not retried every few seconds.
    const message = (error as Error).message?.split("\n")[0] ?? String(error);
    const taken = await advance(s.id, seen, next, [...skipped, latest]);
    if (!taken) return { scheduleId: s.id, kind: "taken", dueAt: latest };
    await recordAudit({
      action: "schedule.fail",
      targetType: "schedule",
      targetId: s.id,
      details: { name: s.name, dueAt: latest.toISOString(), error: message },
      actor,
    });
    return { scheduleId: s.id, kind: "failed", dueAt: latest, error: message };
  }
}

/** Locks the schedule row; false when another worker moved its next fire on meanwhile. */
async function lockIfUnchanged(tx: Prisma.TransactionClient, id: string, seen: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<{ nextRunAt: Date | null; enabled: boolean }[]>`
    SELECT "nextRunAt", "enabled" FROM "Schedule" WHERE "id" = ${id} FOR NO KEY UPDATE`;
  const row = rows[0];
  return !!row && row.enabled && row.nextRunAt?.getTime() === seen.getTime();
}

async function recordSkipped(tx: Prisma.TransactionClient, scheduleId: string, dueTimes: Date[]): Promise<void> {
  const rows = dueTimes.slice(-MAX_SKIPPED_ROWS).map((dueAt) => ({ scheduleId, dueAt, skipped: true }));
  if (rows.length) await tx.scheduleFire.createMany({ data: rows, skipDuplicates: true });
}

/** Records skipped fires and moves the schedule on, if no other worker did first. */
async function advance(id: string, seen: Date, next: Date | null, skipped: Date[]): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    if (!(await lockIfUnchanged(tx, id, seen))) return false;
    await recordSkipped(tx, id, skipped);
    await tx.schedule.update({ where: { id }, data: { nextRunAt: next } });
    return true;
  });
}

function isClaimLost(error: unknown): boolean {
  if (error instanceof Error && error.message === CLAIM_LOST) return true;
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
