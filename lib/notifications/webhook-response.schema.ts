/** What the webhook routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

export const ZWebhookViewOut = z.object({
  id: z.string(),
  name: z.string(),
  format: z.string(),
  url: z.string(),
  hasSecret: z.boolean(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: ZIsoTime,
});

export const ZWebhookDeliveryOut = z.object({
  id: z.string(),
  webhookId: z.string(),
  webhookName: z.string(),
  event: z.string(),
  subjectId: z.string(),
  title: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: ZIsoTime.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** lastError's lines with their codes (lib/notifications/webhook-error-codes.ts); parts null for a line stored before codes. */
  lastErrorLines: z.array(
    z.object({
      text: z.string(),
      parts: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).nullable(),
    }),
  ),
  createdAt: ZIsoTime,
  deliveredAt: ZIsoTime.nullable(),
});
