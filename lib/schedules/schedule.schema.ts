/**
 * Schedules at the trust boundary (POST/PATCH /api/schedules, the schedules page's actions).
 * Messages are English and readable for API clients.
 */
import { z } from "zod";
import { ZRunOverrides, ZThreshold } from "@/lib/engine/scenario";
import { ZLaunchVariables } from "@/lib/runs/run.schema";
import { isTimeZone } from "@/lib/time/format-time";
import { cronProblem } from "./cron";

export const SCHEDULE_NAME_MAX = 100;

const ZName = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(SCHEDULE_NAME_MAX, { error: `Name must be at most ${SCHEDULE_NAME_MAX} characters.` });

const ZCronText = z
  .string({ error: "A cron expression is required." })
  .trim()
  .min(1, { error: "A cron expression is required." })
  .max(200)
  .transform((s) => s.replace(/\s+/g, " "));

const ZTimeZone = z
  .string({ error: "A time zone is required." })
  .trim()
  .refine(isTimeZone, { error: "Not an IANA time zone (e.g. Asia/Shanghai, UTC)." });

const ZScenarioIds = z.array(z.string().min(1)).min(1, { error: "Choose at least one scenario." }).max(50);

/** `report: { name }` — its runs join the report of that date; null removes it. */
const ZReport = z.strictObject({
  name: z.string().trim().min(1, { error: "The report needs a name." }).max(200, { error: "A report name is at most 200 characters." }),
});

const fields = {
  name: ZName,
  scenarioIds: ZScenarioIds,
  cron: ZCronText,
  timeZone: ZTimeZone,
  variables: ZLaunchVariables.optional(),
  overrides: ZRunOverrides.optional(),
  thresholds: z.array(ZThreshold).max(200).optional(),
  catchUp: z.boolean().optional(),
  enabled: z.boolean().optional(),
  report: ZReport.nullable().optional(),
};

function checkCron(v: { cron?: string; timeZone?: string }, ctx: z.RefinementCtx): void {
  if (v.cron === undefined || v.timeZone === undefined || !isTimeZone(v.timeZone)) return;
  const problem = cronProblem(v.cron, v.timeZone);
  if (problem) ctx.addIssue({ code: "custom", path: ["cron"], message: `Invalid cron expression: ${problem}.` });
}

export const ZScheduleCreate = z.strictObject(fields).superRefine(checkCron);
export type TScheduleCreate = z.input<typeof ZScheduleCreate>;

/** PATCH: any subset, at least one field; cron and time zone are checked together with the stored ones. */
export const ZScheduleUpdate = z
  .strictObject({
    name: fields.name.optional(),
    scenarioIds: fields.scenarioIds.optional(),
    cron: fields.cron.optional(),
    timeZone: fields.timeZone.optional(),
    variables: ZLaunchVariables.nullable().optional(),
    overrides: ZRunOverrides.nullable().optional(),
    thresholds: fields.thresholds.nullable(),
    catchUp: fields.catchUp,
    enabled: fields.enabled,
    report: fields.report,
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Nothing to update." });
export type TScheduleUpdate = z.input<typeof ZScheduleUpdate>;

/** A schedule as lists, pages and the API show it. Dates as ISO strings. */
export interface TScheduleRow {
  id: string;
  name: string;
  cron: string;
  timeZone: string;
  scenarioIds: string[];
  /** The scenarios that still exist, in the schedule's order. */
  scenarios: { id: string; name: string; module: string }[];
  variables: Record<string, string | number | boolean> | null;
  overrides: unknown;
  thresholds: unknown;
  enabled: boolean;
  catchUp: boolean;
  report: { name: string } | null;
  nextRunAt: string | null;
  /** The next few fire times (nextRunAt first); empty when paused. */
  nextFires: string[];
  lastFiredAt: string | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}
