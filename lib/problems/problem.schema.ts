import { z } from "zod";
import { PROBLEM_STATUSES, SEVERITIES } from "./problem.types";

export const PROBLEM_TITLE_MAX = 300;
export const PROBLEM_TEXT_MAX = 10_000;
const MAX_LINKS = 100;

const ZTitle = z
  .string({ error: "Title is required." })
  .trim()
  .min(1, { error: "Title is required." })
  .max(PROBLEM_TITLE_MAX, { error: `Title must be at most ${PROBLEM_TITLE_MAX} characters.` });
const ZIds = z
  .array(z.string().trim().min(1).max(100), { error: "Expected a list of ids." })
  .max(MAX_LINKS)
  .transform((ids) => [...new Set(ids)]);
export const ZProblemStatus = z.enum(PROBLEM_STATUSES, {
  error: `Status must be one of ${PROBLEM_STATUSES.join(", ")}.`,
});
export const ZSeverity = z.enum(SEVERITIES, { error: `Severity must be one of ${SEVERITIES.join(", ")}.` });
const ZOwner = z.string().trim().max(200);
const ZNoteBody = z
  .string()
  .trim()
  .max(PROBLEM_TEXT_MAX, { error: `A note must be at most ${PROBLEM_TEXT_MAX} characters.` });

export const ZProblemCreate = z.object({
  title: ZTitle,
  description: z.string().trim().max(PROBLEM_TEXT_MAX).optional(),
  status: ZProblemStatus.optional(),
  severity: ZSeverity.optional(),
  owner: ZOwner.optional(),
  moduleIds: ZIds.optional(),
  runIds: ZIds.optional(),
  interfaceIds: ZIds.optional(),
  /** The round (report) it is first reported in. */
  reportId: z.string().trim().min(1).max(100).optional(),
  /** A first note for the history ("agreed to look at it with dev tomorrow"). */
  note: ZNoteBody.optional(),
});
export type TProblemCreate = z.infer<typeof ZProblemCreate>;

export const ZProblemUpdate = z
  .object({
    title: ZTitle.optional(),
    description: z.string().trim().max(PROBLEM_TEXT_MAX).optional(),
    status: ZProblemStatus.optional(),
    severity: ZSeverity.optional(),
    owner: ZOwner.nullable().optional(),
    moduleIds: ZIds.optional(),
    runIds: ZIds.optional(),
    interfaceIds: ZIds.optional(),
    reportId: z.string().trim().min(1).max(100).nullable().optional(),
    /** Recorded in the history, with the status change if there is one. */
    note: ZNoteBody.optional(),
    author: z.string().trim().max(200).optional(),
  })
  // A misspelt field is an error, not a silent no-op.
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Nothing to update." });
export type TProblemUpdate = z.infer<typeof ZProblemUpdate>;

export const ZProblemNoteInput = z.object({
  body: ZNoteBody.min(1, { error: "Write a note." }),
  status: ZProblemStatus.optional(),
  author: z.string().trim().max(200).optional(),
});

export const PROBLEM_SORTS = ["number", "-number", "updated", "-updated", "severity", "status", "title"] as const;

export const ZProblemFilter = z.object({
  status: z
    .union([ZProblemStatus, z.array(ZProblemStatus)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  /** "open" as a group: open + in_progress. */
  isOpen: z.boolean().optional(),
  severity: ZSeverity.optional(),
  moduleId: z.string().optional(),
  runId: z.string().optional(),
  reportId: z.string().optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(PROBLEM_SORTS).default("-number"),
});
export type TProblemFilter = z.input<typeof ZProblemFilter>;
