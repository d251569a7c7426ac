/**
 * A scripted local target for engine tests and benches: 127.0.0.1, port 0 (tests) or a given port.
 *   /fast → 200 "ok"          /status/:code → that status     /delay/:ms → 200 after ms
 *   /flaky → 200, 500, 200, … /reset → socket destroyed       /hang → never answers
 *   /login (POST) → {"token":"t-<user>"}                      /json → {"ok":true,"items":[…]}
 *   /echo → the request (method, url, headers, body) as JSON
 *   /redirect/:code?to=<url> → that 3xx with Location <url>     /loop → 302 to /loop
 * Every request is logged (time received, url) for assertions.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TTarget {
  url: string;
  port: number;
  log: { at: number; method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

export async function startTarget(options: { keepLog?: boolean; port?: number } = {}): Promise<TTarget> {
  const log: TTarget["log"] = [];
  let flaky = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = req.url ?? "/";
      if (options.keepLog !== false) log.push({ at: performance.timeOrigin + performance.now(), method: req.method ?? "", url, headers: req.headers, body });
      const [pathname = "/"] = url.split("?");
      const parts = pathname.split("/").filter(Boolean);
      const send = (status: number, text: string, type = "text/plain") => {
        res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
        res.end(text);
      };
      switch (parts[0]) {
        case "fast":
          return send(200, "ok");
        case "status":
          return send(Number(parts[1]), `status ${parts[1]}`);
        case "delay":
          return void setTimeout(() => send(200, "late"), Number(parts[1]));
        case "flaky":
          return send(flaky++ % 2 === 0 ? 200 : 500, "flaky");
        case "reset":
          return void req.socket.destroy();
        case "hang":
          return;
        case "login": {
          let user = "anon";
          try {
            user = (JSON.parse(body) as { user?: string }).user ?? user;
          } catch {}
          return send(200, JSON.stringify({ token: `t-${user}` }), "application/json");
        }
        case "json":
          return send(200, JSON.stringify({ ok: true, items: [{ id: 7, name: "a" }, { id: 8, name: "b" }] }), "application/json");
        case "redirect": {
          res.writeHead(Number(parts[1]), { location: new URL(url, "http://x").searchParams.get("to") ?? "/", "content-length": 0 });
          return void res.end();
        }
        case "loop":
          res.writeHead(302, { location: "/loop", "content-length": 0 });
          return void res.end();
        case "echo":
          return send(200, JSON.stringify({ method: req.method, url, headers: req.headers, body }), "application/json");
        default:
          return send(404, "not found");
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(options.port ?? 0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port with nothing listening (connection refused). */
export async function refusedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
