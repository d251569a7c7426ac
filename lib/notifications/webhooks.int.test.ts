/**
 * Webhooks end to end on a real PostgreSQL with a receiver on loopback: the events are recorded
 * with the state change (finalizeRun, markReportReady), the sender posts one well-formed message
 * per event in each format (DingTalk's and Feishu's signatures checked here, independently of the
 * code that made them), a failing receiver is retried with back-off until the delivery log says it
 * failed, and hosts off the webhook allow-list are refused.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { actorToHeaders } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { finalizeRun } from "@/lib/runs/finalize-run";
import { runError } from "@/lib/runs/run-error-codes";
import { markReportReady } from "@/lib/reports/mark-report-ready";
import { resetAllTables } from "@/test/auth-helpers";
import { seedRun } from "@/test/report-fixtures";
import { writeSyntheticRun } from "@/test/synthetic-run";
import { createWebhook } from "./create-webhook";
import { deliverDueWebhooks, MAX_WEBHOOK_ATTEMPTS } from "./deliver-due-webhooks";
import { findWebhookDeliveries } from "./find-webhook-deliveries";
import { updateWebhookAllowList } from "./update-webhook-allow-list";
import { WEBHOOK_EVENTS, type TWebhookFormat } from "./webhook.schema";

// The admin routes read the actor from the request headers proxy.ts sets.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(actorToHeaders({ id: null, role: "admin", name: "admin", via: "bootstrap" })),
}));

interface TReceived {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  contentType: string | undefined;
}

const received: TReceived[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      received.push({
        path: url.pathname,
        query: url.searchParams,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        contentType: req.headers["content-type"],
      });
      // /flaky/<n>: fails until its n-th request.
      const flaky = /^\/flaky\/(\d+)/.exec(url.pathname);
      if (url.pathname.startsWith("/fail") || (flaky && received.filter((r) => r.path === url.pathname).length < Number(flaky[1]))) {
        res.writeHead(500, { "content-type": "text/plain" }).end("receiver is down");
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(url.pathname.startsWith("/feishu") ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  await resetAllTables();
  received.length = 0;
  await updateWebhookAllowList({ hosts: [], cidrs: ["127.0.0.0/8"], ports: [] });
});

const DING_SECRET = "SECdingtalk-test-secret-0123456789";
const FEISHU_SECRET = "feishu-test-secret";

async function fiveWebhooks() {
  const formats: TWebhookFormat[] = ["json", "wecom", "dingtalk", "feishu", "slack"];
  for (const format of formats) {
    await createWebhook({
      name: `${format} hook`,
      format,
      url: `${base}/${format}/hook${format === "dingtalk" ? "?access_token=abc" : ""}`,
      secret: format === "dingtalk" ? DING_SECRET : format === "feishu" ? FEISHU_SECRET : null,
      events: [...WEBHOOK_EVENTS],
    });
  }
}

async function runningRun(name: string) {
  return prisma.run.create({ data: { name, status: "running", scenarios: [], startedAt: new Date() } });
}

async function drain() {
  for (let i = 0; i < 10; i++) {
    const r = await deliverDueWebhooks();
    if (r.attempted === 0) return;
  }
}

/** Every text a message carries, whatever its format, for content checks. */
function textOf(r: TReceived): string {
  return JSON.stringify(r.body);
}

describe("webhook notifications", () => {
  it("send one well-formed message per event in each format, signatures included", async () => {
    await fiveWebhooks();
    // run.finished + run.threshold_failed: a run with data (written as the worker writes it) and
    // a p95 ≤ 1 ms threshold it cannot meet.
    const { id: finishedId } = await writeSyntheticRun({ name: "checkout peak", labels: 2, seconds: 3, seed: 7 });
    const finished = await prisma.run.update({ where: { id: finishedId }, data: { thresholds: [{ metric: "p95Ms", max: 1 }] } });
    await finalizeRun(finished.id, { status: "completed" });
    await finalizeRun(finished.id, { status: "completed" }); // recovery may finalize again: no second event
    // run.failed
    const failed = await runningRun("login soak");
    await finalizeRun(failed.id, {
      status: "failed",
      errors: [runError("targets_refused", { detail: "target refused: 10.0.0.1 is not on the allow-list" })],
    });
    // report.ready, with a run whose summary lines are known
    const seeded = await seedRun({
      name: "vote run",
      modules: [
        { module: "vote", elapsedS: 600, labels: [{ label: "POST /vote", url: "http://127.0.0.1/vote", samples: 6000, avgMs: 120 }] },
      ],
    });
    const round = await prisma.report.create({ data: { name: "峰值脚本压测", date: new Date("2026-11-21") } });
    await prisma.reportRun.create({ data: { reportId: round.id, runId: seeded, position: 0 } });
    const first = await markReportReady(round.id, { origin: "https://mp.example.test" });
    const again = await markReportReady(round.id, { origin: "https://mp.example.test" });
    expect(again.readyAt).toBe(first.readyAt);

    expect(await prisma.webhookDelivery.count()).toBe(5 * 4);
    await drain();
    expect(received).toHaveLength(5 * 4);
    const deliveries = await findWebhookDeliveries();
    expect(deliveries.every((d) => d.status === "delivered" && d.attempts === 1 && d.lastStatusCode === 200)).toBe(true);

    const moduleLine = (await prisma.runSummaryRow.findFirstOrThrow({ where: { runId: seeded, scope: "module" } })).summaryLine;
    expect(moduleLine).toMatch(/^summary = +6000 in 00:10:00/);
    for (const format of ["json", "wecom", "dingtalk", "feishu", "slack"]) {
      const mine = received.filter((r) => r.path.startsWith(`/${format}/`));
      expect(mine, format).toHaveLength(4);
      for (const r of mine) expect(r.contentType).toMatch(/^application\/json/);
      // One message per event: each names its subject and carries a link.
      expect(mine.filter((r) => textOf(r).includes("Run finished: checkout peak"))).toHaveLength(1);
      expect(mine.filter((r) => textOf(r).includes("Thresholds failed: checkout peak"))).toHaveLength(1);
      expect(mine.filter((r) => textOf(r).includes("Run failed: login soak") && textOf(r).includes("target refused"))).toHaveLength(1);
      const ready = mine.filter((r) => textOf(r).includes("Report ready: 峰值脚本压测"));
      expect(ready).toHaveLength(1);
      expect(textOf(ready[0]!)).toContain(moduleLine); // the summariser line verbatim, spaces included
      expect(textOf(ready[0]!)).toContain(`https://mp.example.test/reports/${round.id}`);
    }

    for (const r of received.filter((x) => x.path.startsWith("/json/"))) {
      expect(r.body).toMatchObject({
        event: expect.stringMatching(/^(run|report)\./),
        subject: { id: expect.any(String) },
        link: expect.stringMatching(/^https?:\/\//),
      });
      expect(Array.isArray(r.body.summaryLines)).toBe(true);
    }
    const readyJson = received.find((r) => r.path.startsWith("/json/") && r.body.event === "report.ready")!;
    expect((readyJson.body.summaryLines as string[])[0]).toBe(`vote: ${moduleLine}`);

    for (const r of received.filter((x) => x.path.startsWith("/wecom/"))) {
      expect(r.body.msgtype).toBe("markdown");
      expect((r.body.markdown as { content: string }).content).toMatch(/^\*\*.+\*\*\n/);
    }

    for (const r of received.filter((x) => x.path.startsWith("/dingtalk/"))) {
      expect(r.body.msgtype).toBe("markdown");
      const md = r.body.markdown as { title: string; text: string };
      expect(md.title.length).toBeGreaterThan(0);
      expect(md.text).toContain(md.title);
      expect(r.query.get("access_token")).toBe("abc");
      // DingTalk's rule: sign = base64(HmacSHA256(key = secret, timestamp + "\n" + secret)), ms timestamp within an hour.
      const timestamp = r.query.get("timestamp")!;
      expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(3_600_000);
      const expected = createHmac("sha256", DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest("base64");
      expect(r.query.get("sign")).toBe(expected);
    }

    for (const r of received.filter((x) => x.path.startsWith("/feishu/"))) {
      expect(r.body.msg_type).toBe("post");
      const post = (r.body.content as { post: { zh_cn: { title: string; content: { tag: string; href?: string }[][] } } }).post.zh_cn;
      expect(post.title.length).toBeGreaterThan(0);
      expect(post.content.flat().some((c) => c.tag === "a" && c.href?.startsWith("http"))).toBe(true);
      // Feishu's rule: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), s timestamp.
      const timestamp = r.body.timestamp as string;
      expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(3600);
      expect(r.body.sign).toBe(createHmac("sha256", `${timestamp}\n${FEISHU_SECRET}`).update("").digest("base64"));
    }

    for (const r of received.filter((x) => x.path.startsWith("/slack/"))) {
      expect(typeof r.body.text).toBe("string");
      expect(r.body.text as string).toMatch(/<https?:\/\/[^|>]+\|Open in Musterpoint>/);
      expect((r.body.blocks as { type: string; text: { type: string } }[])[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    }
  });

  it("retries a failing receiver with back-off and the delivery log says so", async () => {
    await createWebhook({ name: "down", format: "json", url: `${base}/fail/hook`, events: ["run.finished", "run.failed"] });
    const run = await runningRun("nightly");
    await finalizeRun(run.id, { status: "completed" });

    const t0 = new Date();
    const firstTry = await deliverDueWebhooks({ now: t0, backoffBaseMs: 1000 });
    expect(firstTry).toMatchObject({ attempted: 1, retrying: 1, failed: 0 });
    let [log] = await findWebhookDeliveries();
    expect(log).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(log!.lastError).toBe("attempt 1 of 5: HTTP 500: receiver is down");
    // Not due before its back-off: 1 s after the first attempt.
    expect(new Date(log!.nextAttemptAt!).getTime() - t0.getTime()).toBe(1000);
    expect((await deliverDueWebhooks({ now: new Date(t0.getTime() + 999), backoffBaseMs: 1000 })).attempted).toBe(0);

    // Then 2 s, 4 s, 8 s: each attempt waits twice as long as the one before.
    let now = t0.getTime();
    for (let attempt = 2; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      now = new Date((await findWebhookDeliveries())[0]!.nextAttemptAt!).getTime();
      const r = await deliverDueWebhooks({ now: new Date(now), backoffBaseMs: 1000 });
      expect(r.attempted).toBe(1);
      [log] = await findWebhookDeliveries();
      if (attempt < MAX_WEBHOOK_ATTEMPTS) expect(new Date(log!.nextAttemptAt!).getTime() - now).toBe(1000 * 2 ** (attempt - 1));
    }
    expect(log).toMatchObject({ status: "failed", attempts: 5, lastStatusCode: 500, nextAttemptAt: null, deliveredAt: null });
    expect(log!.lastError!.split("\n")).toEqual([1, 2, 3, 4, 5].map((n) => `attempt ${n} of 5: HTTP 500: receiver is down`));
    expect(received.filter((r) => r.path === "/fail/hook")).toHaveLength(5);
    // Failed for good: never sent again.
    expect((await deliverDueWebhooks({ now: new Date(now + 86_400_000) })).attempted).toBe(0);

    // A receiver that answers on the third try: delivered, and the log keeps the two failures.
    await createWebhook({ name: "flaky", format: "json", url: `${base}/flaky/3`, events: ["run.finished", "run.failed"] });
    const second = await runningRun("nightly 2");
    await finalizeRun(second.id, { status: "completed" });
    for (let i = 0; i < 3; i++) await deliverDueWebhooks({ now: new Date(Date.now() + i * 60_000), backoffBaseMs: 1000 });
    const flaky = (await findWebhookDeliveries()).find((d) => d.webhookName === "flaky")!;
    expect(flaky).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200 });
    expect(flaky.lastError!.split("\n")).toEqual([
      "attempt 1 of 5: HTTP 500: receiver is down",
      "attempt 2 of 5: HTTP 500: receiver is down",
    ]);
  });

  it("refuses hosts off the webhook allow-list with a 4xx, and never posts to one removed later", async () => {
    const routes = await import("@/app/api/admin/webhooks/route");
    const post = (url: string) =>
      routes.POST(
        new Request("http://localhost/api/admin/webhooks", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "x", format: "slack", url, events: ["run.finished", "run.failed"] }),
        }),
        undefined,
      );
    const refused = await post("https://chat.example.invalid/hooks/T000/B000/XXXX");
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toMatch(/chat\.example\.invalid.*not on the webhook allow-list/);
    expect(body.issues[0]!.path).toBe("url");
    // Bad input: a readable 4xx, nothing stored.
    const raw = (text: string, type = "application/json") =>
      routes.POST(
        new Request("http://localhost/api/admin/webhooks", { method: "POST", headers: { "content-type": type }, body: text }),
        undefined,
      );
    for (const bad of [
      raw("{not json"),
      raw("name: x", "application/yaml"),
      raw(JSON.stringify({ name: "x", format: "teams", url: `${base}/x`, events: ["run.finished"] })),
      raw(JSON.stringify({ name: "x", format: "json", url: `${base}/x`, events: [] })),
      raw(JSON.stringify({ name: "x", format: "json", url: `${base}/x`, events: ["run.started"] })),
      raw(JSON.stringify({ name: "x", format: "json", url: "ftp://127.0.0.1/x", events: ["run.finished"] })),
      raw(JSON.stringify({ name: "x", format: "json", url: "http://user:pw@127.0.0.1/x", events: ["run.finished"] })),
      raw(JSON.stringify({ name: "", format: "json", url: `${base}/x`, events: ["run.finished"] })),
      raw(JSON.stringify({ name: "x", format: "json", url: `${base}/x`, events: ["run.finished"], extra: 1 })),
    ]) {
      const res = await bad;
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    expect(await prisma.webhook.count()).toBe(0);
    // The target allow-list does not count: loopback by port outside the webhook list's ports.
    await updateWebhookAllowList({ hosts: [], cidrs: ["127.0.0.0/8"], ports: [443] });
    expect((await post(`${base}/json/hook`)).status).toBe(400);

    await updateWebhookAllowList({ hosts: [], cidrs: ["127.0.0.0/8"], ports: [] });
    const ok = await post(`${base}/slack/hook`);
    expect(ok.status).toBe(201);
    const created = ((await ok.json()) as { data: { id: string; url: string } }).data;
    const patch = await import("@/app/api/admin/webhooks/[webhookId]/route");
    const moved = await patch.PATCH(
      new Request(`http://localhost/api/admin/webhooks/${created.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: "https://elsewhere.example.invalid/x" }),
      }),
      { params: Promise.resolve({ webhookId: created.id }) },
    );
    expect(moved.status).toBe(400);

    // Removed from the list after it was saved: the delivery fails without a request.
    const run = await runningRun("after removal");
    await finalizeRun(run.id, { status: "completed" });
    await updateWebhookAllowList({ hosts: ["hooks.slack.com"], cidrs: [], ports: [] });
    expect(await deliverDueWebhooks()).toMatchObject({ attempted: 1, failed: 1 });
    expect(received).toHaveLength(0);
    const [log] = await findWebhookDeliveries();
    expect(log).toMatchObject({ status: "failed", lastStatusCode: null });
    expect(log!.lastError).toMatch(/not on the webhook allow-list/);
  });
});
