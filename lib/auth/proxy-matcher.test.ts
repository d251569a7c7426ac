import { AsyncLocalStorage } from "node:async_hooks";
import { beforeAll, describe, expect, it } from "vitest";

// Next's matcher test helper reads AsyncLocalStorage from the global scope, as the Next server sets it.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

type TMatch = (path: string) => boolean;
let proxyRuns: TMatch;

beforeAll(async () => {
  const { unstable_doesMiddlewareMatch } = await import("next/experimental/testing/server");
  const { config } = await import("@/proxy");
  proxyRuns = (url) => unstable_doesMiddlewareMatch({ config, url });
});

describe("proxy matcher", () => {
  it("skips exactly the streamed JTL upload and Next's immutable build assets", () => {
    expect(proxyRuns("/api/imports/jmeter")).toBe(false);
    expect(proxyRuns("/api/imports/jmeter?moduleId=m1")).toBe(false);
    expect(proxyRuns("/_next/static/chunks/app.js")).toBe(false);
  });

  it("runs on every other path, including near misses of the excluded one", () => {
    for (const path of [
      "/api/imports/jmeterX",
      "/api/imports/jmeter%2Fx",
      "/api/imports/jmeter%2F..%2Fimp_1",
      "/api/imports/jmeter/x",
      "/api/imports/jmeter.json",
      "/api/imports/jmeter-log",
      "/api/imports/jmx",
      "/api/imports/imp_1",
      "/api/runs",
      "/runs",
      "/",
    ]) {
      expect({ path, runs: proxyRuns(path) }).toEqual({ path, runs: true });
    }
  });
});
