import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, AppErrorCode } from "@/lib/errors";

/** Delete a scenario. Its runs stay: they hold a frozen copy of what they ran. */
export async function deleteScenario(id: string): Promise<void> {
  const deleted = await prisma.scenario.deleteMany({ where: { id } });
  if (deleted.count === 0) throw new AppError(AppErrorCode.NOT_FOUND, "scenario not found");
  await recordAudit({ action: "scenario.delete", targetType: "scenario", targetId: id });
}
