/** What the import routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

export const ZImportRecordOut = z.looseObject({
  id: z.string(),
  kind: z.enum(["jtl_csv", "jtl_xml", "summariser_log", "jmx"]),
  fileName: z.string(),
  status: z.enum(["processing", "completed", "failed"]),
  bytesTotal: z.number().nullable(),
  bytesRead: z.number(),
  samples: z.number(),
  error: z.string().nullable(),
  /** A failed import's reason by code (lib/jmeter/import-error-codes.ts), its parameters plus line / path: the UI words it in the reader's language. */
  errorCode: z.string().nullable(),
  errorParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  report: z.unknown(),
  runId: z.string().nullable(),
  runName: z.string().nullable(),
  createdAt: ZIsoTime,
  finishedAt: ZIsoTime.nullable(),
});

export const ZJtlImportedOut = z.object({
  importId: z.string(),
  runId: z.string().nullable(),
  samples: z.number(),
  warnings: z.array(z.string()),
});

/** A warning by code (lib/jmeter/import-error-codes.ts): `warnings` holds the same in English. */
const ZWarningCode = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  line: z.number().int().optional(),
});

export const ZLogImportedOut = z.object({
  importId: z.string(),
  runId: z.string(),
  rows: z.number().int(),
  warnings: z.array(z.string()),
  warningCodes: z.array(ZWarningCode),
});

export const ZJmxImportedOut = z.object({
  importId: z.string(),
  scenarioIds: z.array(z.string()),
  scenarios: z.array(z.object({ id: z.string(), name: z.string(), module: z.string() })),
  report: z.looseObject({ skipped: z.array(z.unknown()), approximated: z.array(z.unknown()) }),
});
