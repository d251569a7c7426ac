import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { ZTimeZone } from "./get-display-time-zone";

/**
 * A user's own display zone (Account page); null follows the installation's. An unknown zone →
 * ZodError (400); an unknown user → NOT_FOUND.
 */
export async function setUserTimeZone(userId: string, input: unknown): Promise<{ timeZone: string | null }> {
  const timeZone = input === null || input === "" ? null : ZTimeZone.parse(input);
  const updated = await prisma.user.updateMany({ where: { id: userId }, data: { timeZone } });
  if (updated.count === 0) throw new AppError(AppErrorCode.NOT_FOUND, "user not found");
  return { timeZone };
}
