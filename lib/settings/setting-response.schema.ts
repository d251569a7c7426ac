/** What the time-zone and allow-list settings routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";

export const ZDisplayTimeZoneOut = z.object({ timeZone: z.string(), source: z.enum(["user", "installation", "server"]) });

/** The target allow-list and the webhook allow-list have this one shape. */
export const ZAllowListOut = z.object({ hosts: z.array(z.string()), cidrs: z.array(z.string()), ports: z.array(z.number().int()) });
