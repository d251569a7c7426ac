/**
 * Run inputs at the trust boundary (API bodies, server actions, the worker's view of a Run row).
 */
import { z } from "zod";
import { ZRunOverrides, ZScenario, ZThreshold, type TScenario } from "@/lib/engine/scenario";
import { ZAgentSelection } from "@/lib/agents/agent-selection";

/**
 * Launch parameters as machine clients send them (`variables` of POST /api/runs, JMeter's -J):
 * name → string | number | boolean. Stricter messages than the engine's ZVariableValues because
 * this is where people type them.
 */
export const ZLaunchVariables = z.record(
  z.string().trim().min(1, "a launch parameter needs a name").max(200, "a launch parameter name is at most 200 characters"),
  z.union([z.string().max(10_000, "a launch parameter value is at most 10,000 characters"), z.number().finite(), z.boolean()], {
    error: "a launch parameter value must be a string, a number or a boolean",
  }),
  { error: "variables must be an object of name: value pairs" },
);

export const ZEnqueueRunInput = z.strictObject({
  scenarioIds: z.array(z.string().min(1)).min(1, "choose at least one scenario").max(50),
  overrides: ZRunOverrides.optional(),
  /** Launch parameters; merged into `overrides.variables` (these win over the same names there). */
  variables: ZLaunchVariables.optional(),
  /** Extra thresholds on top of those in the scenarios. */
  thresholds: z.array(ZThreshold).max(200).optional(),
  /** Default: the scenario names joined with " + ". */
  name: z.string().trim().min(1).max(200).optional(),
  /** Run on load generator agents (lib/agents/agent-selection.ts); absent: on the worker itself. */
  agents: ZAgentSelection.optional(),
});
export type TEnqueueRunInput = z.input<typeof ZEnqueueRunInput>;

/** One scenario as it was launched: Run.scenarios is an array of these. */
export const ZFrozenScenario = z.object({
  scenarioId: z.string(),
  version: z.number().int(),
  moduleId: z.string(),
  /** The definition, with `module` set to the module's name at launch time. */
  definition: ZScenario,
});
export type TFrozenScenario = { scenarioId: string; version: number; moduleId: string; definition: TScenario };

export const ZFrozenScenarios = z.array(ZFrozenScenario).min(1);

/** Query of the live endpoint: the last epoch second the client has (exclusive). */
export const ZLiveQuery = z.object({
  since: z.coerce.number().int().min(0).optional(),
  /** RunLabel indexes (comma-separated) whose response time per second is wanted. */
  series: z
    .string()
    .regex(/^\d+(,\d+)*$/, "comma-separated label numbers")
    .transform((v) => v.split(",").map(Number))
    .optional(),
  /** The last second the client has of those series (exclusive). */
  seriesSince: z.coerce.number().int().min(0).optional(),
  /** "0": leave the label table out of this poll (the page refreshes it every few polls). */
  labels: z.enum(["0", "1"]).optional(),
});

/** Results window in epoch seconds, both inclusive. */
export const ZResultsQuery = z
  .object({
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    slowThresholdMs: z.coerce.number().int().positive().optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "from must be ≤ to", path: ["from"] });
export type TResultsQuery = z.infer<typeof ZResultsQuery>;

export const RUN_STATUSES = ["queued", "running", "completed", "cancelled", "failed", "interrupted"] as const;
export const FINAL_STATUSES = new Set(["completed", "cancelled", "failed", "interrupted"]);

export const ZFindRunsQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  scenarioId: z.string().optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type TFindRunsQuery = z.input<typeof ZFindRunsQuery>;
