/**
 * Where webhooks may post (admin setting, Setting key `webhookAllowList`), apart from the target
 * allow-list: chat robots live on the Internet, load targets must not. Same shape and the same
 * matching (lib/security/target-allow-list.ts): a URL passes when its host matches `hosts` (exact,
 * or `*.example.com`), an IP-literal host lies in `cidrs`, and its port is in `ports` (empty = any).
 * Default: the public endpoints of the supported chat robots, nothing else.
 */
import { isIP } from "node:net";
import {
  isAddressAllowed,
  isHostAllowed,
  isPortAllowed,
  normalizeAddress,
  ZTargetAllowList,
  type TTargetAllowList,
} from "@/lib/security/target-allow-list";

export const WEBHOOK_ALLOW_LIST_SETTING = "webhookAllowList";
export const WEBHOOK_ADMIN_PATH = "/admin/webhooks";

export const ZWebhookAllowList = ZTargetAllowList;
export type TWebhookAllowList = TTargetAllowList;

export const DEFAULT_WEBHOOK_ALLOW_LIST: TWebhookAllowList = {
  hosts: ["qyapi.weixin.qq.com", "oapi.dingtalk.com", "open.feishu.cn", "open.larksuite.com", "hooks.slack.com"],
  cidrs: [],
  ports: [],
};

function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** null when the URL may be posted to, else one sentence saying what an admin must add. */
export function webhookUrlRefusal(rawUrl: string, list: TWebhookAllowList): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return "The webhook URL is not a URL.";
  }
  const host = normalizeAddress(url.hostname).replace(/\.$/, "");
  const port = portOf(url);
  const literal = isIP(host) !== 0;
  const missing: string[] = [];
  if (!isHostAllowed(host, list)) missing.push(`the host "${host}" to Hosts`);
  if (literal && !isAddressAllowed(host, list)) missing.push(`an address range containing ${host} to CIDRs`);
  if (!isPortAllowed(port, list)) missing.push(`port ${port} to Ports`);
  if (missing.length === 0) return null;
  return `Webhook host ${host}:${port} is not on the webhook allow-list; an admin can add ${missing.join(", ")} under Admin → Webhooks (${WEBHOOK_ADMIN_PATH}).`;
}
