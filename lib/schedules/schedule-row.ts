import { prisma, Prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { nextFireTimes } from "./cron";
import type { TScheduleRow } from "./schedule.schema";

/** How many upcoming fire times lists show. */
const SHOWN_FIRES = 3;

export const SCHEDULE_SELECT = {
  id: true,
  name: true,
  cron: true,
  timeZone: true,
  scenarioIds: true,
  overrides: true,
  variables: true,
  thresholds: true,
  enabled: true,
  catchUp: true,
  reportName: true,
  nextRunAt: true,
  lastFiredAt: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.ScheduleSelect;

type TScheduleRecord = Prisma.ScheduleGetPayload<{ select: typeof SCHEDULE_SELECT }>;

export function scheduleNotFound(id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `Schedule ${id} not found.`);
}

export function scheduleNameTaken(name: string): AppError {
  const message = `A schedule named "${name}" already exists.`;
  return new AppError(AppErrorCode.ALREADY_EXISTS, message, [{ path: "name", message }]);
}

/** Scenario ids that do not exist → INVALID_INPUT naming each (path scenarioIds.<i>). */
export async function assertScenariosExist(ids: string[]): Promise<void> {
  const found = await prisma.scenario.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(found.map((s) => s.id));
  const issues = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `scenarioIds.${i}`, message: `Scenario ${id} not found.` }]));
  if (issues.length) throw new AppError(AppErrorCode.INVALID_INPUT, issues[0]!.message, issues);
}

/** Stored rows → TScheduleRow, with the scenarios' names and the next fire times. */
export async function toScheduleRows(records: TScheduleRecord[], now = new Date()): Promise<TScheduleRow[]> {
  const ids = [...new Set(records.flatMap((r) => r.scenarioIds))];
  const scenarios = await prisma.scenario.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, module: { select: { name: true } } },
  });
  const byId = new Map(scenarios.map((s) => [s.id, { id: s.id, name: s.name, module: s.module.name }]));
  return records.map((r) => {
    let nextFires: string[] = [];
    if (r.enabled && r.nextRunAt) {
      const later = nextFireTimes(r.cron, r.timeZone, r.nextRunAt.getTime() > now.getTime() ? r.nextRunAt : now, SHOWN_FIRES - 1);
      nextFires = [r.nextRunAt, ...later].map((d) => d.toISOString());
    }
    return {
      id: r.id,
      name: r.name,
      cron: r.cron,
      timeZone: r.timeZone,
      scenarioIds: r.scenarioIds,
      scenarios: r.scenarioIds.flatMap((id) => byId.get(id) ?? []),
      variables: (r.variables as TScheduleRow["variables"]) ?? null,
      overrides: r.overrides ?? null,
      thresholds: r.thresholds ?? null,
      enabled: r.enabled,
      catchUp: r.catchUp,
      report: r.reportName ? { name: r.reportName } : null,
      nextRunAt: r.enabled && r.nextRunAt ? r.nextRunAt.toISOString() : null,
      nextFires,
      lastFiredAt: r.lastFiredAt?.toISOString() ?? null,
      createdByName: r.createdBy?.name ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** A nullable JSON column value for Prisma: undefined = leave, null = clear. */
export function jsonOrNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull | undefined {
  if (value === undefined) return undefined;
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
