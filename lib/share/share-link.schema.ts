import { z } from "zod";

/** Longest a share link may live; "never expires" is deliberately not offered. */
export const MAX_SHARE_DAYS = 90;
export const DEFAULT_SHARE_DAYS = 7;

export const ZCreateShareLink = z.object({
  reportId: z.string({ error: "reportId is required." }).min(1).max(100),
  expiresInDays: z
    .number({ error: "expiresInDays must be a number." })
    .int()
    .min(1, { error: "A link lives at least 1 day." })
    .max(MAX_SHARE_DAYS, { error: `A link lives at most ${MAX_SHARE_DAYS} days.` })
    .default(DEFAULT_SHARE_DAYS),
});

export interface TShareLinkRow {
  id: string;
  reportId: string;
  createdByName: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  isActive: boolean;
}
