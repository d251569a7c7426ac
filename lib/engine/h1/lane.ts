/**
 * The engine's own HTTP/1.1 client for plain `http:` origins: one keep-alive connection per VU
 * lane, one request in flight on it (no pipelining), as a JMeter thread or a LoadRunner vuser.
 *
 * Per request it writes one buffer and parses the response incrementally (response-parser.ts);
 * time-outs are checked by the agent's sweeper (one interval for all lanes) instead of a timer per
 * request. A request that fails on a reused connection before any response byte arrived (the
 * server closed the idle connection as we wrote: the keep-alive race) is retried once on a new
 * connection, as browsers and undici do; any other failure is reported.
 *
 * INVARIANT: every response is read to its end (or the connection is destroyed), so a lane's
 * connection is reusable exactly when its last response completed without `Connection: close`.
 */
import type { Socket } from "node:net";
import type { THttpResponse } from "../http";
import { nowMs } from "../clock";
import type { TErrorKind } from "../metrics/types";
import { classifyError } from "../transport-errors";
import { HttpParseError, ResponseParser } from "./response-parser";

/** One request on a lane, from write to resolve. */
export interface TExchange {
  payload: Buffer | string;
  bytesSent: number;
  head: boolean;
  /** GET, HEAD, OPTIONS, TRACE, PUT, DELETE: safe to send again after the keep-alive race. */
  idempotent: boolean;
  wantBody: boolean;
  startMs: number;
  deadlineMs: number;
  timeoutMs: number;
  resolve: (r: THttpResponse) => void;
}

/** What a lane needs from its agent. */
export interface TLaneHost {
  /** Open a TCP connection to the lane's origin (DNS, allow-list, connect time-out included). */
  connect(callback: (error: Error | null, socket: Socket | null) => void): void;
  /** The lane has a request in flight (time-outs are swept) or not any more. */
  track(lane: H1Lane, inFlight: boolean): void;
}

export class H1Lane {
  private socket: Socket | null = null;
  private ex: TExchange | null = null;
  private parser: ResponseParser | null = null;
  private firstByteMs = 0;
  private connectMs = 0;
  private reused = false;
  private retried = false;
  private lastError: Error | null = null;
  /** Bumped whenever the lane gives up on a socket, so late callbacks of the old one are ignored. */
  private generation = 0;
  private closing = false;

  constructor(private readonly host: TLaneHost) {}

  get inFlight(): TExchange | null {
    return this.ex;
  }

  send(ex: TExchange): void {
    if (this.ex) throw new Error("a lane sends one request at a time");
    this.ex = ex;
    this.connectMs = 0;
    this.firstByteMs = 0;
    this.retried = false;
    this.host.track(this, true);
    // A connection the server has half-closed (FIN read, close event not yet run) is not reused.
    if (this.socket !== null && !this.socket.writable) this.dropSocket();
    if (this.socket !== null) {
      this.reused = true;
      this.write(ex, this.socket);
    } else this.open(ex);
  }

  private open(ex: TExchange): void {
    this.reused = false;
    const t0 = nowMs();
    const generation = ++this.generation;
    this.host.connect((error, socket) => {
      if (generation !== this.generation || this.ex !== ex) {
        socket?.destroy(); // the request timed out or the lane was destroyed meanwhile
        return;
      }
      if (error || !socket) {
        this.finish(ex, null, error ?? new Error("connect failed"));
        return;
      }
      this.connectMs += nowMs() - t0;
      this.attach(socket);
      this.write(ex, socket);
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.lastError = null;
    const generation = this.generation;
    socket.on("data", (chunk: Buffer) => {
      if (generation === this.generation) this.onData(chunk);
    });
    socket.on("error", (e: Error) => {
      if (generation === this.generation) this.lastError = e;
    });
    socket.on("close", () => {
      if (generation === this.generation) this.onClose();
    });
  }

  private write(ex: TExchange, socket: Socket): void {
    this.parser = new ResponseParser(ex.head, ex.wantBody, ex.wantBody);
    if (typeof ex.payload === "string") socket.write(ex.payload, "latin1");
    else socket.write(ex.payload);
  }

  private onData(chunk: Buffer): void {
    const ex = this.ex;
    const parser = this.parser;
    if (!ex || !parser) {
      // Bytes nobody asked for: the connection is out of step. Drop it.
      this.dropSocket();
      return;
    }
    if (this.firstByteMs === 0) this.firstByteMs = nowMs();
    let used: number;
    try {
      used = parser.execute(chunk);
    } catch (e) {
      this.dropSocket();
      this.finish(ex, { kind: "other", message: `invalid HTTP response: ${(e as HttpParseError).message}` });
      return;
    }
    if (parser.done) {
      if (used < chunk.length || parser.closeAfter || this.closing) this.dropSocket();
      this.complete(ex, parser);
    }
  }

  private onClose(): void {
    this.socket = null;
    const ex = this.ex;
    const parser = this.parser;
    if (!ex) return;
    if (parser?.end()) {
      this.complete(ex, parser);
      return;
    }
    if (this.reused && this.firstByteMs === 0 && !this.retried && ex.idempotent) {
      // The keep-alive race: the server closed the idle connection as we wrote. Once, anew
      // (idempotent methods only, RFC 9110 §9.2.2: a POST may have been received).
      this.retried = true;
      this.open(ex);
      return;
    }
    const e = this.lastError;
    this.finish(
      ex,
      null,
      e ?? Object.assign(new Error("the server closed the connection before the response was complete"), { code: "ECONNRESET" }),
    );
  }

  private complete(ex: TExchange, parser: ResponseParser): void {
    this.ex = null;
    this.parser = null;
    this.host.track(this, false);
    const end = nowMs();
    ex.resolve({
      status: parser.status,
      headers: parser.headers ?? {},
      ...(parser.location !== null ? { location: parser.location } : {}),
      setCookie: parser.setCookie ?? undefined,
      body: parser.body ? Buffer.concat(parser.body).toString("utf8") : null,
      startMs: ex.startMs,
      elapsedMs: end - ex.startMs,
      latencyMs: (this.firstByteMs || end) - ex.startMs,
      connectMs: this.connectMs,
      bytesReceived: parser.bytes,
      bytesSent: ex.bytesSent,
    });
  }

  /** Ends the exchange with an error; the connection is not reused after an error. */
  private finish(ex: TExchange, error: { kind: TErrorKind; message: string } | null, cause?: Error): void {
    this.ex = null;
    const parser = this.parser;
    this.parser = null;
    this.host.track(this, false);
    this.dropSocket();
    const end = nowMs();
    ex.resolve({
      status: parser?.status ?? 0,
      headers: {},
      body: null,
      startMs: ex.startMs,
      elapsedMs: end - ex.startMs,
      latencyMs: (this.firstByteMs || end) - ex.startMs,
      connectMs: this.connectMs,
      bytesReceived: parser?.bytes ?? 0,
      bytesSent: ex.bytesSent,
      error: error ?? classifyError(cause ?? new Error("request failed")),
    });
  }

  /** Called by the agent's sweeper once `deadlineMs` has passed. */
  timeOut(): void {
    const ex = this.ex;
    if (!ex) return;
    const phase = this.socket === null ? "connecting" : this.firstByteMs === 0 ? "waiting for the response" : "reading the body";
    this.finish(ex, { kind: "timeout", message: `timed out after ${ex.timeoutMs} ms ${phase}` });
  }

  /** Hard stop: the request in flight (if any) ends as `stopped`, the connection is dropped. */
  destroy(): void {
    this.closing = true;
    const ex = this.ex;
    if (ex) this.finish(ex, { kind: "other", message: "stopped" });
    else this.dropSocket();
  }

  /** Graceful: drop the idle connection now, a busy one once its response is in. */
  close(): void {
    this.closing = true;
    if (!this.ex) this.dropSocket();
  }

  private dropSocket(): void {
    const s = this.socket;
    this.socket = null;
    this.generation++;
    s?.destroy();
  }
}
