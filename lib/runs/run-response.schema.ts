/**
 * What the run routes answer inside `{ data }` (lib/http/api-contract.ts). Records are listed field
 * by field; the large nested results (label rows, live points, timelines) are described by their
 * required fields and allow more, so a new column is not a contract break.
 */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";
import { RUN_STATUSES } from "./run.schema";

const ZRunStatus = z.enum(RUN_STATUSES);

export const ZThresholdResultOut = z.object({
  expression: z.string(),
  scope: z.enum(["label", "module", "total"]),
  target: z.string(),
  metric: z.string(),
  max: z.number().optional(),
  min: z.number().optional(),
  actual: z.number().nullable(),
  ok: z.boolean(),
});

export const ZSummaryRowOut = z.looseObject({
  samples: z.number(),
  errors: z.number(),
  errorPct: z.number(),
  avgMs: z.number(),
  minMs: z.number(),
  maxMs: z.number(),
  ratePerSec: z.number(),
  summaryLine: z.string(),
});

export const ZRunSummaryOut = z.object({
  elapsedSeconds: z.number(),
  labels: z.array(ZSummaryRowOut.extend({ label: z.string(), module: z.string(), kind: z.string() })),
  modules: z.array(ZSummaryRowOut.extend({ module: z.string() })),
  total: ZSummaryRowOut,
  rendezvous: z.array(
    z.object({ name: z.string(), releases: z.array(z.looseObject({ at: z.number(), released: z.number(), reason: z.string() })) }),
  ),
  errors: z.array(z.object({ label: z.string(), kind: z.string(), count: z.number(), examples: z.array(z.string()) })),
});

export const ZRunRowOut = z.object({
  id: z.string(),
  name: z.string(),
  status: ZRunStatus,
  source: z.string(),
  scenarios: z.array(z.string()),
  modules: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: ZIsoTime,
  startedAt: ZIsoTime.nullable(),
  finishedAt: ZIsoTime.nullable(),
  durationSeconds: z.number().nullable(),
  samples: z.number().nullable(),
  errorPct: z.number().nullable(),
  thresholdsPassed: z.boolean().nullable(),
  startedByName: z.string().nullable(),
});

export const ZRunRecordOut = z.object({
  id: z.string(),
  name: z.string(),
  status: ZRunStatus,
  source: z.enum(["engine", "jmeter_jtl", "jmeter_log"]),
  createdAt: ZIsoTime,
  startedAt: ZIsoTime.nullable(),
  finishedAt: ZIsoTime.nullable(),
  cancelRequestedAt: ZIsoTime.nullable(),
  heartbeatAt: ZIsoTime.nullable(),
  workerId: z.string().nullable(),
  error: z.string().nullable(),
  /** The same as `error` by code (lib/runs/run-error-codes.ts); null for a run stored before codes. */
  errorParts: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).nullable(),
  scenarios: z.array(
    z.object({ scenarioId: z.string(), version: z.number().int(), moduleId: z.string(), name: z.string(), module: z.string() }),
  ),
  overrides: z.record(z.string(), z.unknown()).nullable(),
  thresholdResults: z.array(ZThresholdResultOut).nullable(),
  thresholdsPassed: z.boolean().nullable(),
  startedByName: z.string().nullable(),
});

export const ZRunQueuedOut = z.object({ id: z.string(), status: z.literal("queued") });

export const ZRunCancelledOut = z.object({ id: z.string(), status: ZRunStatus, cancelRequestedAt: ZIsoTime.nullable() });

export const ZRunLiveOut = z.object({
  id: z.string(),
  name: z.string(),
  status: ZRunStatus,
  isFinal: z.boolean(),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  /** The same as `error` by code (lib/runs/run-error-codes.ts); null for a run stored before codes. */
  errorParts: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).nullable(),
  startedAt: ZIsoTime.nullable(),
  finishedAt: ZIsoTime.nullable(),
  serverTimeMs: z.number(),
  elapsedSeconds: z.number(),
  plannedSeconds: z.number().nullable(),
  activeVus: z.number(),
  lastSecond: z.number().nullable(),
  points: z.array(z.looseObject({ second: z.number(), requestsPerSec: z.number(), activeVus: z.number() })),
  releases: z.array(z.looseObject({ name: z.string(), at: z.number(), released: z.number(), reason: z.string() })),
  summaryInterval: z.string().nullable(),
  summaryTotal: z.string().nullable(),
  iterationLag: z.array(z.looseObject({ label: z.string() })),
  labels: z.array(z.looseObject({ index: z.number().int(), label: z.string(), module: z.string(), kind: z.string() })).nullable(),
  labelSeries: z.array(z.looseObject({ second: z.number(), index: z.number().int() })),
});

export const ZSlowInterfaceOut = z.object({
  url: z.string(),
  method: z.string().nullable(),
  label: z.string(),
  module: z.string(),
  samples: z.number(),
  avgMs: z.number(),
  p95Ms: z.number().nullable(),
});

export const ZRunResultsOut = z.object({
  run: ZRunRecordOut,
  window: z.object({ from: z.number(), to: z.number() }).nullable(),
  range: z.object({ firstSecond: z.number(), lastSecond: z.number() }).nullable(),
  summary: ZRunSummaryOut,
  slowThresholdMs: z.number(),
  slowInterfaces: z.array(ZSlowInterfaceOut),
  thresholds: z.array(ZThresholdResultOut),
  timeline: z.array(z.looseObject({ second: z.number(), requestsPerSec: z.number() })),
  computeMs: z.number(),
});

/** One agent's part in a run (lib/agents/get-run-agents.ts). */
export const ZRunAgentRowOut = z.looseObject({
  name: z.string(),
  vuFrom: z.number().int(),
  vuTo: z.number().int(),
  stride: z.number().int(),
});

/** labels.json: the per-label table, as a download (the report CSV's columns). */
export const ZRunLabelRowOut = z.looseObject({ runId: z.string(), module: z.string(), label: z.string(), samples: z.number() });
