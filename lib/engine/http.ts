/**
 * HTTP for the VUs: one dispatcher per origin (`OriginDispatcher`), which gives every VU ("lane")
 * its own keep-alive undici Client — each VU its own connection, as JMeter threads and LoadRunner
 * vusers have. (An undici Pool scans its clients for a free one on every request: O(VUs) per
 * request, which made 10,000 VUs released at once take seconds to send.)
 *
 * Timing follows JMeter: elapsed = just before the request is sent → last body byte read;
 * latency = → first response byte (headers); connect = TCP connect of a new connection (0 when
 * reused). INVARIANT: every response body is consumed (read or counted and dropped) — otherwise
 * sockets leak and figures lie.
 *
 * Target safety: the connector resolves the host first, then asks `allowTarget(host, address)`
 * before connecting; a refusal fails the request with kind `other` and a clear message.
 */
import { isIP } from "node:net";
import { lookup } from "node:dns/promises";
import type { Socket } from "node:net";
import { buildConnector, Client, Pool, type Dispatcher } from "undici";
import { nowMs } from "./clock";
import type { TErrorKind } from "./metrics/types";

/** Decides whether the engine may connect to `host` resolved to `resolvedAddress`. */
export type TAllowTarget = (host: string, resolvedAddress: string) => boolean | Promise<boolean>;

/** 127.0.0.0/8 and ::1 (and ::ffff:127.x) only: the CLI's and tests' default. */
export const allowLoopbackOnly: TAllowTarget = (_host, address) =>
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1" || /^::ffff:127\./i.test(address);

export class TargetNotAllowedError extends Error {
  readonly code = "MP_TARGET_NOT_ALLOWED";
  constructor(host: string, address: string) {
    super(`target ${host} (${address}) is not allowed: only loopback targets (127.0.0.0/8, ::1) are allowed here`);
  }
}

export interface THttpRequest {
  origin: string;
  /** Path with query string. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Keep the body text (for extract/expect); otherwise it is counted and dropped. */
  wantBody: boolean;
  /** The VU's lane: requests of one lane share one connection. Default: a shared pool. */
  lane?: number;
}

export interface THttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
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

/** Connect-time sink of the request being dispatched (set synchronously around dispatch). */
interface TConnectSink {
  connectMs: number;
}
// INVARIANT: undici calls the connector synchronously from dispatch() when the request needs a new
// connection (Client._resume → connect), so a module-level slot attributes connect time exactly.
let currentConnectSink: TConnectSink | null = null;

const CONNECT_TIMEOUT_MS = 10_000;
/** Keep idle connections: VUs with think time reuse them (the server may still close earlier). */
const KEEP_ALIVE_MS = 60_000;

export interface THttpAgentOptions {
  allowTarget?: TAllowTarget;
  connectTimeoutMs?: number;
}

export class HttpAgent {
  private readonly pools = new Map<string, Pool>();
  private readonly origins = new Map<string, OriginDispatcher>();
  private readonly resolved = new Map<string, Promise<string>>();
  private readonly allowTarget: TAllowTarget;
  private readonly baseConnect: buildConnector.connector;
  /** Open TCP connections right now (generator health). */
  openSockets = 0;
  private destroyed = false;

  constructor(options: THttpAgentOptions = {}) {
    this.allowTarget = options.allowTarget ?? allowLoopbackOnly;
    this.baseConnect = buildConnector({ timeout: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, keepAlive: true, noDelay: true } as buildConnector.BuildOptions);
  }

  private resolve(hostname: string): Promise<string> {
    let p = this.resolved.get(hostname);
    if (!p) {
      p = lookup(hostname).then((r) => r.address);
      p.catch(() => this.resolved.delete(hostname));
      this.resolved.set(hostname, p);
    }
    return p;
  }

  private connector: buildConnector.connector = (opts, callback) => {
    const sink = currentConnectSink;
    const t0 = nowMs();
    const hostname = opts.hostname.replace(/^\[|\]$/g, "");
    const go = (address: string) => {
      const verdict = this.allowTarget(hostname, address);
      if (verdict instanceof Promise) {
        verdict.then(
          (ok) => (ok ? connect(address) : callback(new TargetNotAllowedError(hostname, address), null)),
          (e: Error) => callback(e, null),
        );
        return;
      }
      if (!verdict) {
        callback(new TargetNotAllowedError(hostname, address), null);
        return;
      }
      connect(address);
    };
    const connect = (address: string) => {
      const servername = opts.servername || (isIP(hostname) ? undefined : hostname);
      this.baseConnect({ ...opts, hostname: address, ...(servername ? { servername } : {}) }, (err, socket) => {
        if (err || !socket) {
          callback(err ?? new Error("connect failed"), null);
          return;
        }
        if (sink) sink.connectMs = nowMs() - t0;
        this.openSockets++;
        (socket as Socket).once("close", () => this.openSockets--);
        callback(null, socket);
      });
    };
    if (isIP(hostname)) go(hostname);
    else
      this.resolve(hostname).then(go, (e: NodeJS.ErrnoException) => {
        const err = new Error(`DNS lookup of ${hostname} failed: ${e.code ?? e.message}`) as NodeJS.ErrnoException;
        err.code = e.code ?? "ENOTFOUND";
        callback(err, null);
      });
  };

  private dispatcher(origin: string, lane: number | undefined): Dispatcher {
    if (lane === undefined) return this.pool(origin);
    let d = this.origins.get(origin);
    if (!d) {
      d = new OriginDispatcher(origin, this.connector);
      this.origins.set(origin, d);
    }
    return d.lane(lane);
  }

  private pool(origin: string): Pool {
    let p = this.pools.get(origin);
    if (!p) {
      p = new Pool(origin, {
        connections: null,
        pipelining: 1,
        keepAliveTimeout: KEEP_ALIVE_MS,
        keepAliveMaxTimeout: KEEP_ALIVE_MS,
        connect: this.connector,
      });
      this.pools.set(origin, p);
    }
    return p;
  }

  /** Send one request; never rejects: transport failures come back as `error`. */
  request(req: THttpRequest): Promise<THttpResponse> {
    return new Promise((resolve) => {
      if (this.destroyed) {
        resolve(failed(req, nowMs(), { kind: "other", message: "stopped" }));
        return;
      }
      const handler = new ResponseHandler(req, resolve);
      const pool = this.dispatcher(req.origin, req.lane);
      const sink: TConnectSink = handler;
      currentConnectSink = sink;
      handler.startMs = nowMs();
      try {
        pool.dispatch(
          {
            origin: req.origin,
            path: req.path,
            method: req.method as Dispatcher.HttpMethod,
            headers: req.headers,
            body: req.body ?? null,
            headersTimeout: req.timeoutMs,
            bodyTimeout: req.timeoutMs,
          },
          handler as unknown as Dispatcher.DispatchHandler,
        );
      } catch (error) {
        handler.onError(error as Error);
      } finally {
        currentConnectSink = null;
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values(), ...this.origins.values()].map((p) => p.close().catch(() => undefined)));
    this.pools.clear();
    this.origins.clear();
  }

  /** Abort everything in flight (hard stop). */
  async destroy(): Promise<void> {
    this.destroyed = true;
    await Promise.all([...this.pools.values(), ...this.origins.values()].map((p) => p.destroy().catch(() => undefined)));
    this.pools.clear();
    this.origins.clear();
  }
}

/** The dispatcher of one origin: one keep-alive Client per VU lane, O(1) per request. */
class OriginDispatcher {
  private readonly clients = new Map<number, Client>();

  constructor(
    private readonly origin: string,
    private readonly connect: buildConnector.connector,
  ) {}

  lane(lane: number): Client {
    let c = this.clients.get(lane);
    if (!c) {
      c = new Client(this.origin, { pipelining: 1, keepAliveTimeout: KEEP_ALIVE_MS, keepAliveMaxTimeout: KEEP_ALIVE_MS, connect: this.connect });
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

function failed(req: THttpRequest, startMs: number, error: { kind: TErrorKind; message: string }): THttpResponse {
  const end = nowMs();
  return {
    status: 0, headers: {}, body: null, startMs, elapsedMs: end - startMs, latencyMs: end - startMs, connectMs: 0,
    bytesReceived: 0, bytesSent: 0, error,
  };
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
class ResponseHandler implements TConnectSink {
  startMs = 0;
  connectMs = 0;
  private firstByteMs = 0;
  private status = 0;
  private rawHeaders: Buffer[] | null = null;
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

/** Map a transport error to an error kind (ECONNREFUSED → connection_refused, …). */
export function classifyError(error: unknown): { kind: TErrorKind; message: string } {
  const e = error as NodeJS.ErrnoException & { code?: string };
  const code = e?.code ?? "";
  const message = `${code ? `${code}: ` : ""}${e?.message ?? String(error)}`;
  switch (code) {
    case "ECONNREFUSED":
      return { kind: "connection_refused", message };
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return { kind: "connection_reset", message };
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return { kind: "timeout", message };
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
    case "EAI_FAIL":
      return { kind: "dns", message };
    default:
      return { kind: "other", message };
  }
}
