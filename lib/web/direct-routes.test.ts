import { describe, expect, it } from "vitest";
import { acceptsGzip, matchDirectRoute } from "./direct-routes";

describe("matchDirectRoute", () => {
  it("takes GET of the three read routes, with their params decoded and any query", () => {
    expect(matchDirectRoute("GET", "/api/health")?.params).toEqual({});
    expect(matchDirectRoute("GET", "/api/runs?take=5&status=completed")?.params).toEqual({});
    expect(matchDirectRoute("GET", "/api/runs/r%2D1/results?from=1")?.params).toEqual({ runId: "r-1" });
  });

  it("leaves everything else to Next: other methods, other paths, a trailing slash, a malformed escape", () => {
    for (const [method, url] of [
      ["POST", "/api/runs"],
      ["HEAD", "/api/runs"],
      ["GET", "/api/runs/"],
      ["GET", "/api/runs/r1"],
      ["GET", "/api/runs/r1/results/x"],
      ["GET", "/api/runs/a/b/results"],
      ["GET", "/api/runs/%E0%A4%A/results"],
      ["GET", "/api/imports/jmeter"],
      ["GET", "/runs"],
    ] as const)
      expect(matchDirectRoute(method, url), `${method} ${url}`).toBeNull();
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding as HTTP does: listed, or *, and not q=0", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("deflate, br")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
