/**
 * The per-VU cookie jar: RFC 6265 matching in the jar itself (names under .invalid, nothing is
 * sent), and end to end through VUs against the local target (Set-Cookie stored, Cookie sent,
 * redirect hops, the scenario's own Cookie header, cookies: false, clearEachIteration).
 */
import { describe, expect, it } from "vitest";
import { mergeCookieHeader, VuCookieJar } from "./cookie-jar";
import { setUpTargetRuns } from "./testing/target-runs";

describe("VuCookieJar", () => {
  it("matches domain, path, expiry and Secure as a non-browser client", () => {
    const jar = new VuCookieJar();
    expect(jar.isEmpty).toBe(true);
    jar.store("https://a.shop.invalid/app/login", [
      "host=1",
      "dom=2; Domain=shop.invalid; Path=/",
      "deep=3; Path=/app/admin",
      "sec=4; Secure; Path=/",
      "strict=5; SameSite=Strict; Path=/",
      "gone=6; Max-Age=0",
      "other=7; Domain=elsewhere.invalid",
    ]);
    expect(jar.isEmpty).toBe(false);
    const names = (url: string) =>
      jar
        .cookieHeader(url)
        .split("; ")
        .filter(Boolean)
        .map((c) => c.split("=")[0])
        .sort();
    // host-only cookie (default path /app): this host only; Domain cookie: subdomains too
    expect(names("https://a.shop.invalid/app/x")).toEqual(["dom", "host", "sec", "strict"]);
    expect(names("https://b.shop.invalid/app/x")).toEqual(["dom"]);
    expect(names("https://a.shop.invalid/app/admin/users")).toEqual(["deep", "dom", "host", "sec", "strict"]);
    expect(names("https://a.shop.invalid/")).toEqual(["dom", "sec", "strict"]);
    // Secure only over https
    expect(names("http://a.shop.invalid/app/x")).toEqual(["dom", "host", "strict"]);
    // a later Set-Cookie with a past expiry deletes
    jar.store("https://a.shop.invalid/", ["dom=x; Domain=shop.invalid; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]);
    expect(names("https://b.shop.invalid/")).toEqual([]);
    expect(names("https://a.shop.invalid/")).toEqual(["sec", "strict"]);
    // a Secure cookie from http is not stored (loopback is no exception)
    jar.store("http://127.0.0.1/", ["insecure=1; Secure"]);
    expect(jar.cookieHeader("https://127.0.0.1/")).toBe("");
    jar.clear();
    expect(jar.isEmpty).toBe(true);
    expect(jar.cookieHeader("https://a.shop.invalid/app/x")).toBe("");
  });

  it("expires a Max-Age cookie that long after receipt, however often it is sent", async () => {
    const jar = new VuCookieJar();
    jar.store("http://shop.invalid/", ["m=1; Max-Age=1", "keep=2"]);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 200));
      expect(jar.cookieHeader("http://shop.invalid/")).toBe("m=1; keep=2");
    }
    await new Promise((r) => setTimeout(r, 350));
    expect(jar.cookieHeader("http://shop.invalid/")).toBe("keep=2");
  });

  it("merges the scenario's own Cookie header first", () => {
    expect(mergeCookieHeader("own=1", "a=2; b=3")).toBe("own=1; a=2; b=3");
    expect(mergeCookieHeader(undefined, "a=2")).toBe("a=2");
    expect(mergeCookieHeader("own=1", "")).toBe("own=1");
  });
});

describe("cookies in a run", () => {
  const runs = setUpTargetRuns();
  /** Runs to the end; no sample may fail. */
  async function run(yaml: string): Promise<void> {
    expect((await runs.run(yaml)).total.errors).toBe(0);
  }
  /** The Cookie header of each request to `path` (prefix), in order. */
  const sent = (path: string) => runs.target.log.filter((l) => l.url.startsWith(path)).map((l) => l.headers.cookie ?? "");

  it("stores Set-Cookie (redirect hops too) and sends what matches, after the scenario's own Cookie", async () => {
    await run(`
name: c
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { path: "/cookies/set?a=1&attrs=Path=/cookies" }
  - request: { path: "/cookies/set?r=2&attrs=Path=/&to=/cookies/show" }
  - request: { path: "/cookies/set?sec=3&attrs=Secure" }
  - request: { path: "/cookies/show?own", headers: { Cookie: "own=0" } }
  - request: { path: /echo }
`);
    expect(sent("/cookies/show")).toEqual(["a=1; r=2", "own=0; a=1; r=2"]);
    expect(sent("/echo")).toEqual(["r=2"]); // a=1 is scoped to /cookies; sec=3 needs https
  });

  it("cookies: false sends none; clearEachIteration clears before every iteration but the first (init's cookies reach it)", async () => {
    await run(`
name: off
baseUrl: TARGET
cookies: false
load: { vus: 1, iterations: 1 }
steps: [ { request: { path: "/cookies/set?a=1" } }, { request: { path: "/cookies/show?off" } } ]
`);
    expect(sent("/cookies/show?off")).toEqual([""]);
    await run(`
name: clear
baseUrl: TARGET
cookies: { clearEachIteration: true }
load: { vus: 1, iterations: 3 }
init: [ { request: { path: "/cookies/set?init=1&attrs=Path=/" } } ]
steps: [ { request: { path: "/cookies/show?clear" } }, { request: { path: "/cookies/set?it=\${__iteration}&attrs=Path=/" } } ]
`);
    expect(sent("/cookies/show?clear")).toEqual(["init=1", "", ""]);
    await run(`
name: keep
baseUrl: TARGET
load: { vus: 1, iterations: 3 }
init: [ { request: { path: "/cookies/set?init=1&attrs=Path=/" } } ]
steps: [ { request: { path: "/cookies/show?keep" } }, { request: { path: "/cookies/set?it=\${__iteration}&attrs=Path=/" } } ]
`);
    expect(sent("/cookies/show?keep")).toEqual(["init=1", "init=1; it=1", "init=1; it=2"]);
  });
});
