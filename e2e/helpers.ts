import type { Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const SCREENSHOTS = path.join(import.meta.dirname, "output", "screenshots");

/** Full-page screenshot kept as a CI artifact under e2e/output/screenshots/. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A name no other run or spec uses, so specs can share one database. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface TLocalTarget {
  url: string;
  close(): Promise<void>;
}

/**
 * The load target of a spec, on 127.0.0.1 (port 0; load is only ever aimed here): `/slow…` answers
 * after `slowMs`, every other path at once, always 200 with a small JSON body.
 */
export async function startLocalTarget(slowMs: number): Promise<TLocalTarget> {
  const server = http.createServer((req, res) => {
    req.resume();
    const send = () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    };
    if (req.url?.startsWith("/slow")) setTimeout(send, slowMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
