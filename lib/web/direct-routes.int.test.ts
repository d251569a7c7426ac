/**
 * The web server's direct read routes (direct-routes.ts) answer exactly as Next does: the built
 * server (lib/web/server.ts, as `npm start` runs it) is started twice on one database, with the
 * direct routes on and off, and every request is sent to both — anonymous, a viewer's token, a
 * revoked token, a session cookie, unknown runs, bad queries, gzip or not. Needs a `next build` of
 * this tree (npm test builds before the integration tests); without one it is skipped and says so.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/create-api-token";
import { createUser } from "@/lib/auth/create-user";
import { revokeApiToken } from "@/lib/auth/revoke-api-token";
import { prisma } from "@/lib/db/client";
import { NEXT_DIST_DIR } from "@/lib/next-dist-dir";
import { resetDatabase } from "@/test/reset-db";
import { signIn } from "@/test/auth-helpers";
import { ensureBuilt, WEB } from "@/scripts/build-cli.mjs";
import { freePort } from "@/test/free-port";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const HAS_BUILD = fs.existsSync(path.join(ROOT, NEXT_DIST_DIR, "BUILD_ID"));
const PASSWORD = "direct-routes-password";

async function startServer(direct: "on" | "off"): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const dir = await ensureBuilt(WEB);
  const child = spawn(process.execPath, [path.join(dir, "server.mjs"), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), MUSTERPOINT_DIRECT_ROUTES: direct, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.status < 500) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the web server did not start within 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * What a client can tell of an answer: status, the headers that mean something, the body (gzip
 * undone). Not Content-Encoding: Next gzips whatever it streams, even a 40-byte body; the direct
 * routes from 1 KiB (checked below).
 */
async function answerOf(res: Response) {
  const text = await res.text(); // fetch undoes Content-Encoding
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  // The server's time to compute differs between any two answers, and a running run's duration
  // between two answers a second apart.
  const data = (body as { data?: unknown } | null)?.data;
  if (data && typeof data === "object" && "computeMs" in data) data.computeMs = "(ms)";
  if (Array.isArray(data))
    for (const row of data as { finishedAt?: unknown; durationSeconds?: unknown }[])
      if (row.finishedAt === null && typeof row.durationSeconds === "number") row.durationSeconds = "(running)";
  const headers: Record<string, string | null> = {};
  for (const name of [
    "content-type",
    "cache-control",
    "location",
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "strict-transport-security",
  ])
    headers[name] = res.headers.get(name);
  const vary = (res.headers.get("vary") ?? "").toLowerCase();
  return {
    status: res.status,
    headers,
    varyAcceptEncoding: vary.includes("accept-encoding"),
    cookies: res.headers.getSetCookie().length,
    body,
  };
}

describe.skipIf(!HAS_BUILD)("direct read routes", () => {
  let direct: { url: string; child: ChildProcess };
  let viaNext: { url: string; child: ChildProcess };
  let viewerToken: string;
  let revokedToken: string;
  let sessionCookie: string;
  let runId: string;
  let runningId: string;

  beforeAll(async () => {
    await resetDatabase();
    const viewer = await createUser({ email: "viewer@direct.test", name: "Vera", password: PASSWORD, role: "viewer" });
    viewerToken = (await createApiToken(viewer.id, { name: "poller" })).token;
    const revoked = await createApiToken(viewer.id, { name: "leaked" });
    revokedToken = revoked.token;
    await revokeApiToken(revoked.row.id, viewer.id);
    sessionCookie = await signIn("viewer@direct.test", PASSWORD);
    const finishedAt = new Date("2026-12-06T10:00:00Z");
    const total = { label: "TOTAL", module: "", kind: "request", samples: 10, errors: 1, errorPct: 10, avgMs: 3500 };
    const summary = {
      elapsedSeconds: 10,
      labels: [
        {
          ...total,
          label: "GET /slow",
          module: "m",
          minMs: 1,
          maxMs: 9,
          p50Ms: 5,
          p90Ms: 8,
          p95Ms: 9,
          p99Ms: 9,
          ratePerSec: 1,
          summaryLine: "",
        },
      ],
      modules: [],
      total: { ...total, minMs: 1, maxMs: 9, p50Ms: 5, p90Ms: 8, p95Ms: 9, p99Ms: 9, ratePerSec: 1, summaryLine: "" },
      rendezvous: [],
      errors: [],
    };
    runId = (
      await prisma.run.create({
        data: {
          name: "finished",
          status: "completed",
          scenarios: [],
          startedAt: new Date(finishedAt.getTime() - 10_000),
          finishedAt,
          summary,
        },
      })
    ).id;
    runningId = (await prisma.run.create({ data: { name: "running", status: "running", scenarios: [], startedAt: new Date() } })).id;
    [direct, viaNext] = await Promise.all([startServer("on"), startServer("off")]);
  }, 120_000);

  afterAll(async () => {
    for (const server of [direct, viaNext]) server?.child.kill("SIGTERM");
  });

  const cases: { name: string; path: () => string; headers?: () => Record<string, string> }[] = [
    { name: "health, anonymous", path: () => "/api/health" },
    { name: "runs list, anonymous", path: () => "/api/runs" },
    { name: "runs list, viewer's token", path: () => "/api/runs", headers: () => ({ authorization: `Bearer ${viewerToken}` }) },
    { name: "runs list, revoked token", path: () => "/api/runs", headers: () => ({ authorization: `Bearer ${revokedToken}` }) },
    { name: "runs list, malformed Authorization", path: () => "/api/runs", headers: () => ({ authorization: "Basic abc" }) },
    { name: "runs list, session cookie", path: () => "/api/runs?take=1", headers: () => ({ cookie: sessionCookie }) },
    { name: "runs list, bad query", path: () => "/api/runs?take=-4", headers: () => ({ authorization: `Bearer ${viewerToken}` }) },
    {
      name: "results, finished run",
      path: () => `/api/runs/${runId}/results`,
      headers: () => ({ authorization: `Bearer ${viewerToken}` }),
    },
    {
      name: "results, finished run, gzip",
      path: () => `/api/runs/${runId}/results`,
      headers: () => ({ authorization: `Bearer ${viewerToken}`, "accept-encoding": "gzip" }),
    },
    {
      name: "results, a window",
      path: () => `/api/runs/${runId}/results?from=1&to=2&slowThresholdMs=100`,
      headers: () => ({ authorization: `Bearer ${viewerToken}` }),
    },
    {
      name: "results, running run",
      path: () => `/api/runs/${runningId}/results`,
      headers: () => ({ authorization: `Bearer ${viewerToken}` }),
    },
    { name: "results, unknown run", path: () => "/api/runs/nope/results", headers: () => ({ authorization: `Bearer ${viewerToken}` }) },
    {
      name: "results, bad query",
      path: () => `/api/runs/${runId}/results?from=x`,
      headers: () => ({ authorization: `Bearer ${viewerToken}` }),
    },
    { name: "results, anonymous", path: () => `/api/runs/${runId}/results` },
    { name: "results, a client's actor header", path: () => "/api/runs", headers: () => ({ "x-musterpoint-user-role": "admin" }) },
  ];

  it.each(cases)("$name: the same answer as Next's", async ({ path: pathOf, headers }) => {
    const [a, b] = await Promise.all(
      [direct, viaNext].map((s) => fetch(`${s.url}${pathOf()}`, { headers: headers?.(), redirect: "manual" }).then(answerOf)),
    );
    expect(a).toEqual(b);
    expect(a!.headers["x-content-type-options"]).toBe("nosniff"); // the proxy's headers are there at all
  });

  it("the direct server answered them itself (a length, not Next's chunked stream), and gzips from 1 KiB when asked", async () => {
    const headers = { authorization: `Bearer ${viewerToken}`, "accept-encoding": "gzip" };
    const [a, b] = await Promise.all([direct, viaNext].map((s) => fetch(`${s.url}/api/runs/${runId}/results`, { headers })));
    await Promise.all([a!.arrayBuffer(), b!.arrayBuffer()]);
    expect(a!.headers.get("content-length")).not.toBeNull();
    expect(b!.headers.get("content-length")).toBeNull();
    expect([a!.headers.get("content-encoding"), b!.headers.get("content-encoding")]).toEqual(["gzip", "gzip"]);
    const small = await fetch(`${direct.url}/api/health`, { headers: { "accept-encoding": "gzip" } });
    await small.arrayBuffer();
    expect(small.headers.get("content-encoding")).toBeNull(); // under 1 KiB
    // Other methods and paths are Next's: a POST is refused by the same proxy, a page is rendered by Next.
    const post = await fetch(`${direct.url}/api/runs`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(post.status).toBe(401);
    await post.arrayBuffer();
  });
});
