import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { errorResponse } from "@/lib/http/route-helpers";
import * as health from "@/app/api/health/route";
import * as runs from "@/app/api/runs/route";
import * as runResults from "@/app/api/runs/[runId]/results/route";

const gzip = promisify(zlib.gzip);

type THandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface TDirectRoute {
  pattern: RegExp;
  /** Names of the pattern's groups, in order: the route's params. */
  params: string[];
  GET: THandler;
}

/**
 * The read routes a crowd polls, answered by lib/web/server.ts without Next's request pipeline.
 * Next spends ≈ 3 ms of CPU on any request here before a handler runs (bench/results.md, "direct
 * lane"): more than these handlers cost, which capped them at Next's own 340–370 req/s on 2 cores.
 * Each entry is the route's own exported GET, behind the same proxy() that Next would run first;
 * every other method and path goes to Next.
 */
export const DIRECT_ROUTES: readonly TDirectRoute[] = [
  { pattern: /^\/api\/health$/, params: [], GET: health.GET as THandler },
  { pattern: /^\/api\/runs$/, params: [], GET: runs.GET as THandler },
  { pattern: /^\/api\/runs\/([^/]+)\/results$/, params: ["runId"], GET: runResults.GET as THandler },
];

/** Next's compression (the `compression` package it uses) leaves bodies under 1 KiB as they are. */
const GZIP_MIN_BYTES = 1024;

/** The route and params serving this request, or null when Next should serve it. */
export function matchDirectRoute(
  method: string | undefined,
  url: string | undefined,
): { route: TDirectRoute; params: Record<string, string> } | null {
  // A body on a GET, or anything but GET, is Next's to handle (and to refuse) as it always did.
  if (method !== "GET" || !url) return null;
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  for (const route of DIRECT_ROUTES) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      route.params.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    } catch {
      return null; // malformed escape: Next answers it
    }
    return { route, params };
  }
  return null;
}

/**
 * Answers one matched request the way Next would: proxy() first (authentication, access policy,
 * security headers, the actor as request headers), then the route's GET with the headers proxy()
 * passed on, the proxy's response headers added, gzip when the client accepts it.
 */
export async function serveDirect(
  req: IncomingMessage,
  res: ServerResponse,
  match: { route: TDirectRoute; params: Record<string, string> },
): Promise<void> {
  let response: Response;
  try {
    response = await answer(req, match);
  } catch (error) {
    response = errorResponse(error); // the API's 500, logged, as a route's own failure would be
  }
  try {
    await send(req, res, response);
  } catch (error) {
    // Nothing sensible can be sent any more (e.g. the client went away while the body was read).
    console.error("[web] direct route: sending the answer failed", error);
    res.destroy();
  }
}

async function answer(req: IncomingMessage, match: { route: TDirectRoute; params: Record<string, string> }): Promise<Response> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const url = new URL(req.url!, `http://${req.headers.host ?? "localhost"}`);
  const fromProxy = await proxy(new NextRequest(url, { method: "GET", headers }));
  // NextResponse.next(): go on to the handler with the request headers proxy() chose.
  if (fromProxy.headers.get("x-middleware-next") !== "1") return fromProxy;
  const passed = new Headers();
  for (const name of (fromProxy.headers.get("x-middleware-override-headers") ?? "").split(",")) {
    const value = name ? fromProxy.headers.get(`x-middleware-request-${name}`) : null;
    if (value !== null) passed.set(name, value);
  }
  const response = await match.route.GET(new Request(url, { method: "GET", headers: passed }), { params: Promise.resolve(match.params) });
  fromProxy.headers.forEach((value, name) => {
    if (name.startsWith("x-middleware-")) return;
    if (name === "set-cookie") response.headers.append(name, value);
    else response.headers.set(name, value);
  });
  return response;
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  let body: Buffer = Buffer.from(await response.arrayBuffer());
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies;
  // As Next's compression: Vary on every answer of a compressible type, gzip from 1 KiB when accepted.
  out["vary"] = out["vary"] ? `${out["vary"]}, Accept-Encoding` : "Accept-Encoding";
  if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    body = await gzip(body);
    out["content-encoding"] = "gzip";
  }
  out["content-length"] = String(body.length);
  res.writeHead(response.status, out);
  res.end(body);
}

/** gzip listed in Accept-Encoding without q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}
