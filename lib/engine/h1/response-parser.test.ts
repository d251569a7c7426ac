import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpParseError, ResponseParser } from "./response-parser";

const enc = (s: string) => Buffer.from(s, "latin1");

/** Feeds `wire` in the given pieces; returns the parser and the bytes it left over. */
function parse(wire: Buffer, cuts: number[] = [], opts: { head?: boolean; keep?: boolean } = {}) {
  const p = new ResponseParser(opts.head ?? false, opts.keep ?? true, opts.keep ?? true);
  const points = [...new Set(cuts.filter((c) => c > 0 && c < wire.length))].sort((a, b) => a - b);
  let prev = 0;
  let leftover = 0;
  for (const c of [...points, wire.length]) {
    const piece = wire.subarray(prev, c);
    prev = c;
    if (p.done) {
      leftover += piece.length;
      continue;
    }
    leftover += piece.length - p.execute(piece);
  }
  return { p, leftover, body: p.body ? Buffer.concat(p.body).toString("latin1") : null };
}

describe("ResponseParser", () => {
  it("reads a Content-Length response, its headers and the body", () => {
    const wire = enc("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\nhello");
    const { p, leftover, body } = parse(wire);
    expect(p.done).toBe(true);
    expect(leftover).toBe(0);
    expect(p.status).toBe(200);
    expect(body).toBe("hello");
    expect(p.headers).toEqual({ "content-type": "text/plain", "content-length": "5", "set-cookie": ["a=1", "b=2"] });
    expect(p.bytes).toBe(wire.length);
    expect(p.closeAfter).toBe(false);
  });

  it("reads chunked bodies with extensions and trailers", () => {
    const wire = enc("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
    const { p, body, leftover } = parse(wire);
    expect([p.done, body, leftover, p.bytes]).toEqual([true, "hello world", 0, wire.length]);
  });

  it("has no body for HEAD, 204 and 304 even with a Content-Length", () => {
    expect(parse(enc("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"), [], { head: true }).p.done).toBe(true);
    expect(parse(enc("HTTP/1.1 204 No Content\r\n\r\n")).p.done).toBe(true);
    expect(parse(enc("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n")).p.done).toBe(true);
  });

  it("skips interim 1xx responses", () => {
    const { p, body } = parse(
      enc("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"),
    );
    expect([p.done, p.status, body]).toEqual([true, 201, "ok"]);
  });

  it("reads a body without framing until the connection ends, and closes after it", () => {
    const { p, body } = parse(enc("HTTP/1.0 200 OK\r\n\r\nuntil close"));
    expect(p.done).toBe(false);
    expect(p.readsUntilClose).toBe(true);
    expect(p.end()).toBe(true);
    expect([body, p.closeAfter, p.http11]).toEqual(["until close", true, false]);
  });

  it("honours Connection: close, and HTTP/1.0 keep-alive", () => {
    expect(parse(enc("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")).p.closeAfter).toBe(true);
    expect(parse(enc("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")).p.closeAfter).toBe(false);
    expect(parse(enc("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).p.closeAfter).toBe(true);
  });

  it("reports bytes after a complete response as left over", () => {
    const { leftover } = parse(enc("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"));
    expect(leftover).toBe(5);
  });

  it("does not decode headers it does not need when the header map is not wanted", () => {
    const { p } = parse(enc("HTTP/1.1 500 Oops\r\nX-Whatever: 1\r\nContent-Length: 3\r\n\r\nbad"), [], { keep: false });
    expect([p.done, p.status, p.headers, p.body, p.bodyBytes]).toEqual([true, 500, null, null, 3]);
  });

  it("accepts bare LF line ends", () => {
    const { p, body } = parse(enc("HTTP/1.1 200 OK\nContent-Length: 2\n\nok"));
    expect([p.done, body]).toEqual([true, "ok"]);
  });

  it.each([
    ["not HTTP", "SSH-2.0-OpenSSH\r\n\r\n", /status line/],
    ["a bad status", "HTTP/1.1 2x0 OK\r\n\r\n", /status line/],
    ["a header without colon", "HTTP/1.1 200 OK\r\nbroken\r\n\r\n", /malformed header/],
    ["a bad Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", /Content-Length/],
    ["conflicting Content-Lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", /Content-Length/],
    ["a bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /chunk size/],
    ["chunk data without CRLF", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n", /CRLF/],
  ])("rejects %s with a clear message", (_name, wire, message) => {
    expect(() => parse(enc(wire))).toThrowError(message);
    expect(() => parse(enc(wire))).toThrowError(HttpParseError);
  });

  it("refuses a head larger than 64 KiB", () => {
    const wire = enc(`HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(70_000)}\r\n`);
    expect(() => parse(wire, [1000, 30_000, 60_000])).toThrowError(/larger than/);
  });

  it("gives the same result however the bytes are split (property)", () => {
    const responses = [
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":[1,2]}',
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: b\r\n\r\n3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\ncontent-length: 9\r\n\r\nnot found",
      "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nrest of stream",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...responses), fc.array(fc.nat(300), { maxLength: 12 }), (text, cuts) => {
        const wire = enc(text);
        const whole = parse(wire);
        const split = parse(wire, cuts);
        if (!whole.p.done) whole.p.end();
        if (!split.p.done) split.p.end();
        expect(split.p.done).toBe(true);
        expect([split.p.status, split.body, split.p.headers, split.p.bytes, split.leftover]).toEqual([
          whole.p.status,
          whole.body,
          whole.p.headers,
          whole.p.bytes,
          whole.leftover,
        ]);
      }),
      { numRuns: 400 },
    );
  });
});
