import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { forgetUserTokens } from "./token-cache";

/**
 * Deletes an account with its sessions and API tokens (cascade). Runs, audit entries and share
 * links keep their rows (started-by becomes empty; the name copy stays). Refuses the last admin
 * and refuses deleting yourself. Audited.
 */
export async function deleteUser(userId: string, actorId: string | null): Promise<{ id: string; email: string }> {
  if (actorId && userId === actorId) throw new AppError(AppErrorCode.CONFLICT, "You cannot delete your own account.");
  const deleted = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError(AppErrorCode.NOT_FOUND, `User ${userId} not found.`);
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError(AppErrorCode.CONFLICT, "This is the last admin and cannot be deleted.");
    }
    await tx.user.delete({ where: { id: userId } });
    return { id: user.id, email: user.email };
  });
  forgetUserTokens(userId);
  await recordAudit({ action: "user.delete", targetType: "user", targetId: deleted.id, details: { email: deleted.email } });
  return deleted;
}
