/** What the schedule routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

export const ZScheduleRowOut = z.object({
  id: z.string(),
  name: z.string(),
  cron: z.string(),
  timeZone: z.string(),
  scenarioIds: z.array(z.string()),
  scenarios: z.array(z.object({ id: z.string(), name: z.string(), module: z.string() })),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  overrides: z.unknown(),
  thresholds: z.unknown(),
  enabled: z.boolean(),
  catchUp: z.boolean(),
  report: z.object({ name: z.string() }).nullable(),
  nextRunAt: ZIsoTime.nullable(),
  nextFires: z.array(ZIsoTime),
  lastFiredAt: ZIsoTime.nullable(),
  createdByName: z.string().nullable(),
  createdAt: ZIsoTime,
  updatedAt: ZIsoTime,
});

export const ZScheduleCreatedOut = z.object({ id: z.string(), nextRunAt: ZIsoTime.nullable() });
