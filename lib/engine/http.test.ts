/**
 * The VU HTTP client against raw local servers that script the wire: keep-alive reuse, the
 * keep-alive race, Connection: close, chunked bodies, time-outs, resets and request framing.
 * Runs for the engine's own client and for undici, which must agree.
 */
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpAgent, type THttpRequest } from "./http";

interface TRawServer {
  origin: string;
  /** Request heads (and bodies) received, per connection index. */
  received: { conn: number; data: string }[];
  connections: number;
  close(): Promise<void>;
}

/** A TCP server; `reply(conn, requestIndexOnConn, head, body, socket)` writes whatever the test wants. */
async function rawServer(reply: (conn: number, n: number, head: string, body: string, socket: net.Socket) => void): Promise<TRawServer> {
  const sockets = new Set<net.Socket>();
  const state: TRawServer = { origin: "", received: [], connections: 0, close: async () => undefined };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    const conn = state.connections++;
    let n = 0;
    let buf = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.toString("latin1", 0, end);
        const cl = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + cl) return;
        const body = buf.toString("utf8", end + 4, end + 4 + cl);
        buf = buf.subarray(end + 4 + cl);
        state.received.push({ conn, data: head });
        reply(conn, n++, head, body, socket);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}

const ok = (body = "ok", extra = "") => `HTTP/1.1 200 OK\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function agentFor(client: "native" | "undici"): HttpAgent {
  const agent = new HttpAgent({ client });
  cleanup.push(() => agent.destroy());
  return agent;
}

async function server(reply: Parameters<typeof rawServer>[0]): Promise<TRawServer> {
  const s = await rawServer(reply);
  cleanup.push(() => s.close());
  return s;
}

function req(origin: string, over: Partial<THttpRequest> = {}): THttpRequest {
  return { origin, path: "/x", method: "GET", headers: {}, timeoutMs: 2000, wantBody: true, lane: 1, ...over };
}

describe.each(["native", "undici"] as const)("HttpAgent (%s client)", (client) => {
  it("keeps the connection alive: the second request reuses it with connect time 0", async () => {
    const s = await server((_c, _n, _h, _b, socket) => socket.write(ok("hello", "content-type: text/plain\r\n")));
    const agent = agentFor(client);
    const a = await agent.request(req(s.origin));
    const b = await agent.request(req(s.origin));
    expect([a.status, a.body, b.status, b.body]).toEqual([200, "hello", 200, "hello"]);
    expect(a.headers["content-type"]).toBe("text/plain");
    expect(s.connections).toBe(1);
    expect(a.connectMs).toBeGreaterThan(0);
    expect(b.connectMs).toBe(0);
    expect(a.latencyMs).toBeLessThanOrEqual(a.elapsedMs);
  });

  it("gives every lane its own connection", async () => {
    const s = await server((_c, _n, _h, _b, socket) => socket.write(ok()));
    const agent = agentFor(client);
    await Promise.all([1, 2, 3].map((lane) => agent.request(req(s.origin, { lane }))));
    expect(s.connections).toBe(3);
    expect(agent.openSockets).toBe(3);
  });

  it("opens a new connection after Connection: close, and after the server closed an idle one", async () => {
    const s = await server((conn, _n, _h, _b, socket) => {
      if (conn === 0) socket.end(ok("bye", "connection: close\r\n"));
      else if (conn === 1) {
        socket.write(ok("then idle close"));
        setTimeout(() => socket.end(), 20);
      } else socket.write(ok("third"));
    });
    const agent = agentFor(client);
    expect((await agent.request(req(s.origin))).body).toBe("bye");
    expect((await agent.request(req(s.origin))).body).toBe("then idle close");
    await new Promise((r) => setTimeout(r, 100));
    const third = await agent.request(req(s.origin));
    expect([third.body, third.error]).toEqual(["third", undefined]);
    expect(s.connections).toBe(3);
  });

  it("reads chunked bodies and counts every response byte", async () => {
    const wire = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n";
    const s = await server((_c, _n, _h, _b, socket) => {
      socket.write(wire.slice(0, 30));
      setTimeout(() => socket.write(wire.slice(30)), 10);
    });
    const agent = agentFor(client);
    const r = await agent.request(req(s.origin, { wantBody: false }));
    expect([r.status, r.body, r.error]).toEqual([200, null, undefined]);
    expect(r.bytesReceived).toBeGreaterThanOrEqual(7);
    if (client === "native") expect(r.bytesReceived).toBe(Buffer.byteLength(wire));
  });

  it("frames request bodies by their UTF-8 length and sends the host header", async () => {
    let got = { head: "", body: "" };
    const s = await server((_c, _n, head, body, socket) => {
      got = { head, body };
      socket.write(ok());
    });
    const agent = agentFor(client);
    const body = JSON.stringify({ name: "集合点 ✓" });
    const r = await agent.request(
      req(s.origin, { method: "POST", path: "/p?q=1", headers: { "content-type": "application/json", "x-token": "t" }, body }),
    );
    expect(r.error).toBeUndefined();
    expect(got.body).toBe(body);
    expect(got.head).toMatch(/^POST \/p\?q=1 HTTP\/1\.1\r\n/);
    expect(got.head.toLowerCase()).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(got.head.toLowerCase()).toContain(`host: ${new URL(s.origin).host}`);
    expect(got.head).toContain("x-token: t");
    if (client === "native") expect(r.bytesSent).toBe(Buffer.byteLength(got.head) + 4 + Buffer.byteLength(body));
  });

  it("times out a request that gets no answer, as a timeout", async () => {
    const s = await server(() => undefined);
    const agent = agentFor(client);
    const r = await agent.request(req(s.origin, { timeoutMs: 150 }));
    expect(r.error?.kind).toBe("timeout");
    expect(r.elapsedMs).toBeGreaterThanOrEqual(140);
    expect(r.elapsedMs).toBeLessThan(1500);
  });

  it("reports a connection reset mid-response as connection_reset", async () => {
    const s = await server((_c, _n, _h, _b, socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial");
      setTimeout(() => socket.resetAndDestroy(), 10);
    });
    const r = await agentFor(client).request(req(s.origin));
    expect(r.error?.kind).toBe("connection_reset");
  });

  it("reports a refused connection as connection_refused", async () => {
    const s = await server(() => undefined);
    const origin = s.origin;
    await s.close();
    const r = await agentFor(client).request(req(origin));
    expect(r.error?.kind).toBe("connection_refused");
    expect(r.error?.message).toMatch(/ECONNREFUSED/);
  });

  it("reports a response that is not HTTP as an error, not a crash", async () => {
    const s = await server((_c, _n, _h, _b, socket) => socket.end("SSH-2.0-OpenSSH_9\r\n\r\n"));
    const r = await agentFor(client).request(req(s.origin));
    expect(r.error).toBeDefined();
    expect(r.status).toBe(0);
  });

  it("hard stop: destroy() ends a request in flight at once", async () => {
    const s = await server(() => undefined);
    const agent = agentFor(client);
    const pending = agent.request(req(s.origin, { timeoutMs: 60_000 }));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await agent.destroy();
    const r = await pending;
    expect(r.error).toBeDefined();
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe("HttpAgent, engine client only", () => {
  it("retries a GET once when the server closed the kept-alive connection as it was sent", async () => {
    // The server answers the first request, then drops the connection on the next one unanswered
    // (as a server whose keep-alive timer fired at that moment).
    const s = await server((conn, n, _h, _b, socket) => {
      if (conn === 0 && n === 1) socket.destroy();
      else socket.write(ok(`c${conn}`));
    });
    const agent = agentFor("native");
    expect((await agent.request(req(s.origin))).body).toBe("c0");
    const second = await agent.request(req(s.origin));
    expect([second.body, second.error]).toEqual(["c1", undefined]);
    expect(second.connectMs).toBeGreaterThan(0);
  });

  it("does not resend a POST after that race: it is reported", async () => {
    const s = await server((conn, n, _h, _b, socket) => {
      if (conn === 0 && n === 1) socket.destroy();
      else socket.write(ok());
    });
    const agent = agentFor("native");
    await agent.request(req(s.origin, { method: "POST", body: "a" }));
    const second = await agent.request(req(s.origin, { method: "POST", body: "b" }));
    expect(second.error?.kind).toBe("connection_reset");
    expect(s.received.filter((r) => r.data.startsWith("POST"))).toHaveLength(2);
  });

  it("refuses header injection, non-latin1 header values and invalid paths without sending anything", async () => {
    const s = await server((_c, _n, _h, _b, socket) => socket.write(ok()));
    const agent = agentFor("native");
    const a = await agent.request(req(s.origin, { headers: { "x-a": "1\r\nx-injected: 1" } }));
    const b = await agent.request(req(s.origin, { path: "/a b" }));
    const c = await agent.request(req(s.origin, { headers: { "x-name": "集合点" } }));
    expect(a.error?.message).toMatch(/invalid header/);
    expect(c.error?.message).toMatch(/invalid header "x-name"/);
    expect(b.error?.message).toMatch(/invalid request path/);
    expect(s.received).toHaveLength(0);
  });

  it("drops a connection that sends bytes after the response", async () => {
    const s = await server((_c, _n, _h, _b, socket) => socket.write(`${ok("one")}GARBAGE`));
    const agent = agentFor("native");
    expect((await agent.request(req(s.origin))).body).toBe("one");
    expect((await agent.request(req(s.origin))).body).toBe("one");
    expect(s.connections).toBe(2);
  });

  it("counts open sockets up and down", async () => {
    const s = await server((_c, _n, _h, _b, socket) => socket.write(ok()));
    const agent = agentFor("native");
    await Promise.all([1, 2].map((lane) => agent.request(req(s.origin, { lane }))));
    expect(agent.openSockets).toBe(2);
    await agent.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(agent.openSockets).toBe(0);
  });
});
