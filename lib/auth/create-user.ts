import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/modules/prisma-errors";
import { getAuth } from "./auth";
import { ZCreateUser, type TUserRow } from "./user.schema";

/**
 * Creates an account that signs in with email + password (what better-auth's sign-up would write,
 * in one transaction): a User and its "credential" Account holding the scrypt hash from
 * better-auth's own password hasher. Public sign-up is off; admins and ensureFirstAdmin() call this.
 */
export async function createUser(input: unknown): Promise<TUserRow> {
  const data = ZCreateUser.parse(input);
  const context = await (await getAuth()).$context;
  const hash = await context.password.hash(data.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, emailVerified: true },
      });
      await tx.account.create({
        data: { id: randomUUID(), userId: created.id, accountId: created.id, providerId: "credential", password: hash },
      });
      return created;
    });
    return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role, createdAt: user.createdAt };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `A user with the email ${data.email} already exists.`;
      throw new AppError(AppErrorCode.ALREADY_EXISTS, message, [{ path: "email", message }]);
    }
    throw error;
  }
}

/**
 * An admin adds an account (POST /api/admin/users, Admin → Users): createUser, audited. The set-up
 * link and ensureFirstAdmin call createUser themselves (the first admin has nobody to act as).
 */
export async function addUser(input: unknown): Promise<TUserRow> {
  const user = await createUser(input);
  await recordAudit({ action: "user.create", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role } });
  return user;
}
