/**
 * A local HTTP target for the real-JMeter tests (127.0.0.1, port 0) that logs every request:
 *   POST /session   → 200, Set-Cookie sid=<form field user>; Path=/
 *   GET  /me        → 200 "me <sid>" with the sid cookie, 401 without
 *   GET  /ids       → "id=11 id=22 id=33" (a forEach list to extract)
 *   /echo/<n>       → "n=<n>"
 *   /status/<code>  → that status          anything else → 200 "ok"
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TLogged {
  at: number;
  method: string;
  path: string;
  query: URLSearchParams;
  cookie: string;
  contentType: string;
  body: string;
}

export interface TCountTarget {
  port: number;
  log: TLogged[];
  /** Requests whose path is `path` (query left out). */
  hits(path: string): TLogged[];
  close(): Promise<void>;
}

export async function startCountTarget(): Promise<TCountTarget> {
  const log: TLogged[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = Buffer.concat(chunks).toString("utf8");
      const cookie = req.headers.cookie ?? "";
      log.push({
        at: Date.now(),
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        cookie,
        contentType: req.headers["content-type"] ?? "",
        body,
      });
      const send = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(text), ...headers });
        res.end(text);
      };
      const sid = /(?:^|;\s*)sid=([^;]*)/.exec(cookie)?.[1];
      if (url.pathname === "/session" && req.method === "POST") {
        const user = new URLSearchParams(body).get("user") ?? "anonymous";
        return send(200, "welcome", { "set-cookie": `sid=${user}; Path=/` });
      }
      if (url.pathname === "/me") return sid ? send(200, `me ${sid}`) : send(401, "no session");
      if (url.pathname === "/ids") return send(200, "id=11 id=22 id=33");
      if (url.pathname.startsWith("/echo/")) return send(200, `n=${url.pathname.slice(6)}`);
      const status = /^\/status\/(\d{3})$/.exec(url.pathname);
      if (status) return send(Number(status[1]), `status ${status[1]}`);
      send(200, "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    hits: (path) => log.filter((r) => r.path === path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
