import { prisma } from "@/lib/db/client";
import type { TScheduleRow } from "./schedule.schema";
import { SCHEDULE_SELECT, toScheduleRows } from "./schedule-row";

/** Every schedule, by name (an installation has a handful). */
export async function findSchedules(): Promise<TScheduleRow[]> {
  const records = await prisma.schedule.findMany({ select: SCHEDULE_SELECT, orderBy: { name: "asc" } });
  return toScheduleRows(records);
}
