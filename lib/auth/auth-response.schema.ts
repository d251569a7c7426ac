/** What the account, token, user and set-up routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";
import { ZRole } from "./roles";

export const ZUserRowOut = z.object({ id: z.string(), email: z.string(), name: z.string(), role: ZRole, createdAt: ZIsoTime });

export const ZApiTokenRowOut = z.object({
  id: z.string(),
  name: z.string(),
  tokenPrefix: z.string(),
  createdAt: ZIsoTime,
  lastUsedAt: ZIsoTime.nullable(),
  revokedAt: ZIsoTime.nullable(),
});

/** The new token's secret is in this answer and nowhere else. */
export const ZApiTokenCreatedOut = ZApiTokenRowOut.extend({ token: z.string() });

export const ZUserDeletedOut = z.object({ id: z.string(), email: z.string() });

export const ZApiTokenRevokedOut = z.object({ id: z.string(), name: z.string() });

export const ZSetupDoneOut = z.object({ id: z.string(), email: z.string() });
