// The production web server (`npm start`, scripts/start.ts): Next.js as a custom server, with the
// read routes a crowd polls (direct-routes.ts) answered before Next's request pipeline. Built into
// dist/web/ by scripts/build-cli.mjs; run from the project's root (the working directory), where
// Next finds next.config.ts and the build (NEXT_DIST_DIR).
import http from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";

/** How long open connections may finish after a stop signal before the process exits anyway. */
const STOP_GRACE_MS = 3_000;

/** `--hostname H`: the address to listen on (as `next start -H`); all interfaces without it. */
function hostnameArgument(): string | undefined {
  const i = process.argv.indexOf("--hostname");
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const env = getEnv();
  const hostname = hostnameArgument();
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Only now: next/server (which proxy.ts and the routes import) needs the Node environment Next
  // sets up while preparing (AsyncLocalStorage on globalThis); imported earlier it throws.
  const { matchDirectRoute, serveDirect } = await import("./direct-routes");
  const direct = env.MUSTERPOINT_DIRECT_ROUTES === "on";
  const server = http.createServer((req, res) => {
    const match = direct ? matchDirectRoute(req.method, req.url) : null;
    if (match) void serveDirect(req, res, match);
    else void handle(req, res);
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[web] ${signal}: stopping`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => stop(signal));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, hostname, () => resolve());
  });
  console.log(`[web] ready on http://${hostname ?? "localhost"}:${env.PORT}${direct ? "" : " (direct routes off)"}`);
}

await main();
