/**
 * The error kind of a failed JMeter sample, from what the JTL keeps: the response code (a status,
 * or "Non HTTP response code: <exception>"), the message and the assertion failure message.
 */
import type { TErrorKind } from "../../engine/metrics/types";

export function classifyError(responseCode: string, responseMessage: string, failureMessage: string): TErrorKind {
  const text = `${responseCode} ${responseMessage}`;
  if (/SocketTimeout|ConnectTimeout|timed out|Timeout/i.test(text)) return "timeout";
  if (/Connection refused|ConnectException/i.test(text)) return "connection_refused";
  if (/Connection reset|SocketException|NoHttpResponse|Broken pipe/i.test(text)) return "connection_reset";
  if (/UnknownHost/i.test(text)) return "dns";
  const status = /^\d{3}$/.test(responseCode) ? Number(responseCode) : Number.NaN;
  if (status >= 400) return "http_status";
  if (failureMessage || status < 400) return "assertion";
  return "other";
}
