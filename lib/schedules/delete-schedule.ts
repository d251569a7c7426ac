import type { TActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { isRecordNotFound } from "@/lib/modules/prisma-errors";
import { scheduleNotFound } from "./schedule-row";

/** Deletes a schedule and its fire log; the runs it started stay (Run.scheduleId becomes null). */
export async function deleteSchedule(id: string, actor: TActor | null): Promise<{ id: string; name: string }> {
  try {
    const row = await prisma.schedule.delete({ where: { id }, select: { id: true, name: true } });
    await recordAudit({ action: "schedule.delete", targetType: "schedule", targetId: id, details: { name: row.name }, actor });
    return row;
  } catch (error) {
    if (isRecordNotFound(error)) throw scheduleNotFound(id);
    throw error;
  }
}
