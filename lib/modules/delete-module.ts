import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, AppErrorCode } from "@/lib/errors";
import { isForeignKeyViolation, isRecordNotFound, moduleNotFound } from "./prisma-errors";

/**
 * Deletes a module and its interfaces (cascade). Scenarios are Restrict in the schema: runs refer
 * to them, so a module with scenarios is refused with CONFLICT instead of silently losing history.
 */
export async function deleteModule(id: string): Promise<{ id: string; name: string }> {
  const scenarios = await prisma.scenario.count({ where: { moduleId: id } });
  if (scenarios > 0) {
    throw new AppError(
      AppErrorCode.CONFLICT,
      `The module still has ${scenarios} scenario${scenarios === 1 ? "" : "s"}; delete or move them first.`,
    );
  }
  try {
    const row = await prisma.module.delete({ where: { id }, select: { id: true, name: true } });
    await recordAudit({ action: "module.delete", targetType: "module", targetId: row.id, details: { name: row.name } });
    return row;
  } catch (error) {
    if (isRecordNotFound(error)) throw moduleNotFound(id);
    // A scenario added between the count and the delete.
    if (isForeignKeyViolation(error)) {
      throw new AppError(AppErrorCode.CONFLICT, "The module still has scenarios; delete or move them first.");
    }
    throw error;
  }
}
