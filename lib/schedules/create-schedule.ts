import type { TActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/modules/prisma-errors";
import { nextFireTime } from "./cron";
import { ZScheduleCreate } from "./schedule.schema";
import { assertScenariosExist, jsonOrNull, SCHEDULE_SELECT, scheduleNameTaken, toScheduleRows } from "./schedule-row";
import type { TScheduleRow } from "./schedule.schema";

/**
 * Creates a schedule (input parsed here: ZodError = bad input; unknown scenarios → INVALID_INPUT
 * naming them; a taken name → ALREADY_EXISTS). Its first fire is the first cron time after now.
 * `actor` is who creates it; its runs are started in that person's name.
 */
export async function createSchedule(input: unknown, actor: TActor | null): Promise<TScheduleRow> {
  const data = ZScheduleCreate.parse(input);
  await assertScenariosExist(data.scenarioIds);
  const enabled = data.enabled ?? true;
  try {
    const record = await prisma.schedule.create({
      data: {
        name: data.name,
        cron: data.cron,
        timeZone: data.timeZone,
        scenarioIds: data.scenarioIds,
        variables: jsonOrNull(data.variables),
        overrides: jsonOrNull(data.overrides),
        thresholds: jsonOrNull(data.thresholds),
        catchUp: data.catchUp ?? false,
        enabled,
        reportName: data.report?.name ?? null,
        nextRunAt: enabled ? nextFireTime(data.cron, data.timeZone, new Date()) : null,
        createdById: actor?.id ?? null,
      },
      select: SCHEDULE_SELECT,
    });
    await recordAudit({
      action: "schedule.create",
      targetType: "schedule",
      targetId: record.id,
      details: { name: data.name, cron: data.cron, timeZone: data.timeZone, scenarioIds: data.scenarioIds },
      actor,
    });
    return (await toScheduleRows([record]))[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw scheduleNameTaken(data.name);
    throw error;
  }
}
