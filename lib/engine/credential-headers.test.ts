import { describe, expect, it } from "vitest";
import { isCredentialHeader } from "./credential-headers";
import { runLoad } from "./run-load";
import { setUpTwoTargets } from "./testing/target-runs";

const targets = setUpTwoTargets();
const scenario = targets.scenario;

describe("credential headers", () => {
  it("names the credential headers (exact names and credential-like parts) and not ordinary ones", () => {
    for (const h of [
      "Authorization",
      "proxy-authorization",
      "Cookie",
      "X-Api-Key",
      "api-key",
      "X-Auth-Token",
      "X-Session-Id",
      "X-Client-Secret",
      "X-Signature",
    ])
      expect(isCredentialHeader(h), h).toBe(true);
    for (const h of ["Accept", "Content-Type", "X-Keep", "User-Agent", "X-Request-Id"]) expect(isCredentialHeader(h), h).toBe(false);
  });

  it("are not sent on a redirect to another origin (another port), and kept on a same-origin hop", async () => {
    const s = scenario(`
name: creds
baseUrl: TARGET
cookies: false
load: { vus: 1, iterations: 1 }
steps:
  - request:
      name: away
      path: "/redirect/302?to=OTHER/echo"
      headers: { Authorization: "Bearer a", X-Api-Key: k1, Proxy-Authorization: "Basic b", X-Auth-Token: t1, X-Session-Id: s1, Cookie: "c=1", X-Keep: keep }
  - request:
      name: home
      path: "/redirect/302?to=/echo%3Fhome"
      headers: { X-Api-Key: k2, X-Keep: keep }
`);
    const { summary } = await runLoad({ scenarios: [s], workers: 0 }).done;
    expect(summary.total.errors).toBe(0);
    const away = targets.other.log.find((l) => l.url === "/echo");
    expect(away).toBeDefined();
    for (const h of ["authorization", "x-api-key", "proxy-authorization", "x-auth-token", "x-session-id", "cookie"])
      expect(away!.headers[h], h).toBeUndefined();
    expect(away!.headers["x-keep"]).toBe("keep");
    const home = targets.target.log.find((l) => l.url === "/echo?home");
    expect(home?.headers["x-api-key"]).toBe("k2");
  });
});
