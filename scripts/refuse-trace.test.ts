import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
let server: http.Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  require("./refuse-trace.cjs");
  server = http.createServer((req, res) => {
    seen.push(req.method ?? "");
    res.end("handled");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function send(method: string, path: string): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body, ...(res.headers.allow ? { allow: res.headers.allow } : {}) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("refuse-trace preload", () => {
  it("answers TRACE on any path with 405 and a JSON message; the handler never sees it", async () => {
    for (const path of ["/", "/api/runs", "/share/x", "/_next/static/x.js"]) {
      const r = await send("TRACE", path);
      expect(r.status).toBe(405);
      expect(JSON.parse(r.body)).toMatchObject({ code: "METHOD_NOT_ALLOWED" });
      expect(r.allow).toContain("GET");
    }
    expect(seen).not.toContain("TRACE");
  });

  it("passes every other method through", async () => {
    for (const method of ["GET", "POST", "OPTIONS", "DELETE"]) expect((await send(method, "/x")).body).toBe("handled");
    expect(seen).toEqual(["GET", "POST", "OPTIONS", "DELETE"]);
  });
});
