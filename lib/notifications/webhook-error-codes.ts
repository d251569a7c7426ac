/**
 * Why a webhook delivery attempt failed (WebhookDelivery.lastError), by a stable code
 * (lib/i18n/coded-messages.ts). Each line of lastError is one attempt: its English first (what the
 * API and the log always said, "attempt 2 of 5: HTTP 502: …"), then its codes; the admin page words
 * them from messages/<locale>.json `webhookErrors.codes.<code>`. What the receiver or the network
 * library said (an answer body, a robot's errmsg, undici's error) is shown as data.
 */
import {
  codedMaker,
  decodeCodedText,
  encodeCodedText,
  englishOf,
  entry,
  none,
  type TCodedMessage,
  type TParamsOf,
} from "@/lib/i18n/coded-messages";

export const WEBHOOK_ERRORS = {
  attempt: entry(["attempt", "max"], (p) => `attempt ${p.attempt} of ${p.max}`),
  http_status: entry(["status"], (p) => `HTTP ${p.status}`),
  http_status_body: entry(["status", "body"], (p) => `HTTP ${p.status}: ${p.body}`),
  robot_errcode: entry(["errcode", "errmsg"], (p) => `errcode ${p.errcode}: ${p.errmsg}`.trim()),
  robot_code: entry(["code", "msg"], (p) => `code ${p.code}: ${p.msg}`.trim()),
  timed_out: entry(["ms"], (p) => `timed out after ${p.ms} ms`),
  network: entry(["detail"], (p) => `${p.detail}`),
  failed: entry(none, () => "failed"),
  disabled: entry(none, () => "The webhook is disabled."),
  payload_unreadable: entry(none, () => "The stored payload is not readable."),
  url_invalid: entry(none, () => "The webhook URL is not a URL."),
  url_not_allowed: entry(
    ["host", "port"],
    (p) => `Webhook host ${p.host}:${p.port} is not on the webhook allow-list; an admin can add it under Admin → Webhooks.`,
  ),
} as const;

export type TWebhookErrorCode = keyof typeof WEBHOOK_ERRORS;
export type TWebhookErrorParams<C extends TWebhookErrorCode> = TParamsOf<typeof WEBHOOK_ERRORS, C>;

export const webhookError = codedMaker(WEBHOOK_ERRORS);

export function webhookErrorEnglish(m: TCodedMessage): string {
  return Object.hasOwn(WEBHOOK_ERRORS, m.code) ? englishOf(WEBHOOK_ERRORS, m.code as TWebhookErrorCode, m.params as never) : m.code;
}

/** One line of lastError: "attempt N of M: <reason>" in English, then the two parts coded. */
export function encodeAttemptLine(attempt: number, max: number, reason: TCodedMessage): string {
  const parts = [webhookError("attempt", { attempt, max }), reason];
  // The English keeps its old shape: "attempt 2 of 5: HTTP 502: …".
  return encodeCodedText(parts, webhookErrorEnglish, ": ");
}

export interface TAttemptLine {
  /** English, as the line always read. */
  text: string;
  /** [attempt, reason] by code; null for a line written before codes. */
  parts: TCodedMessage[] | null;
}

/** lastError as lines (newest last), each with its codes when it has them. */
export function decodeAttemptLog(stored: string | null): TAttemptLine[] {
  if (!stored) return [];
  return stored.split("\n").map((line) => decodeCodedText(line));
}
