/**
 * An incremental HTTP/1.x response parser for the engine's own client (h1/connection.ts).
 *
 * Why not undici's or Node's parser: a load generator spends most of its CPU per request, and
 * for the plain keep-alive HTTP/1.1 a VU speaks, undici's general dispatcher costs more than the
 * request itself (see docs/engine.md, "HTTP"). This parser does only what a VU needs: status,
 * the framing headers (Content-Length, Transfer-Encoding: chunked, Connection), the header map
 * when the step extracts or asserts, and a byte count or the body bytes. Chunks may split the
 * response anywhere; a response may arrive in one chunk (the common case, parsed without copying).
 *
 * Framing follows RFC 9112 §6.3: no body for HEAD, 1xx, 204 and 304; chunked wins over
 * Content-Length; otherwise Content-Length; otherwise the body runs to the end of the connection.
 * 1xx interim responses (100 Continue, 103 Early Hints) are skipped.
 */

/** A response head larger than this is treated as a protocol error (as Node's default 16 KiB is too small for some APIs). */
export const MAX_HEAD_BYTES = 64 * 1024;

export class HttpParseError extends Error {
  readonly code = "MP_HTTP_PARSE";
}

const enum State {
  Head,
  BodyLength,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  BodyUntilClose,
  Done,
}

const STATUS_LINE = /^HTTP\/1\.[01] [1-9]\d\d(?: |$)/;
const CR = 13;
const LF = 10;

export class ResponseParser {
  status = 0;
  /** HTTP/1.1 (true) or 1.0. */
  http11 = true;
  /** Set when the server asked to close, or the body runs to the end of the connection. */
  closeAfter = false;
  /** The Location header of a 3xx response (always read: redirects are followed by the VU). */
  location: string | null = null;
  /** Set-Cookie values (always read: same name length as Connection, decoded anyway). */
  setCookie: string[] | null = null;
  /** Lower-case header map, only when `keepHeaders`. */
  headers: Record<string, string | string[]> | null = null;
  /** All bytes of this response (heads, framing and body). */
  bytes = 0;
  bodyBytes = 0;
  /** Body chunks, only when `keepBody`. */
  body: Buffer[] | null = null;

  private state = State.Head;
  private pendingHead: Buffer | null = null;
  private remaining = 0;
  private lineBuf = "";

  constructor(
    private readonly headRequest: boolean,
    private readonly keepHeaders: boolean,
    keepBody: boolean,
  ) {
    if (keepBody) this.body = [];
  }

  get done(): boolean {
    return this.state === State.Done;
  }

  /** True once the body runs until the connection closes (then `end()` completes it). */
  get readsUntilClose(): boolean {
    return this.state === State.BodyUntilClose;
  }

  /**
   * Feed bytes. Returns how many were consumed: less than `chunk.length` only when the response
   * is complete and bytes follow it (which, with one request in flight, is a protocol error).
   */
  execute(chunk: Buffer): number {
    let pos = 0;
    const len = chunk.length;
    while (pos < len && this.state !== State.Done) {
      switch (this.state) {
        case State.Head:
          pos = this.head(chunk, pos);
          break;
        case State.BodyLength: {
          const n = Math.min(this.remaining, len - pos);
          this.take(chunk, pos, n);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.Done;
          break;
        }
        case State.BodyUntilClose:
          this.take(chunk, pos, len - pos);
          pos = len;
          break;
        case State.ChunkData: {
          const n = Math.min(this.remaining, len - pos);
          this.take(chunk, pos, n);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.ChunkDataEnd;
          break;
        }
        case State.ChunkSize:
        case State.ChunkDataEnd:
        case State.Trailers:
          pos = this.chunkLine(chunk, pos);
          break;
      }
    }
    this.bytes += pos;
    return pos;
  }

  /** The connection ended: completes a body that runs until close; false if the response is incomplete. */
  end(): boolean {
    if (this.state === State.BodyUntilClose) this.state = State.Done;
    return this.state === State.Done;
  }

  private take(chunk: Buffer, pos: number, n: number): void {
    if (n <= 0) return;
    this.bodyBytes += n;
    if (this.body) this.body.push(chunk.subarray(pos, pos + n));
  }

  /** Consumes head bytes from `pos`; parses the head once its blank line is in. */
  private head(chunk: Buffer, pos: number): number {
    let buf = chunk;
    let start = pos;
    if (this.pendingHead) {
      buf = Buffer.concat([this.pendingHead, chunk.subarray(pos)]);
      start = 0;
    }
    const end = findHeadEnd(buf, start);
    if (end < 0) {
      if (buf.length - start > MAX_HEAD_BYTES) throw new HttpParseError(`response head larger than ${MAX_HEAD_BYTES} bytes`);
      this.pendingHead = start === 0 && buf !== chunk ? buf : Buffer.from(buf.subarray(start));
      return chunk.length;
    }
    const consumedFromPending = this.pendingHead ? this.pendingHead.length : 0;
    this.pendingHead = null;
    this.parseHead(buf, start, end);
    // `end` indexes buf; map it back to chunk.
    const headEndInChunk = buf === chunk ? end : pos + (end - consumedFromPending);
    return headEndInChunk;
  }

  /** Parses the head in buf[start, end) (end is just past the blank line), reading bytes: only the
   *  framing headers are decoded unless the header map is wanted. */
  private parseHead(buf: Buffer, start: number, end: number): void {
    let lineEnd = buf.indexOf(LF, start);
    const statusEnd = buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (
      statusEnd - start < 12 ||
      buf[start] !== 0x48 ||
      buf[start + 4] !== 0x2f ||
      buf[start + 5] !== 0x31 ||
      buf[start + 6] !== 0x2e ||
      buf[start + 8] !== 0x20 ||
      (statusEnd - start > 12 && buf[start + 12] !== 0x20) ||
      !STATUS_LINE.test(buf.toString("latin1", start, Math.min(statusEnd, start + 13)))
    )
      throw new HttpParseError(
        `not an HTTP/1.x status line: ${JSON.stringify(buf.toString("latin1", start, Math.min(statusEnd, start + 80)))}`,
      );
    this.http11 = buf[start + 7] === 0x31; // "HTTP/1.1"
    const status = (buf[start + 9]! - 48) * 100 + (buf[start + 10]! - 48) * 10 + (buf[start + 11]! - 48);
    let contentLength = -1;
    let chunked = false;
    let connection: string | null = null;
    const headers: Record<string, string | string[]> | null = this.keepHeaders ? {} : null;
    const redirect = status >= 300 && status < 400;
    for (;;) {
      const lineStart = lineEnd + 1;
      if (lineStart >= end) break;
      lineEnd = buf.indexOf(LF, lineStart);
      const stop = buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      if (stop <= lineStart) break; // the blank line
      const colon = buf.indexOf(0x3a, lineStart);
      if (colon <= lineStart || colon > stop)
        throw new HttpParseError(
          `malformed header line: ${JSON.stringify(buf.toString("latin1", lineStart, Math.min(stop, lineStart + 80)))}`,
        );
      const nameLen = colon - lineStart;
      // Only framing headers are decoded unless the header map is wanted.
      if (headers === null && nameLen !== 14 && nameLen !== 17 && nameLen !== 10 && !(redirect && nameLen === 8)) continue;
      const name = buf.toString("latin1", lineStart, colon).toLowerCase();
      const value = buf.toString("latin1", colon + 1, stop).trim();
      if (name === "content-length") {
        const n = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
        if (Number.isNaN(n) || (contentLength >= 0 && contentLength !== n))
          throw new HttpParseError(`bad Content-Length: ${JSON.stringify(value.slice(0, 40))}`);
        contentLength = n;
      } else if (name === "transfer-encoding") {
        chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
      } else if (name === "connection") {
        connection = value.toLowerCase();
      } else if (name === "set-cookie") {
        (this.setCookie ??= []).push(value);
      } else if (redirect && name === "location") {
        this.location = value;
      }
      if (headers !== null) {
        const cur = headers[name];
        headers[name] = cur === undefined ? value : Array.isArray(cur) ? [...cur, value] : [cur, value];
      }
    }
    if (status < 200) {
      this.setCookie = null; // an interim response: the final one follows
      return;
    }
    this.status = status;
    this.headers = headers;
    this.closeAfter = connection !== null ? /(?:^|,)\s*close\s*(?:,|$)/.test(connection) : false;
    if (!this.http11 && !(connection !== null && /(?:^|,)\s*keep-alive\s*(?:,|$)/.test(connection))) this.closeAfter = true;
    if (this.headRequest || status === 204 || status === 304) this.state = State.Done;
    else if (chunked) this.state = State.ChunkSize;
    else if (contentLength >= 0) {
      this.remaining = contentLength;
      this.state = contentLength === 0 ? State.Done : State.BodyLength;
    } else {
      this.closeAfter = true;
      this.state = State.BodyUntilClose;
    }
  }

  /** Chunk-size lines, the CRLF after chunk data, and trailer lines. Line bytes count as framing. */
  private chunkLine(chunk: Buffer, pos: number): number {
    const nl = chunk.indexOf(LF, pos);
    const stop = nl < 0 ? chunk.length : nl + 1;
    const piece = chunk.toString("latin1", pos, nl < 0 ? chunk.length : nl);
    if (nl < 0) {
      this.lineBuf += piece;
      if (this.lineBuf.length > 8192) throw new HttpParseError("chunk framing line too long");
      return stop;
    }
    let line = this.lineBuf + piece;
    this.lineBuf = "";
    if (line.length > 0 && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
    switch (this.state) {
      case State.ChunkDataEnd:
        if (line.length !== 0) throw new HttpParseError("missing CRLF after chunk data");
        this.state = State.ChunkSize;
        break;
      case State.ChunkSize: {
        const semi = line.indexOf(";");
        const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
        if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new HttpParseError(`bad chunk size: ${JSON.stringify(hex.slice(0, 20))}`);
        const size = parseInt(hex, 16);
        if (size === 0) this.state = State.Trailers;
        else {
          this.remaining = size;
          this.state = State.ChunkData;
        }
        break;
      }
      case State.Trailers:
        if (line.length === 0) this.state = State.Done;
        break;
    }
    return stop;
  }
}

/** Index just past the blank line ending a head (CRLFCRLF or LFLF), or -1. */
function findHeadEnd(buf: Buffer, from: number): number {
  let i = buf.indexOf(LF, from);
  while (i >= 0) {
    const next = buf[i + 1];
    if (next === LF) return i + 2;
    if (next === CR && buf[i + 2] === LF) return i + 3;
    if (next === undefined || (next === CR && buf[i + 2] === undefined)) return -1;
    i = buf.indexOf(LF, i + 1);
  }
  return -1;
}
