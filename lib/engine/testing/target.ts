/**
 * A scripted local target for engine tests and benches: 127.0.0.1, port 0 (tests) or a given port.
 *   /fast → 200 "ok"          /status/:code → that status     /delay/:ms → 200 after ms
 *   /flaky → 200, 500, 200, … /reset → socket destroyed       /hang → never answers
 *   /login (POST) → {"token":"t-<user>"}                      /json → {"ok":true,"items":[…]}
 *   /echo → the request (method, url, headers, body) as JSON
 *   /redirect/:code?to=<url> → that 3xx with Location <url>     /loop → 302 to /loop
 * The shop routes of examples/shop.yaml (state in `shop`, per user = the form field `user`):
 *   POST /session (form user=…) → Set-Cookie sid=… (HttpOnly, Path=/), counts logins
 *   GET /me → 200 with a valid sid cookie (arrival time kept per user), else 401 (counted)
 *   /item/:n → 200 (n kept per user)   /ok /retry /browse → 200   POST /buy → 200 (body kept)
 *   POST /logout → 200, counts logouts and ends the session
 *   /cookies/set?name=value&…&attrs=… → Set-Cookie with those attributes; /cookies/show → the Cookie header
 * Every request is logged (time received, url) for assertions.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the shop routes saw. */
export interface TShopState {
  /** user → logins (POST /session). */
  logins: Map<string, number>;
  /** user → logouts (POST /logout). */
  logouts: Map<string, number>;
  /** GET /me answered 200: user and arrival time (epoch ms). */
  me: { user: string; at: number }[];
  /** GET /me refused (no or unknown session cookie). */
  meRefused: number;
  /** GET /item/:n per user. */
  items: { user: string; n: string }[];
  /** Bodies of POST /buy (parsed JSON). */
  buys: unknown[];
  /** Hits of /browse, /ok, /retry. */
  browse: number;
  ok: number;
  retry: number;
}

export interface TTarget {
  url: string;
  port: number;
  log: { at: number; method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  /** Raw request bodies (bytes as received), in arrival order. */
  bodies: Buffer[];
  shop: TShopState;
  close(): Promise<void>;
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export async function startTarget(options: { keepLog?: boolean; port?: number } = {}): Promise<TTarget> {
  const log: TTarget["log"] = [];
  const bodies: Buffer[] = [];
  const shop: TShopState = { logins: new Map(), logouts: new Map(), me: [], meRefused: 0, items: [], buys: [], browse: 0, ok: 0, retry: 0 };
  const sessions = new Map<string, string>();
  let nextSession = 1;
  let flaky = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = raw.toString("utf8");
      const url = req.url ?? "/";
      const at = performance.timeOrigin + performance.now();
      if (options.keepLog !== false) {
        log.push({ at, method: req.method ?? "", url, headers: req.headers, body });
        bodies.push(raw);
      }
      const sessionUser = () => sessions.get(cookieOf(req.headers.cookie, "sid") ?? "");
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
          return send(
            200,
            JSON.stringify({
              ok: true,
              items: [
                { id: 7, name: "a" },
                { id: 8, name: "b" },
              ],
            }),
            "application/json",
          );
        case "redirect": {
          res.writeHead(Number(parts[1]), { location: new URL(url, "http://x").searchParams.get("to") ?? "/", "content-length": 0 });
          return void res.end();
        }
        case "loop":
          res.writeHead(302, { location: "/loop", "content-length": 0 });
          return void res.end();
        case "session": {
          const user = new URLSearchParams(body).get("user") ?? "anon";
          shop.logins.set(user, (shop.logins.get(user) ?? 0) + 1);
          const sid = `s${nextSession++}-${Math.random().toString(36).slice(2)}`;
          sessions.set(sid, user);
          res.setHeader("set-cookie", `sid=${sid}; Path=/; HttpOnly`);
          return send(200, JSON.stringify({ user }), "application/json");
        }
        case "me": {
          const user = sessionUser();
          if (user === undefined) {
            shop.meRefused++;
            return send(401, "no session");
          }
          shop.me.push({ user, at });
          return send(200, JSON.stringify({ user }), "application/json");
        }
        case "item":
          shop.items.push({ user: sessionUser() ?? "", n: parts[1] ?? "" });
          return send(200, `item ${parts[1]}`);
        case "ok":
          shop.ok++;
          return send(200, "ok");
        case "retry":
          shop.retry++;
          return send(200, "retry");
        case "browse":
          shop.browse++;
          return send(200, "browse");
        case "buy":
          try {
            shop.buys.push(JSON.parse(body));
          } catch {
            shop.buys.push(body);
          }
          return send(200, "bought");
        case "logout": {
          const sid = cookieOf(req.headers.cookie, "sid") ?? "";
          const user = sessions.get(sid) ?? "";
          sessions.delete(sid);
          shop.logouts.set(user, (shop.logouts.get(user) ?? 0) + 1);
          return send(200, "bye");
        }
        case "cookies": {
          if (parts[1] === "show") return send(200, req.headers.cookie ?? "");
          const q = new URL(url, "http://x").searchParams;
          const attrs = q.get("attrs") ?? "";
          const set = [...q].filter(([k]) => k !== "attrs" && k !== "to").map(([k, v]) => `${k}=${v}${attrs ? `; ${attrs}` : ""}`);
          res.setHeader("set-cookie", set);
          const to = q.get("to");
          if (to) {
            res.writeHead(302, { location: to, "content-length": 0 });
            return void res.end();
          }
          return send(200, "set");
        }
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
    bodies,
    shop,
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
