/** What GET /api/agents answers inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "../http/api-envelope";

export const ZAgentRowOut = z.object({
  id: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  version: z.string(),
  status: z.enum(["idle", "busy", "suspect", "lost"]),
  clockOffsetMs: z.number().nullable(),
  rttMs: z.number().nullable(),
  cpuPct: z.number().nullable(),
  lastSeenAt: ZIsoTime,
  runId: z.string().nullable(),
});
