import { describe, expect, it } from "vitest";
import { publicOrigin, requestOrigin, signInNeedsHttps, usesSecureCookies } from "./public-origin";

const req = (headers: Record<string, string>, url = "http://localhost:3000/api/x") => ({ url, headers: new Headers(headers) });

describe("requestOrigin / publicOrigin", () => {
  it("prefers forwarded headers, then Host, then the URL", () => {
    expect(requestOrigin(req({}))).toBe("http://localhost:3000");
    expect(requestOrigin(req({ host: "server.lan:3000" }))).toBe("http://server.lan:3000");
    expect(
      requestOrigin(req({ host: "10.0.0.2:3000", "x-forwarded-host": "mp.example.test, inner", "x-forwarded-proto": "https,http" })),
    ).toBe("https://mp.example.test");
    expect(requestOrigin(req({ host: "bad host/x" }))).toBe("http://localhost:3000");
  });

  it("uses the configured public URL first, when it is an http(s) URL", () => {
    expect(publicOrigin(req({ host: "server.lan:3000" }), "https://mp.example.test/x")).toBe("https://mp.example.test");
    expect(publicOrigin(req({ host: "server.lan:3000" }), "ftp://nope")).toBe("http://server.lan:3000");
    expect(publicOrigin(req({ host: "server.lan:3000" }), "")).toBe("http://server.lan:3000");
  });
});

describe("usesSecureCookies / signInNeedsHttps", () => {
  it("Secure only over HTTPS, by the configured URL or the request", () => {
    expect(usesSecureCookies(req({ host: "server.lan:3000" }), "")).toBe(false);
    expect(usesSecureCookies(req({ "x-forwarded-proto": "https" }), "")).toBe(true);
    expect(usesSecureCookies(req({}), "https://mp.example.test")).toBe(true);
    expect(usesSecureCookies(req({ "x-forwarded-proto": "https" }), "http://server.lan:3000")).toBe(false);
  });

  it("warns on the sign-in page only when an https public URL is opened over http", () => {
    expect(signInNeedsHttps(new Headers({ host: "server.lan:3000" }), "https://mp.example.test")).toBe("https://mp.example.test");
    expect(signInNeedsHttps(new Headers({ "x-forwarded-proto": "https" }), "https://mp.example.test")).toBeNull();
    expect(signInNeedsHttps(new Headers({ host: "server.lan:3000" }), "")).toBeNull();
    expect(signInNeedsHttps(new Headers({ host: "server.lan:3000" }), "http://server.lan:3000")).toBeNull();
  });
});
