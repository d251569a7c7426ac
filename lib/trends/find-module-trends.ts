/**
 * The last TREND_DAYS days of some modules (the module page: one; the report page: the report's),
 * up to and including `endDay`, from the completed runs' stored module rows. The regression flag
 * is computed twice: first with the noise floors (no query), then — only for the days that pass
 * them — with the two days' real per-second noise (compare-report.ts sideNoise), as comparing
 * those days' reports would.
 */
import { prisma } from "@/lib/db/client";
import type { TSideNoise } from "@/lib/reports/compare-rule";
import { sideNoise } from "@/lib/reports/compare-report";
import { loadSummaryRecords } from "@/lib/reports/load-summary-records";
import { dayInZone, reportDayBounds } from "@/lib/reports/report-day";
import { getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
import { computeModuleTrends, shiftDay, type TModuleTrend } from "./module-trends";

export const TREND_DAYS = 30;

/** The trends of some modules and the span they cover (the last day, the number of days). */
export interface TModuleTrends {
  endDay: string;
  days: number;
  modules: TModuleTrend[];
}

export async function findModuleTrends(
  modules: readonly string[],
  options: { endDay?: string; zone?: string } = {},
): Promise<TModuleTrends> {
  const zone = options.zone ?? (await getInstallationTimeZone()).timeZone;
  const endDay = options.endDay ?? dayInZone(new Date(), zone);
  if (!modules.length) return { endDay, days: TREND_DAYS, modules: [] };
  const firstDay = shiftDay(endDay, -(TREND_DAYS - 1));
  const from = reportDayBounds(firstDay, zone).start;
  const to = reportDayBounds(endDay, zone).end;
  const runs = await prisma.run.findMany({
    where: {
      status: "completed",
      OR: [{ startedAt: { gte: from, lt: to } }, { startedAt: null, createdAt: { gte: from, lt: to } }],
      summaries: { some: { scope: "module", module: { in: [...modules] } } },
    },
    select: { id: true, startedAt: true, createdAt: true },
  });
  const dayOf = new Map(runs.map((r) => [r.id, dayInZone(r.startedAt ?? r.createdAt, zone)]));
  const records = (await loadSummaryRecords(runs.map((r) => r.id))).filter((r) => r.scope === "module");
  const floors = computeModuleTrends(records, dayOf, modules);
  const noisyDays = new Set<string>();
  for (const trend of floors)
    for (const d of trend.days)
      if (d.regression && d.baselineDay) {
        noisyDays.add(d.day);
        noisyDays.add(d.baselineDay);
      }
  if (!noisyDays.size) return { endDay, days: TREND_DAYS, modules: floors };
  const noise = new Map<string, TSideNoise>();
  for (const day of noisyDays) noise.set(day, await sideNoise(runs.filter((r) => dayOf.get(r.id) === day).map((r) => r.id)));
  return { endDay, days: TREND_DAYS, modules: computeModuleTrends(records, dayOf, modules, noise) };
}
