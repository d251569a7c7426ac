import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { DEFAULT_SLOW_THRESHOLD_MS } from "@/lib/run-metrics/slow-interfaces";

export const SLOW_THRESHOLD_SETTING = "slowThresholdMs";
const ZSlowThreshold = z.number().int().positive().max(3_600_000);

/** The slow-interface threshold in ms (Setting `slowThresholdMs`, default 3000: the users' 3 s). */
export async function getSlowThresholdMs(): Promise<number> {
  const row = await prisma.setting.findUnique({ where: { key: SLOW_THRESHOLD_SETTING } });
  return slowThresholdFromSetting(row?.value);
}

/** The stored setting's value (read with other data in one query: lib/runs/get-run-results.ts) as the threshold. */
export function slowThresholdFromSetting(value: unknown): number {
  const parsed = ZSlowThreshold.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SLOW_THRESHOLD_MS;
}
