// One request and its response as the VUs see them, whichever client carried it (http.ts).
import { nowMs } from "./clock";
import type { TErrorKind } from "./metrics/types";

export interface THttpRequest {
  origin: string;
  /** Path with query string. */
  path: string;
  method: string;
  headers: Record<string, string>;
  /** Text (sent as UTF-8) or bytes as they are (multipart uploads). */
  body?: string | Buffer;
  timeoutMs: number;
  /** Keep the body text (for extract/expect); otherwise it is counted and dropped. */
  wantBody: boolean;
  /**
   * The VU has a cookie jar: report Set-Cookie headers. (The native client reads them anyway:
   * free, as they share their name length with Connection, which it decodes for framing.)
   */
  wantCookies?: boolean;
  /** The VU's lane: requests of one lane share one connection. Default: a shared pool. */
  lane?: number;
}

export interface THttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Location of a 3xx response (read even when the header map is not kept). */
  location?: string;
  /** Set-Cookie header values, when the response had any (read even when the header map is not kept). */
  setCookie?: string[];
  body: string | null;
  startMs: number;
  elapsedMs: number;
  latencyMs: number;
  connectMs: number;
  bytesReceived: number;
  bytesSent: number;
  /** A transport error (no complete response). */
  error?: { kind: TErrorKind; message: string };
}

/** Connect-time sink of the request being dispatched (set synchronously around dispatch, http.ts). */
export interface TConnectSink {
  connectMs: number;
}

/** The response of a request that got none (refused, invalid, stopped, transport error). */
export function failed(req: THttpRequest, startMs: number, error: { kind: TErrorKind; message: string }): THttpResponse {
  const end = nowMs();
  return {
    status: 0,
    headers: {},
    body: null,
    startMs,
    elapsedMs: end - startMs,
    latencyMs: end - startMs,
    connectMs: 0,
    bytesReceived: 0,
    bytesSent: 0,
    error,
  };
}
