/** What the daily report routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";
import { ZSlowInterfaceOut } from "@/lib/runs/run-response.schema";

export const ZReportListRowOut = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  slowThresholdMs: z.number(),
  runCount: z.number().int(),
  observationCount: z.number().int(),
  newProblemCount: z.number().int(),
  updatedAt: ZIsoTime,
});

export const ZReportCreatedOut = z.object({ id: z.string(), name: z.string(), date: z.string() });

export const ZReportUpdatedOut = ZReportCreatedOut.extend({
  slowThresholdMs: z.number(),
  notes: z.string(),
  moduleOrder: z.array(z.string()),
});

export const ZObservationOut = z.object({
  id: z.string(),
  feature: z.string(),
  secondsMin: z.number().nullable(),
  secondsMax: z.number().nullable(),
  status: z.string().nullable(),
  note: z.string().nullable(),
  observedAt: ZIsoTime.nullable(),
  position: z.number().int(),
});

export const ZManualSlowRowOut = z.object({
  id: z.string(),
  url: z.string(),
  method: z.string().nullable(),
  module: z.string(),
  avgMs: z.number(),
  samples: z.number().nullable(),
  note: z.string(),
  position: z.number().int(),
});

export const ZReportOut = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  slowThresholdMs: z.number(),
  notes: z.string(),
  createdAt: ZIsoTime,
  updatedAt: ZIsoTime,
  runs: z.array(z.looseObject({ id: z.string(), name: z.string(), status: z.string(), position: z.number().int() })),
  moduleOrder: z.array(z.string()),
  modules: z.array(z.looseObject({ module: z.string(), runId: z.string(), samples: z.number(), summaryLine: z.string() })),
  slowInterfaces: z.array(ZSlowInterfaceOut),
  manualSlowRows: z.array(ZManualSlowRowOut),
  observations: z.array(ZObservationOut),
  problems: z.array(z.looseObject({ id: z.string(), number: z.number().int(), title: z.string(), status: z.string(), isNew: z.boolean() })),
});

/** The run ids added (those already in the report are left out). */
export const ZReportRunsAddedOut = z.object({ added: z.array(z.string()) });

export const ZReportReadyOut = z.object({ readyAt: ZIsoTime });

export const ZComparisonOut = z.object({
  current: z.looseObject({ runIds: z.array(z.string()) }),
  baseline: z.looseObject({ runIds: z.array(z.string()) }),
  bands: z.looseObject({}),
  modules: z.array(z.looseObject({})),
  labels: z.array(z.looseObject({})),
});
