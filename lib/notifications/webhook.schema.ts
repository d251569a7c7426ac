/**
 * Webhooks at the trust boundary: what an admin may store (admin API and page), and the event
 * payload kept on each WebhookDelivery (rendered into the chat's format when it is sent).
 */
import { z } from "zod";

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ["run.finished", "run.failed", "run.threshold_failed", "report.ready"] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Message formats: generic JSON, and the chat robots our users paste into. */
export const WEBHOOK_FORMATS = ["json", "wecom", "dingtalk", "feishu", "slack"] as const;
export type TWebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000, { error: "A webhook URL is at most 2000 characters." })
  .refine(
    (u) => {
      try {
        const url = new URL(u);
        return (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "";
      } catch {
        return false;
      }
    },
    { error: "A webhook URL is an http:// or https:// address without user name or password." },
  );

export const ZWebhookInput = z.strictObject({
  name: z.string().trim().min(1, { error: "A webhook needs a name." }).max(200),
  format: z.enum(WEBHOOK_FORMATS, { error: `format is one of ${WEBHOOK_FORMATS.join(", ")}` }),
  url: ZWebhookUrl,
  /** DingTalk (SEC…) or Feishu signing secret; empty or null = unsigned. */
  secret: z.string().trim().max(500).nullish(),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `an event is one of ${WEBHOOK_EVENTS.join(", ")}` }))
    .min(1, { error: "Choose at least one event." })
    .max(WEBHOOK_EVENTS.length),
  enabled: z.boolean().default(true),
});
export type TWebhookInput = z.input<typeof ZWebhookInput>;

/** PATCH: any subset; `secret: null` removes it, an absent secret keeps it. */
export const ZWebhookPatch = ZWebhookInput.partial();

/** What a delivery carries (WebhookDelivery.payload); the chat message is rendered from it. */
export const ZWebhookPayload = z.object({
  event: z.enum(WEBHOOK_EVENTS),
  subject: z.object({ kind: z.enum(["run", "report"]), id: z.string(), name: z.string() }),
  /** One-line headline, e.g. "Run finished: checkout peak". */
  title: z.string(),
  /** Short facts shown above the lines: status, duration, failed thresholds. */
  facts: z.array(z.string()),
  /** JMeter summariser lines (`summary = …`), per module then the total. */
  summaryLines: z.array(z.string()),
  /** Where a person reads the whole result. */
  link: z.string(),
  occurredAt: z.string(),
});
export type TWebhookPayload = z.infer<typeof ZWebhookPayload>;

/** A webhook as the admin API and page show it: the secret never leaves the server. */
export interface TWebhookView {
  id: string;
  name: string;
  format: TWebhookFormat;
  url: string;
  hasSecret: boolean;
  events: TWebhookEvent[];
  enabled: boolean;
  createdAt: string;
}
