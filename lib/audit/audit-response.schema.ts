/** What GET /api/admin/audit answers: `{ data, nextCursor }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

export const ZAuditRowOut = z.object({
  id: z.string(),
  at: ZIsoTime,
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.unknown(),
});
