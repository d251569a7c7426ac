/**
 * The dashboard's allow-list as the engine's connect-time hook: a name the list cannot allow is
 * refused before any DNS lookup (not a DNS error), and every refusal says what the list says, not
 * "only loopback". Only `.invalid` names and loopback are ever aimed at.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpAgent, type THttpRequest } from "../engine/http";
import { allowTargetFor, type TTargetAllowList } from "./target-allow-list";

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const req = (origin: string): THttpRequest => ({ origin, path: "/", method: "GET", headers: {}, timeoutMs: 5000, wantBody: false });

describe.each(["native", "undici"] as const)("the allow-list hook at connect time (%s client)", (client) => {
  const agent = (list: TTargetAllowList) => new HttpAgent({ client, allowTarget: allowTargetFor(list) });

  it("refuses a name that is not in Hosts before looking it up: not a DNS error, the list's own message", async () => {
    const a = agent({ hosts: ["localhost"], cidrs: ["127.0.0.0/8"], ports: [] });
    const res = await a.request(req(`http://blocked.invalid:${port}`));
    await a.close();
    expect(res.error?.kind).toBe("other");
    expect(res.error?.message).toContain('the host "blocked.invalid" to Hosts');
    expect(res.error?.message).not.toMatch(/DNS|only loopback/);
  });

  it("refuses localhost when the list's CIDRs leave out loopback, saying so (not 'only loopback targets')", async () => {
    const a = agent({ hosts: ["localhost"], cidrs: ["10.0.0.0/8"], ports: [] });
    const res = await a.request(req(`http://localhost:${port}`));
    await a.close();
    expect(res.error?.kind).toBe("other");
    expect(res.error?.message).toMatch(/an address range containing (127\.0\.0\.1|::1) to CIDRs/);
    expect(res.error?.message).not.toContain("only loopback");
  });

  it("still connects to an allowed name and address", async () => {
    const a = agent({ hosts: ["localhost"], cidrs: ["127.0.0.0/8", "::1/128"], ports: [port] });
    const res = await a.request(req(`http://localhost:${port}`));
    await a.close();
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(200);
  });
});
