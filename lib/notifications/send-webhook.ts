import { request } from "undici";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import type { TWebhookMessage } from "./render-webhook-message";
import { webhookError, webhookErrorEnglish } from "./webhook-error-codes";

export interface TSendResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed (null when ok): HTTP status, the robot's own error code, or the network error. */
  error: string | null;
  /** The same by code (lib/notifications/webhook-error-codes.ts), for lastError. */
  reason: TCodedMessage | null;
}

function failed(statusCode: number | null, reason: TCodedMessage): TSendResult {
  return { ok: false, statusCode, error: webhookErrorEnglish(reason), reason };
}

/** How long one attempt may take, connect to last byte. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Bytes of the answer kept for the error text and the robots' error codes. */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * Posts one message (undici, no redirects followed: a robot never redirects, and a redirect could
 * lead off the allow-list). 2xx is success unless the robot says otherwise in its body: WeCom and
 * DingTalk answer 200 `{ errcode: 310000, errmsg }` on a bad signature or key, Feishu 200
 * `{ code: 19021, msg }`.
 */
export async function sendWebhook(message: TWebhookMessage, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<TSendResult> {
  try {
    const res = await request(message.url, {
      method: "POST",
      headers: message.headers,
      body: message.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = await readSome(res.body);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      return failed(
        res.statusCode,
        answer
          ? webhookError("http_status_body", { status: res.statusCode, body: answer.slice(0, 300) })
          : webhookError("http_status", { status: res.statusCode }),
      );
    }
    const robotError = robotReasonOf(answer);
    return robotError ? failed(res.statusCode, robotError) : { ok: true, statusCode: res.statusCode, error: null, reason: null };
  } catch (error) {
    const e = error as Error & { code?: string };
    return failed(
      null,
      e.name === "TimeoutError" || e.name === "AbortError"
        ? webhookError("timed_out", { ms: timeoutMs })
        : webhookError("network", { detail: `${e.code ? `${e.code}: ` : ""}${e.message}`.slice(0, 500) }),
    );
  }
}

async function readSome(body: AsyncIterable<Buffer> & { destroy?: () => void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8").trim();
}

/** The robot's own error in a 2xx answer, or null. */
export function robotErrorOf(answer: string): string | null {
  const reason = robotReasonOf(answer);
  return reason ? webhookErrorEnglish(reason) : null;
}

/** robotErrorOf by code: the robot's code and message are data. */
export function robotReasonOf(answer: string): TCodedMessage | null {
  if (!answer.startsWith("{")) return null;
  try {
    const j = JSON.parse(answer) as { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown };
    if (typeof j.errcode === "number" && j.errcode !== 0)
      return webhookError("robot_errcode", { errcode: j.errcode, errmsg: String(j.errmsg ?? "") });
    if (typeof j.code === "number" && j.code !== 0) return webhookError("robot_code", { code: j.code, msg: String(j.msg ?? "") });
    return null;
  } catch {
    return null;
  }
}
