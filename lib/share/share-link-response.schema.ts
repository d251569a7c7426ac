/** What the share-link routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

export const ZShareLinkRowOut = z.object({
  id: z.string(),
  reportId: z.string(),
  createdByName: z.string().nullable(),
  createdAt: ZIsoTime,
  expiresAt: ZIsoTime.nullable(),
  revokedAt: ZIsoTime.nullable(),
  isActive: z.boolean(),
});

/** The URL carries the token: shown in this answer only. */
export const ZShareLinkCreatedOut = z.object({ id: z.string(), url: z.string(), expiresAt: ZIsoTime.nullable() });

export const ZShareLinkRevokedOut = z.object({ id: z.string(), reportId: z.string() });
