import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs } from "./deliver-due-webhooks";
import { formatDuration, runEventPayloads, runSummaryLines } from "./event-payloads";
import { renderWebhookMessage } from "./render-webhook-message";
import { robotErrorOf } from "./send-webhook";
import { DEFAULT_WEBHOOK_ALLOW_LIST, webhookUrlRefusal } from "./webhook-allow-list";
import { displayWebhookUrl } from "./webhook-view";
import type { TWebhookPayload } from "./webhook.schema";

const row = (line: string, samples = 10) => ({
  samples,
  errors: 0,
  errorPct: 0,
  avgMs: 1,
  minMs: 1,
  maxMs: 1,
  p50Ms: 1,
  p90Ms: 1,
  p95Ms: 1,
  p99Ms: 1,
  ratePerSec: 1,
  summaryLine: line,
});
const payload: TWebhookPayload = {
  event: "run.finished",
  subject: { kind: "run", id: "r1", name: "peak <1>" },
  title: "Run finished: peak <1>",
  facts: ["Status: completed"],
  summaryLines: ["summary =    10 in 00:00:10 =    1.0/s Avg:     1 Min:     1 Max:     1 Err:     0 (0.00%)"],
  link: "https://mp.example.test/runs/r1",
  occurredAt: "2026-12-06T00:00:00.000Z",
};

describe("webhook events", () => {
  it("map final statuses to events, adding threshold_failed only when a threshold failed", () => {
    const base = { summary: { elapsedSeconds: 65, modules: [], total: row("summary = x") }, origin: "http://h" };
    const events = (status: string, ok: boolean) =>
      runEventPayloads({ ...base, run: { id: "r", name: "n", status }, thresholds: [{ expression: "p95Ms <= 5", ok, actual: 9 }] }).map(
        (p) => p.event,
      );
    expect(events("completed", true)).toEqual(["run.finished"]);
    expect(events("cancelled", false)).toEqual(["run.finished", "run.threshold_failed"]);
    expect(events("failed", true)).toEqual(["run.failed"]);
    expect(events("interrupted", false)).toEqual(["run.failed", "run.threshold_failed"]);
    expect(events("running", false)).toEqual([]);
    expect(formatDuration(65)).toBe("1m 05s");
    expect(formatDuration(3725)).toBe("1h 02m 05s");
  });

  it("carry module lines then the total, cut at 20 lines", () => {
    const modules = Array.from({ length: 30 }, (_, i) => ({ module: `m${i}`, ...row(`summary = m${i}`) }));
    const lines = runSummaryLines({ modules, total: row("summary = total") });
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("m0: summary = m0");
    expect(lines.at(-2)).toBe("… 11 more modules");
    expect(lines.at(-1)).toBe("summary = total");
    expect(runSummaryLines({ modules: [{ module: "only", ...row("summary = a") }], total: row("summary = a") })).toEqual(["summary = a"]);
  });
});

describe("webhook formats", () => {
  const now = new Date(1_765_000_000_123);
  it("DingTalk signs timestamp + newline + secret with the secret", () => {
    const m = renderWebhookMessage(
      { format: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: "SECx" },
      payload,
      now,
    );
    const url = new URL(m.url);
    expect(url.searchParams.get("access_token")).toBe("t");
    expect(url.searchParams.get("timestamp")).toBe("1765000000123");
    expect(url.searchParams.get("sign")).toBe(createHmac("sha256", "SECx").update("1765000000123\nSECx").digest("base64"));
    expect(m.url).toMatch(/&sign=[^&]*%/); // base64's + / = percent-encoded
    expect(JSON.parse(m.body)).toMatchObject({ msgtype: "markdown", markdown: { title: payload.title } });
    expect(
      renderWebhookMessage({ format: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: null }, payload, now)
        .url,
    ).not.toContain("sign=");
  });

  it("Feishu signs with timestamp + newline + secret as the key, in seconds, in the body", () => {
    const body = JSON.parse(
      renderWebhookMessage({ format: "feishu", url: "https://open.feishu.cn/open-apis/bot/v2/hook/abc", secret: "s" }, payload, now).body,
    ) as Record<string, unknown>;
    expect(body.timestamp).toBe("1765000000");
    expect(body.sign).toBe(createHmac("sha256", "1765000000\ns").update("").digest("base64"));
    expect(body.msg_type).toBe("post");
  });

  it("WeCom markdown, Slack mrkdwn escaped, JSON as stored", () => {
    const wecom = JSON.parse(
      renderWebhookMessage({ format: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: null }, payload).body,
    ) as { markdown: { content: string } };
    expect(wecom.markdown.content.split("\n")[0]).toBe("**Run finished: peak <1>**");
    expect(wecom.markdown.content).toContain("[Open in Musterpoint](https://mp.example.test/runs/r1)");
    const slack = JSON.parse(
      renderWebhookMessage({ format: "slack", url: "https://hooks.slack.com/services/A/B/C", secret: null }, payload).body,
    ) as { text: string };
    expect(slack.text.split("\n")[0]).toBe("*Run finished: peak &lt;1&gt;*");
    expect(JSON.parse(renderWebhookMessage({ format: "json", url: "http://x", secret: null }, payload).body)).toEqual(payload);
  });

  it("reads the robots' errors out of a 200 answer", () => {
    expect(robotErrorOf('{"errcode":310000,"errmsg":"sign not match"}')).toBe("errcode 310000: sign not match");
    expect(robotErrorOf('{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}')).toMatch(
      /^code 19021: /,
    );
    expect(robotErrorOf('{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotErrorOf("ok")).toBeNull();
  });
});

describe("webhook allow-list and display", () => {
  it("lets the chat robots' hosts through by default and nothing else", () => {
    expect(webhookUrlRefusal("https://oapi.dingtalk.com/robot/send?access_token=x", DEFAULT_WEBHOOK_ALLOW_LIST)).toBeNull();
    expect(webhookUrlRefusal("https://hooks.slack.com/services/A/B/C", DEFAULT_WEBHOOK_ALLOW_LIST)).toBeNull();
    expect(webhookUrlRefusal("http://127.0.0.1:8080/x", DEFAULT_WEBHOOK_ALLOW_LIST)).toMatch(
      /address range containing 127\.0\.0\.1 to CIDRs/,
    );
    expect(webhookUrlRefusal("https://evil.example.invalid/x", DEFAULT_WEBHOOK_ALLOW_LIST)).toMatch(/"evil\.example\.invalid" to Hosts/);
    const list = { hosts: ["*.corp.example"], cidrs: ["10.0.0.0/8"], ports: [443] };
    expect(webhookUrlRefusal("https://chat.corp.example/hook", list)).toBeNull();
    expect(webhookUrlRefusal("https://chat.corp.example:8443/hook", list)).toMatch(/port 8443 to Ports/);
    expect(webhookUrlRefusal("https://10.1.2.3/hook", list)).toBeNull();
    expect(webhookUrlRefusal("https://[::1]/hook", list)).toMatch(/::1/);
  });

  it("cuts the credentials robots keep in their URLs", () => {
    expect(displayWebhookUrl("https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef")).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=0123…",
    );
    expect(displayWebhookUrl("https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX")).toBe(
      "https://hooks.slack.com/services/T0000/B0000/XXXX…",
    );
  });

  it("backs off exponentially, capped at an hour", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });
});
