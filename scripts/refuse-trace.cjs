// Preloaded into the web server (`node --require scripts/refuse-trace.cjs …/server.mjs`, see
// scripts/start.ts): answers TRACE with 405 before Next sees it.
//
// Why here and not in proxy.ts: Next builds a WHATWG Request for the proxy, and undici's Request
// refuses TRACE as a forbidden method ("TypeError: 'TRACE' HTTP method is unsupported"), so every
// TRACE — anonymous, on any path — was a 500 with a stack trace in the log before any of our code
// ran. TRACE has no use here, and echoing requests back is what it exists for (cross-site tracing).
"use strict";
// A CommonJS preload (node --require) has no import statements.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = require("node:http");

const ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const BODY = JSON.stringify({ error: "Method not allowed: TRACE is not supported.", code: "METHOD_NOT_ALLOWED", issues: [] });
const emit = http.Server.prototype.emit;

if (!emit.isRefusingTrace) {
  const refusing = function (event, request, response) {
    if (event === "request" && request && request.method === "TRACE") {
      // The body is never read: close the connection rather than parse what follows.
      response.writeHead(405, {
        allow: ALLOWED,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(BODY),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        connection: "close",
      });
      response.end(BODY);
      return true;
    }
    return emit.apply(this, arguments);
  };
  refusing.isRefusingTrace = true;
  http.Server.prototype.emit = refusing;
}
