import { z } from "zod";

/** Every API token starts with this, so secret scanners and log masking recognise it. */
export const API_TOKEN_PREFIX = "mp_";

export const ZApiTokenInput = z.object({
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, { error: "Name is required." })
    .max(100, { error: "Name must be at most 100 characters." }),
});

export interface TApiTokenRow {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
