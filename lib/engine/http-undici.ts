// `https:` origins (and `client: "undici"`): one undici Client per VU lane, and the response handler
// that times the exchange.
import { Client, type buildConnector } from "undici";
import { nowMs } from "./clock";
import { failed, type TConnectSink, type THttpRequest, type THttpResponse } from "./http-exchange";
import { classifyError } from "./transport-errors";

/** Keep idle connections: VUs with think time reuse them (the server may still close earlier). */
export const KEEP_ALIVE_MS = 60_000;

/** The dispatcher of one origin: one keep-alive Client per VU lane, O(1) per request. */
export class OriginDispatcher {
  private readonly clients = new Map<number, Client>();

  constructor(
    private readonly origin: string,
    private readonly connect: buildConnector.connector,
  ) {}

  lane(lane: number): Client {
    let c = this.clients.get(lane);
    if (!c) {
      c = new Client(this.origin, {
        pipelining: 1,
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: KEEP_ALIVE_MS,
        connect: this.connect,
      });
      this.clients.set(lane, c);
    }
    return c;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close().catch(() => undefined)));
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.destroy().catch(() => undefined)));
  }
}

/** Rough bytes on the wire for the request head and body. */
function requestBytes(req: THttpRequest): number {
  let n = req.method.length + req.path.length + 12;
  for (const k in req.headers) n += k.length + (req.headers[k]?.length ?? 0) + 4;
  return n + (req.body ? Buffer.byteLength(req.body) : 0);
}

/**
 * undici's legacy handler interface on purpose: the newer one (onResponseStart…) is served through
 * an adapter that parses every header block into an object; here raw headers are parsed only when
 * the body is wanted (extract/expect), which keeps the per-request cost down.
 */
export class ResponseHandler implements TConnectSink {
  startMs = 0;
  connectMs = 0;
  private firstByteMs = 0;
  private status = 0;
  private rawHeaders: Buffer[] | null = null;
  private location: string | null = null;
  private setCookie: string[] | null = null;
  private chunks: Buffer[] | null;
  private bytes = 0;
  private done = false;

  constructor(
    private readonly req: THttpRequest,
    private readonly resolve: (r: THttpResponse) => void,
  ) {
    this.chunks = req.wantBody ? [] : null;
  }

  onConnect(): void {}

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (this.firstByteMs === 0) this.firstByteMs = nowMs();
    this.status = statusCode;
    if (this.chunks) this.rawHeaders = rawHeaders;
    if (statusCode >= 300 && statusCode < 400)
      for (let i = 0; i + 1 < rawHeaders.length; i += 2)
        if (rawHeaders[i]!.toString("latin1").toLowerCase() === "location") this.location = rawHeaders[i + 1]!.toString("latin1");
    if (this.req.wantCookies)
      for (let i = 0; i + 1 < rawHeaders.length; i += 2)
        if (rawHeaders[i]!.length === 10 && rawHeaders[i]!.toString("latin1").toLowerCase() === "set-cookie")
          (this.setCookie ??= []).push(rawHeaders[i + 1]!.toString("latin1"));
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    this.chunks?.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.done) return;
    this.done = true;
    const end = nowMs();
    this.resolve({
      status: this.status,
      headers: this.rawHeaders ? parseRawHeaders(this.rawHeaders) : {},
      ...(this.location !== null ? { location: this.location } : {}),
      ...(this.setCookie !== null ? { setCookie: this.setCookie } : {}),
      body: this.chunks ? Buffer.concat(this.chunks).toString("utf8") : null,
      startMs: this.startMs,
      elapsedMs: end - this.startMs,
      latencyMs: (this.firstByteMs || end) - this.startMs,
      connectMs: this.connectMs,
      bytesReceived: this.bytes,
      bytesSent: requestBytes(this.req),
    });
  }

  onError(error: Error): void {
    if (this.done) return;
    this.done = true;
    const r = failed(this.req, this.startMs, classifyError(error));
    r.connectMs = this.connectMs;
    r.status = this.status;
    this.resolve(r);
  }
}

/** [name, value, name, value…] → lower-case map (repeated names become arrays). */
function parseRawHeaders(raw: Buffer[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i]!.toString("latin1").toLowerCase();
    const v = raw[i + 1]!.toString("latin1");
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  }
  return out;
}
