import { prisma } from "@/lib/db/client";
import type { TScheduleRow } from "./schedule.schema";
import { SCHEDULE_SELECT, scheduleNotFound, toScheduleRows } from "./schedule-row";

/** One schedule, or NOT_FOUND. */
export async function getSchedule(id: string): Promise<TScheduleRow> {
  const record = await prisma.schedule.findUnique({ where: { id }, select: SCHEDULE_SELECT });
  if (!record) throw scheduleNotFound(id);
  return (await toScheduleRows([record]))[0]!;
}
