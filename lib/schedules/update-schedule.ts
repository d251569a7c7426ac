import type { TActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/modules/prisma-errors";
import { cronProblem, nextFireTime } from "./cron";
import { ZScheduleUpdate, type TScheduleRow } from "./schedule.schema";
import { assertScenariosExist, jsonOrNull, SCHEDULE_SELECT, scheduleNameTaken, scheduleNotFound, toScheduleRows } from "./schedule-row";

/**
 * Changes a schedule. A new cron or time zone, or resuming a paused schedule, sets the next fire to
 * the first cron time after now: fires that fell due while it was paused are not run.
 * Audit: schedule.pause / schedule.resume when only `enabled` changes, else schedule.update.
 */
export async function updateSchedule(id: string, input: unknown, actor: TActor | null): Promise<TScheduleRow> {
  const data = ZScheduleUpdate.parse(input);
  const current = await prisma.schedule.findUnique({ where: { id }, select: { cron: true, timeZone: true, enabled: true } });
  if (!current) throw scheduleNotFound(id);
  const cron = data.cron ?? current.cron;
  const timeZone = data.timeZone ?? current.timeZone;
  if (data.cron !== undefined || data.timeZone !== undefined) {
    const problem = cronProblem(cron, timeZone);
    if (problem) {
      const message = `Invalid cron expression: ${problem}.`;
      throw new AppError(AppErrorCode.INVALID_INPUT, message, [{ path: "cron", message }]);
    }
  }
  if (data.scenarioIds) await assertScenariosExist(data.scenarioIds);
  const enabled = data.enabled ?? current.enabled;
  const timing = data.cron !== undefined || data.timeZone !== undefined || (enabled && !current.enabled);
  try {
    const record = await prisma.schedule.update({
      where: { id },
      data: {
        name: data.name,
        cron: data.cron,
        timeZone: data.timeZone,
        scenarioIds: data.scenarioIds,
        variables: jsonOrNull(data.variables),
        overrides: jsonOrNull(data.overrides),
        thresholds: jsonOrNull(data.thresholds),
        catchUp: data.catchUp,
        enabled: data.enabled,
        reportName: data.report === undefined ? undefined : (data.report?.name ?? null),
        ...(timing ? { nextRunAt: enabled ? nextFireTime(cron, timeZone, new Date()) : null } : {}),
      },
      select: SCHEDULE_SELECT,
    });
    const onlyEnabled = Object.entries(data).every(([k, v]) => k === "enabled" || v === undefined);
    const action = onlyEnabled && data.enabled !== undefined ? (data.enabled ? "schedule.resume" : "schedule.pause") : "schedule.update";
    await recordAudit({
      action,
      targetType: "schedule",
      targetId: id,
      details: { name: record.name, changed: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) },
      actor,
    });
    return (await toScheduleRows([record]))[0]!;
  } catch (error) {
    if (isUniqueViolation(error) && data.name !== undefined) throw scheduleNameTaken(data.name);
    throw error;
  }
}
