/**
 * HTTP for the VUs: every VU ("lane") has its own keep-alive connection per origin, as JMeter
 * threads and LoadRunner vusers have.
 *   - `http:` origins: the engine's own lean HTTP/1.1 client (h1/lane.ts), one connection per lane;
 *     per request it writes one buffer and parses the response incrementally. undici's general
 *     dispatcher cost about as much CPU per request as the kernel's loopback work (docs/engine.md,
 *     "HTTP"), which capped the engine well below wrk and autocannon.
 *     (http-native.ts)
 *   - `https:` origins, and `client: "undici"`: one undici Client per lane (`OriginDispatcher`,
 *     http-undici.ts). (An undici Pool scans its clients for a free one on every request: O(VUs)
 *     per request.)
 * The request and response shapes are in http-exchange.ts, the target hook in http-target.ts.
 *
 * Timing follows JMeter: elapsed = just before the request is sent → last body byte read;
 * latency = → first response byte (headers); connect = TCP connect of a new connection (0 when
 * reused). INVARIANT: every response body is consumed (read or counted and dropped) — otherwise
 * sockets leak and figures lie.
 *
 * Target safety: the connector asks the hook's `beforeLookup(host, port)` (when it has one) before
 * DNS, then `allowTarget(host, address, port)` before connecting; a refusal fails the request with
 * kind `other` and the hook's message.
 */
import { connect as netConnect, isIP } from "node:net";
import { lookup } from "node:dns/promises";
import type { Socket } from "node:net";
import { buildConnector, Pool, type Dispatcher } from "undici";
import { nowMs } from "./clock";
import { H1Lane, type TExchange } from "./h1/lane";
import { failed, type TConnectSink, type THttpRequest, type THttpResponse } from "./http-exchange";
import { NativeOrigin } from "./http-native";
import { loopbackTargetsOnly, TargetNotAllowedError, type TAllowTarget, type TTargetVerdict } from "./http-target";
import { KEEP_ALIVE_MS, OriginDispatcher, ResponseHandler } from "./http-undici";
import { classifyError } from "./transport-errors";

export { classifyError };
export { allowLoopbackOnly, loopbackTargetsOnly, TargetNotAllowedError, type TAllowTarget, type TTargetVerdict } from "./http-target";
export type { THttpRequest, THttpResponse } from "./http-exchange";

// INVARIANT: undici calls the connector synchronously from dispatch() when the request needs a new
// connection (Client._resume → connect), so a module-level slot attributes connect time exactly.
let currentConnectSink: TConnectSink | null = null;

const CONNECT_TIMEOUT_MS = 10_000;

export interface THttpAgentOptions {
  allowTarget?: TAllowTarget;
  connectTimeoutMs?: number;
  /** HTTP client for `http:` origins: the engine's own (default) or undici (https: is always undici). */
  client?: "native" | "undici";
}

/** How often in-flight requests of the native client are checked against their time-out. */
const SWEEP_MS = 20;
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);
/** RFC 9110 token characters (header names); values must not hold CR, LF, NUL or non-latin1 characters. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_HEADER_VALUE = /[\r\n\0\u0100-\uffff]/;
/** What undici also refuses in a request target: controls, space, and anything beyond latin1. */
const BAD_PATH = /[^\u0021-\u00ff]/;

export class HttpAgent {
  private readonly pools = new Map<string, Pool>();
  private readonly origins = new Map<string, OriginDispatcher>();
  private readonly resolved = new Map<string, Promise<string>>();
  private readonly allowTarget: TAllowTarget;
  private readonly baseConnect: buildConnector.connector;
  private readonly connectTimeoutMs: number;
  private readonly native: boolean;
  private readonly nativeOrigins = new Map<string, NativeOrigin | null>();
  /** Native lanes with a request in flight, swept for time-outs. */
  private readonly inFlight = new Set<H1Lane>();
  private sweeper: ReturnType<typeof setInterval> | null = null;
  /** Open TCP connections right now (generator health). */
  openSockets = 0;
  private destroyed = false;

  constructor(options: THttpAgentOptions = {}) {
    this.allowTarget = options.allowTarget ?? loopbackTargetsOnly;
    this.connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    this.native = (options.client ?? "native") === "native";
    this.baseConnect = buildConnector({ timeout: this.connectTimeoutMs, keepAlive: true, noDelay: true } as buildConnector.BuildOptions);
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
    const port = Number(opts.port) || (opts.protocol === "https:" ? 443 : 80);
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
    this.checkTarget(hostname, port, connect, (e) => callback(e, null));
  };

  /**
   * The allow-list, then DNS, then the allow-list with the address: `onAllowed(address)` or
   * `onError` (a refusal carries the hook's message; a failed lookup is a DNS error). Shared by
   * both clients so they refuse alike.
   */
  private checkTarget(hostname: string, port: number, onAllowed: (address: string) => void, onError: (e: Error) => void): void {
    const judge = (verdict: TTargetVerdict | Promise<TTargetVerdict>, address: string | undefined, then: () => void) => {
      const apply = (v: TTargetVerdict) =>
        v === true ? then() : onError(new TargetNotAllowedError(hostname, address, typeof v === "string" ? v : undefined));
      if (verdict instanceof Promise) verdict.then(apply, onError);
      else apply(verdict);
    };
    const withAddress = (address: string) => judge(this.allowTarget(hostname, address, port), address, () => onAllowed(address));
    const lookUp = () =>
      this.resolve(hostname).then(withAddress, (e: NodeJS.ErrnoException) =>
        onError(Object.assign(new Error(`DNS lookup of ${hostname} failed: ${e.code ?? e.message}`), { code: e.code ?? "ENOTFOUND" })),
      );
    if (isIP(hostname)) withAddress(hostname);
    else if (this.allowTarget.beforeLookup) judge(this.allowTarget.beforeLookup(hostname, port), undefined, lookUp);
    else lookUp();
  }

  /** DNS (cached), allow-list, TCP connect with a time-out: the native client's connections. */
  openTcp(hostname: string, port: number, callback: (error: Error | null, socket: Socket | null) => void): void {
    const connect = (address: string) => {
      const socket = netConnect({ host: address, port, noDelay: true, keepAlive: true });
      const timer = setTimeout(() => {
        socket.destroy();
        callback(
          Object.assign(new Error(`connect to ${hostname}:${port} timed out after ${this.connectTimeoutMs} ms`), {
            code: "MP_CONNECT_TIMEOUT",
          }),
          null,
        );
      }, this.connectTimeoutMs);
      const onError = (e: Error) => {
        clearTimeout(timer);
        callback(e, null);
      };
      socket.once("error", onError);
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.off("error", onError);
        this.openSockets++;
        socket.once("close", () => this.openSockets--);
        callback(null, socket);
      });
    };
    this.checkTarget(hostname, port, connect, (e) => callback(e, null));
  }

  /** The native client's origin for `origin`, or null when undici serves it (https:, or by option). */
  private nativeOrigin(origin: string): NativeOrigin | null {
    let o = this.nativeOrigins.get(origin);
    if (o === undefined) {
      const u = new URL(origin);
      o =
        this.native && u.protocol === "http:"
          ? new NativeOrigin(this, u.hostname.replace(/^\[|\]$/g, ""), Number(u.port || 80), u.host)
          : null;
      this.nativeOrigins.set(origin, o);
    }
    return o;
  }

  /** Native lanes report requests in flight here; one interval sweeps their time-outs. */
  trackLane(lane: H1Lane, inFlight: boolean): void {
    if (!inFlight) {
      this.inFlight.delete(lane);
      return;
    }
    this.inFlight.add(lane);
    if (this.sweeper === null) {
      this.sweeper = setInterval(() => {
        const now = nowMs();
        for (const l of this.inFlight) {
          const ex = l.inFlight;
          if (ex && ex.deadlineMs <= now) l.timeOut();
        }
      }, SWEEP_MS);
      this.sweeper.unref();
    }
  }

  private nativeRequest(origin: NativeOrigin, req: THttpRequest, resolve: (r: THttpResponse) => void): void {
    const startMs = nowMs();
    const method = req.method;
    const invalid = BAD_PATH.test(req.path) ? `invalid request path ${JSON.stringify(req.path.slice(0, 200))}` : null;
    let head = `${method} ${req.path} HTTP/1.1\r\n`;
    let hasHost = false;
    let problem = invalid;
    for (const name in req.headers) {
      const value = req.headers[name]!;
      const lower = name.length === 4 || name.length === 10 || name.length === 14 || name.length === 17 ? name.toLowerCase() : "";
      if (lower === "content-length" || lower === "transfer-encoding") continue; // framing is ours
      if (lower === "host") hasHost = true;
      if (!HEADER_NAME.test(name) || BAD_HEADER_VALUE.test(value)) problem ??= `invalid header ${JSON.stringify(name)}`;
      head += `${name}: ${value}\r\n`;
    }
    if (!hasHost) head += `host: ${origin.hostHeader}\r\n`;
    if (problem !== null) {
      resolve(failed(req, startMs, { kind: "other", message: problem }));
      return;
    }
    const body = req.body;
    let payload: Buffer | string;
    if (body !== undefined && body.length > 0) {
      const bodyBytes = Buffer.byteLength(body);
      head += `content-length: ${bodyBytes}\r\n\r\n`;
      const headBytes = Buffer.byteLength(head, "latin1");
      payload = Buffer.allocUnsafe(headBytes + bodyBytes);
      payload.write(head, 0, "latin1");
      if (typeof body === "string") payload.write(body, headBytes, "utf8");
      else body.copy(payload, headBytes);
    } else {
      payload = method === "POST" || method === "PUT" || method === "PATCH" ? `${head}content-length: 0\r\n\r\n` : `${head}\r\n`;
    }
    const ex: TExchange = {
      payload,
      bytesSent: payload.length, // a head-only payload is a latin1 string: one byte per character
      head: method === "HEAD",
      idempotent: IDEMPOTENT.has(method),
      wantBody: req.wantBody,
      startMs,
      deadlineMs: startMs + req.timeoutMs,
      timeoutMs: req.timeoutMs,
      resolve,
    };
    origin.lane(req.lane!).send(ex);
  }

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
      if (req.lane !== undefined) {
        const native = this.nativeOrigin(req.origin);
        if (native) {
          this.nativeRequest(native, req, resolve);
          return;
        }
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

  /** Graceful: connections close once their request in flight (if any) is answered. */
  async close(): Promise<void> {
    for (const o of this.nativeOrigins.values()) o?.close();
    await Promise.all([...this.pools.values(), ...this.origins.values()].map((p) => p.close().catch(() => undefined)));
    this.pools.clear();
    this.origins.clear();
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, SWEEP_MS));
    this.stopSweeper();
  }

  /** Abort everything in flight (hard stop). */
  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const o of this.nativeOrigins.values()) o?.destroy();
    this.nativeOrigins.clear();
    await Promise.all([...this.pools.values(), ...this.origins.values()].map((p) => p.destroy().catch(() => undefined)));
    this.pools.clear();
    this.origins.clear();
    this.stopSweeper();
  }

  private stopSweeper(): void {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
