import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { ZRole } from "./roles";
import { forgetUserTokens } from "./token-cache";
import type { TUserRow } from "./user.schema";

/**
 * Changes a user's role. Refuses to demote the last admin (nobody could manage users any more).
 * Sessions stay valid: the proxy reads the role from the database on every request (API tokens:
 * their cached actors are forgotten here). Audited (PATCH /api/admin/users/:id and Admin → Users).
 */
export async function updateUserRole(userId: string, roleInput: unknown): Promise<TUserRow> {
  const role = ZRole.parse(roleInput);
  const row = await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError(AppErrorCode.NOT_FOUND, `User ${userId} not found.`);
    if (user.role === "admin" && role !== "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) throw new AppError(AppErrorCode.CONFLICT, "This is the last admin; make someone else admin first.");
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    return { id: updated.id, email: updated.email, name: updated.name ?? updated.email, role: updated.role, createdAt: updated.createdAt };
  });
  forgetUserTokens(userId); // the user's tokens act with the new role from the next request
  await recordAudit({ action: "user.role", targetType: "user", targetId: row.id, details: { email: row.email, role: row.role } });
  return row;
}
