/** What the module routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

export const ZModuleRowOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: ZIsoTime,
  updatedAt: ZIsoTime,
  interfaceCount: z.number().int(),
  scenarioCount: z.number().int(),
});

export const ZModuleDetailOut = ZModuleRowOut.extend({
  interfaces: z.array(z.object({ id: z.string(), method: z.string(), urlPattern: z.string(), name: z.string().nullable() })),
  scenarios: z.array(z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: ZIsoTime })),
});
