import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { isTimeZone } from "@/lib/time/format-time";
import { getEnv } from "@/lib/env";

export const DISPLAY_TIME_ZONE_SETTING = "displayTimeZone";

/** An IANA zone name this runtime knows ("Asia/Shanghai"). */
export const ZTimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: "unknown time zone (use an IANA name such as Asia/Shanghai or UTC)" });

export interface TDisplayTimeZone {
  timeZone: string;
  /** Where it came from: the user's own choice, the installation's setting, or the server's TZ. */
  source: "user" | "installation" | "server";
}

/** The server's own zone (`TZ`, which Node's Intl honours), the installation's default. */
export function serverTimeZone(): string {
  const tz = getEnv().TZ;
  if (tz && isTimeZone(tz)) return tz;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * Every page asks for the zone: the installation's setting is kept for a few seconds instead of a
 * query per request. setDisplayTimeZone clears it, so this process sees a change at once; another
 * web process within this long.
 */
const INSTALLATION_CACHE_MS = 5000;
let cached: { at: number; value: string | null } | null = null;

export function forgetInstallationTimeZone(): void {
  cached = null;
}

/** The installation's display zone: Setting `displayTimeZone`, else the server's. */
export async function getInstallationTimeZone(): Promise<TDisplayTimeZone> {
  if (!cached || Date.now() - cached.at > INSTALLATION_CACHE_MS) {
    const row = await prisma.setting.findUnique({ where: { key: DISPLAY_TIME_ZONE_SETTING } });
    const parsed = ZTimeZone.safeParse(row?.value);
    cached = { at: Date.now(), value: parsed.success ? parsed.data : null };
  }
  return cached.value ? { timeZone: cached.value, source: "installation" } : { timeZone: serverTimeZone(), source: "server" };
}

/**
 * The zone times are shown in for this reader: the user's own (`User.timeZone`), else the
 * installation's. `userId` null (the share page, the bootstrap token): the installation's.
 */
export async function getDisplayTimeZone(userId: string | null | undefined): Promise<TDisplayTimeZone> {
  const [user, installation] = await Promise.all([
    userId ? prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true } }) : null,
    getInstallationTimeZone(),
  ]);
  if (user?.timeZone && isTimeZone(user.timeZone)) return { timeZone: user.timeZone, source: "user" };
  return installation;
}
