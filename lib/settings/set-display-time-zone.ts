import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { DISPLAY_TIME_ZONE_SETTING, forgetInstallationTimeZone, serverTimeZone, ZTimeZone } from "./get-display-time-zone";

/**
 * Set the installation's display zone (Admin → Settings). null goes back to the server's `TZ`.
 * An unknown zone → ZodError (400).
 */
export async function setDisplayTimeZone(input: unknown): Promise<{ timeZone: string; source: "installation" | "server" }> {
  const timeZone = input === null || input === "" ? null : ZTimeZone.parse(input);
  if (timeZone === null) await prisma.setting.deleteMany({ where: { key: DISPLAY_TIME_ZONE_SETTING } });
  else
    await prisma.setting.upsert({
      where: { key: DISPLAY_TIME_ZONE_SETTING },
      create: { key: DISPLAY_TIME_ZONE_SETTING, value: timeZone },
      update: { value: timeZone },
    });
  forgetInstallationTimeZone();
  await recordAudit({
    action: "settings.display_time_zone",
    targetType: "setting",
    targetId: DISPLAY_TIME_ZONE_SETTING,
    details: { timeZone },
  });
  return timeZone === null ? { timeZone: serverTimeZone(), source: "server" } : { timeZone, source: "installation" };
}
