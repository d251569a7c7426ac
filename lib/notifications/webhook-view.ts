import type { Webhook } from "@/lib/db/generated/client";
import type { TWebhookEvent, TWebhookFormat, TWebhookView } from "./webhook.schema";

/**
 * The URL as the admin page shows it: robots carry their credential in the URL (WeCom `key=`,
 * DingTalk `access_token=`, the last path segment of Feishu and Slack hooks), so query values and
 * long path segments are cut to their first 4 characters.
 */
export function displayWebhookUrl(raw: string): string {
  const url = new URL(raw);
  const cut = (s: string) => (s.length > 8 ? `${s.slice(0, 4)}…` : s);
  const path = url.pathname
    .split("/")
    .map((seg) => (seg.length > 16 ? cut(seg) : seg))
    .join("/");
  const query = [...url.searchParams.entries()].map(([k, v]) => `${k}=${cut(v)}`).join("&");
  return `${url.origin}${path}${query ? `?${query}` : ""}`;
}

export function toWebhookView(w: Webhook): TWebhookView {
  return {
    id: w.id,
    name: w.name,
    format: w.format as TWebhookFormat,
    url: displayWebhookUrl(w.url),
    hasSecret: Boolean(w.secret),
    events: w.events as TWebhookEvent[],
    enabled: w.enabled,
    createdAt: w.createdAt.toISOString(),
  };
}
