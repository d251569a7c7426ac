/**
 * A delivery's payload in the webhook's format (pure; `now` passed in for the signatures):
 *
 * - json: the payload itself;
 * - wecom (企业微信 group robot): `{ msgtype: "markdown", markdown: { content } }`;
 * - dingtalk (钉钉 custom robot): `{ msgtype: "markdown", markdown: { title, text } }`; with a
 *   secret, `timestamp` (ms) and `sign` = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)),
 *   URL-encoded, as query parameters;
 * - feishu (飞书 / Lark custom bot): `{ msg_type: "post", content: { post: { zh_cn: { title,
 *   content } } } }`; with a secret, `timestamp` (s) and `sign` = base64(HMAC-SHA256 keyed with
 *   timestamp + "\n" + secret over an empty message) in the body;
 * - slack (incoming webhook): `{ text, blocks: [section mrkdwn] }`.
 */
import { createHmac } from "node:crypto";
import type { TWebhookFormat, TWebhookPayload } from "./webhook.schema";

export interface TWebhookMessage {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** DingTalk's signature of a millisecond timestamp. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** Feishu's signature of a second timestamp: the string to sign is the HMAC key, the message is empty. */
export function feishuSign(timestampS: number, secret: string): string {
  return createHmac("sha256", `${timestampS}\n${secret}`).update("").digest("base64");
}

/** Markdown for WeCom and DingTalk: bold title, facts, the summariser lines as code spans, link. */
function markdown(p: TWebhookPayload, heading: (title: string) => string): string {
  return [
    heading(p.title),
    ...p.facts.map((f) => `> ${f}`),
    "",
    ...p.summaryLines.map((l) => `\`${l.replace(/`/g, "'")}\``),
    "",
    `[Open in Musterpoint](${p.link})`,
  ].join("\n");
}

/** Slack mrkdwn: `<`, `>` and `&` escaped, lines in a code block. */
function slackText(p: TWebhookPayload): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const code = p.summaryLines.length ? `\n\`\`\`\n${p.summaryLines.map(esc).join("\n")}\n\`\`\`` : "";
  return `*${esc(p.title)}*\n${p.facts.map(esc).join("\n")}${code}\n<${p.link}|Open in Musterpoint>`;
}

export function renderWebhookMessage(
  webhook: { format: TWebhookFormat; url: string; secret: string | null },
  payload: TWebhookPayload,
  now: Date = new Date(),
): TWebhookMessage {
  const headers = { "content-type": "application/json; charset=utf-8", "user-agent": "Musterpoint-Webhook/1" };
  const json = (body: unknown, url = webhook.url): TWebhookMessage => ({ url, body: JSON.stringify(body), headers });
  switch (webhook.format) {
    case "json":
      return json(payload);
    case "wecom":
      return json({ msgtype: "markdown", markdown: { content: markdown(payload, (t) => `**${t}**`) } });
    case "dingtalk": {
      const body = { msgtype: "markdown", markdown: { title: payload.title, text: markdown(payload, (t) => `#### ${t}`) } };
      if (!webhook.secret) return json(body);
      const timestamp = now.getTime();
      const url = new URL(webhook.url);
      url.searchParams.set("timestamp", String(timestamp));
      url.searchParams.set("sign", dingtalkSign(timestamp, webhook.secret));
      return json(body, url.toString());
    }
    case "feishu": {
      const content = [
        ...payload.facts.map((f) => [{ tag: "text", text: f }]),
        ...payload.summaryLines.map((l) => [{ tag: "text", text: l }]),
        [{ tag: "a", text: "Open in Musterpoint", href: payload.link }],
      ];
      const body: Record<string, unknown> = { msg_type: "post", content: { post: { zh_cn: { title: payload.title, content } } } };
      if (webhook.secret) {
        const timestamp = Math.floor(now.getTime() / 1000);
        body.timestamp = String(timestamp);
        body.sign = feishuSign(timestamp, webhook.secret);
      }
      return json(body);
    }
    case "slack": {
      const text = slackText(payload);
      return json({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] });
    }
  }
}
