import { z } from "zod";

/**
 * Trust-boundary schemas of test rounds (daily reports) and observations. Messages are English and
 * readable for API clients; the UI maps them by path + issue code where it needs to.
 */
export const REPORT_NAME_MAX = 200;
export const REPORT_NOTES_MAX = 10_000;
export const REPORT_MAX_RUNS = 200;
export const OBSERVATION_FEATURE_MAX = 200;
export const OBSERVATION_NOTE_MAX = 2000;
/** 1 ms … 10 min: anything beyond is a typo, not a threshold. */
export const THRESHOLD_MIN_MS = 1;
export const THRESHOLD_MAX_MS = 600_000;

const ZName = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(REPORT_NAME_MAX, { error: `Name must be at most ${REPORT_NAME_MAX} characters.` });

/** A calendar day, YYYY-MM-DD (the round's date; no time zone games). */
export const ZReportDate = z
  .string({ error: "Date is required (YYYY-MM-DD)." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Date must look like 2026-11-21." })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: "Date is not a real calendar day.",
  });

const ZId = z.string({ error: "Expected an id." }).trim().min(1, { error: "Expected an id." }).max(100);

export const ZRunIds = z
  .array(ZId, { error: "runIds must be a list of run ids." })
  .max(REPORT_MAX_RUNS, { error: `At most ${REPORT_MAX_RUNS} runs per round.` })
  .transform((ids) => [...new Set(ids)]);

export const ZThresholdMs = z
  .number({ error: "Threshold must be a number of milliseconds." })
  .int({ error: "Threshold must be whole milliseconds." })
  .min(THRESHOLD_MIN_MS, { error: "Threshold must be at least 1 ms." })
  .max(THRESHOLD_MAX_MS, { error: "Threshold must be at most 600000 ms (10 min)." });

export const ZReportCreate = z.object({
  name: ZName,
  date: ZReportDate,
  runIds: ZRunIds.default([]),
  slowThresholdMs: ZThresholdMs.optional(),
  notes: z.string().max(REPORT_NOTES_MAX).optional(),
});
export type TReportCreate = z.infer<typeof ZReportCreate>;

export const REPORT_MAX_MODULES = 500;

/** Module names in the order section 1 shows them; each once. */
export const ZModuleOrder = z
  .array(z.string({ error: "A module name is a string." }).trim().min(1, { error: "A module name cannot be empty." }).max(200), {
    error: "moduleOrder must be a list of module names.",
  })
  .max(REPORT_MAX_MODULES, { error: `At most ${REPORT_MAX_MODULES} modules.` })
  .refine((names) => new Set(names).size === names.length, { error: "Each module may appear only once." });

export const ZReportUpdate = z
  .object({
    name: ZName.optional(),
    date: ZReportDate.optional(),
    slowThresholdMs: ZThresholdMs.optional(),
    notes: z.string().max(REPORT_NOTES_MAX).optional(),
    moduleOrder: ZModuleOrder.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    error: "Nothing to update: send name, date, slowThresholdMs, notes and/or moduleOrder.",
  });
export type TReportUpdate = z.infer<typeof ZReportUpdate>;

/** A slow-list row entered by hand (a round of summariser logs has no per-URL figures). */
const ZSlowRowFields = {
  url: z
    .string({ error: "Interface (URL or label) is required." })
    .trim()
    .min(1, { error: "Interface (URL or label) is required." })
    .max(2000, { error: "Interface must be at most 2000 characters." }),
  method: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,16}$/, { error: "Method must be a word such as GET or POST." })
    .nullable(),
  module: z.string().trim().max(200, { error: "Module must be at most 200 characters." }),
  avgMs: z
    .number({ error: "Average must be a number of milliseconds." })
    .finite()
    .min(0, { error: "Average cannot be negative." })
    .max(86_400_000, { error: "Average must be at most 86400000 ms (a day)." }),
  samples: z.number().int({ error: "Samples must be a whole number." }).min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  note: z.string().trim().max(OBSERVATION_NOTE_MAX),
  position: z.number().int().min(0).max(10_000),
};

export const ZSlowRowInput = z
  .object({
    url: ZSlowRowFields.url,
    method: ZSlowRowFields.method.optional(),
    module: ZSlowRowFields.module.optional(),
    avgMs: ZSlowRowFields.avgMs,
    samples: ZSlowRowFields.samples.optional(),
    note: ZSlowRowFields.note.optional(),
    position: ZSlowRowFields.position.optional(),
  })
  .strict();
export type TSlowRowInput = z.infer<typeof ZSlowRowInput>;

export const ZSlowRowUpdate = z
  .object({
    url: ZSlowRowFields.url.optional(),
    method: ZSlowRowFields.method.optional(),
    module: ZSlowRowFields.module.optional(),
    avgMs: ZSlowRowFields.avgMs.optional(),
    samples: ZSlowRowFields.samples.optional(),
    note: ZSlowRowFields.note.optional(),
    position: ZSlowRowFields.position.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Nothing to update." });

export const ZReportRunsInput = z.object({ runIds: ZRunIds.refine((ids) => ids.length > 0, { error: "Send at least one run id." }) });

const ZFeature = z
  .string({ error: "Feature is required." })
  .trim()
  .min(1, { error: "Feature is required." })
  .max(OBSERVATION_FEATURE_MAX, { error: `Feature must be at most ${OBSERVATION_FEATURE_MAX} characters.` });

const ZSecondsNumber = z.number().finite().min(0, { error: "Seconds cannot be negative." }).max(86_400);

/**
 * Seconds as a tester writes them: "2-5", "7-8", "3", 3, [2, 5] or { min, max }.
 * Status words such as 正常 / normal go in `status`, or in `value` (the UI's one free-text cell).
 */
export const ZSecondsInput = z.union([
  z.string().trim().min(1).max(40),
  ZSecondsNumber,
  z.tuple([ZSecondsNumber, ZSecondsNumber]),
  z.object({ min: ZSecondsNumber, max: ZSecondsNumber }),
]);

export const ZObservationInput = z
  .object({
    feature: ZFeature,
    /** Response seconds: "2-5" / 3 / [2, 5] / { min, max }. */
    seconds: ZSecondsInput.optional(),
    /** A status instead of seconds: 正常 / normal / any short word. */
    status: z.string().trim().min(1).max(40).optional(),
    /** Either of the above as one free text ("2-5", "正常"): what the inline editor sends. */
    value: z.string().trim().min(1).max(40).optional(),
    note: z.string().trim().max(OBSERVATION_NOTE_MAX).optional(),
    observedAt: z.iso.datetime({ offset: true, error: "observedAt must be an ISO date-time." }).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((v) => [v.seconds, v.status, v.value].filter((x) => x !== undefined).length === 1, {
    error: 'Send exactly one of seconds (e.g. "2-5") or status (e.g. "正常").',
    path: ["seconds"],
  });
export type TObservationInput = z.infer<typeof ZObservationInput>;

export const ZObservationUpdate = z
  .object({
    feature: ZFeature.optional(),
    seconds: ZSecondsInput.optional(),
    status: z.string().trim().min(1).max(40).optional(),
    value: z.string().trim().min(1).max(40).optional(),
    note: z.string().trim().max(OBSERVATION_NOTE_MAX).nullable().optional(),
    observedAt: z.iso.datetime({ offset: true, error: "observedAt must be an ISO date-time." }).nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((v) => [v.seconds, v.status, v.value].filter((x) => x !== undefined).length <= 1, {
    error: "Send at most one of seconds, status or value.",
    path: ["seconds"],
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Nothing to update." });
export type TObservationUpdate = z.infer<typeof ZObservationUpdate>;
