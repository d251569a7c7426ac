import type { TActor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { getDisplayTimeZone, ZTimeZone, type TDisplayTimeZone } from "./get-display-time-zone";

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

/**
 * The caller's own zone (PUT /api/account/time-zone, the Account page), answered with the zone now
 * in effect for them. The bootstrap token has no account to keep one in.
 */
export async function setOwnTimeZone(actor: Pick<TActor, "id">, input: unknown): Promise<TDisplayTimeZone> {
  if (!actor.id)
    throw new AppError(AppErrorCode.FORBIDDEN, "The bootstrap token has no account; set the installation's zone under Admin → Settings.");
  await setUserTimeZone(actor.id, input);
  return getDisplayTimeZone(actor.id);
}
