/** What the problem routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";
import { PROBLEM_STATUSES, SEVERITIES } from "./problem.types";

const ZNoteSummary = z.object({ body: z.string(), createdAt: ZIsoTime });

export const ZProblemRowOut = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  severity: z.enum(SEVERITIES),
  owner: z.string().nullable(),
  createdAt: ZIsoTime,
  updatedAt: ZIsoTime,
  resolvedAt: ZIsoTime.nullable(),
  /** The daily report it was first reported in. */
  report: z.object({ id: z.string(), name: z.string(), date: z.string() }).nullable(),
  modules: z.array(z.object({ id: z.string(), name: z.string() })),
  runs: z.array(z.object({ id: z.string(), name: z.string() })),
  interfaces: z.array(z.object({ id: z.string(), method: z.string(), urlPattern: z.string(), moduleName: z.string() })),
  noteCount: z.number().int(),
  latestNote: ZNoteSummary.nullable(),
});

export const ZProblemDetailOut = ZProblemRowOut.extend({
  notes: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      status: z.enum(PROBLEM_STATUSES).nullable(),
      author: z.string().nullable(),
      createdAt: ZIsoTime,
    }),
  ),
  edits: z.array(z.object({ at: ZIsoTime, actorName: z.string().nullable(), fields: z.array(z.string()) })),
});
