import { describe, expect, it } from "vitest";
import { runLoad } from "./run-load";
import type { TRunSummary } from "./metrics/types";
import { refusedPort, type TTarget } from "./testing/target";
import { setUpTwoTargets } from "./testing/target-runs";

const targets = setUpTwoTargets();
const scenario = targets.scenario;
const label = (s: TRunSummary, name: string) => s.labels.find((l) => l.label === name);
const urls = (t: TTarget) => t.log.map((l) => `${l.method} ${l.url}`);

describe("redirects", () => {
  it("follows them by default as one sample; 303 turns a POST into a GET, 307 repeats it; credentials stay on their origin", async () => {
    const s = scenario(`
name: redirects
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { name: chain, path: "/redirect/301?to=/redirect/302%3Fto%3D/json", expect: { json: { "$.ok": true } } }
  - request: { name: post303, method: POST, path: "/redirect/303?to=/echo", body: "b", expect: { json: { "$.method": GET } } }
  - request: { name: post307, method: POST, path: "/redirect/307?to=/echo", body: "b", expect: { json: { "$.method": POST, "$.body": b } } }
  - request: { name: away, path: "/redirect/302?to=OTHER/echo", headers: { Authorization: "Bearer secret", X-Keep: k } }
  - request: { name: manual, path: "/redirect/302?to=/fast", followRedirects: false }
`);
    const { summary } = await runLoad({ scenarios: [s], workers: 0 }).done;
    expect(summary.total.errors).toBe(0);
    expect(label(summary, "chain")?.samples).toBe(1);
    expect(urls(targets.target)).toContain("GET /json");
    const away = targets.other.log.find((l) => l.url === "/echo");
    expect(away?.headers.authorization).toBeUndefined();
    expect(away?.headers["x-keep"]).toBe("k");
    expect(urls(targets.target)).not.toContain("GET /fast");
    expect(summary.total.samples).toBe(5);
  });

  it("stops a redirect loop after 10 hops with a clear error, and a hop to a refused target fails like any request", async () => {
    const refused = await refusedPort();
    const s = scenario(`
name: loops
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { name: loop, path: /loop }
  - request: { name: gone, path: "/redirect/302?to=http://127.0.0.1:${refused}/x" }
`);
    const before = targets.target.log.filter((l) => l.url === "/loop").length;
    const { summary } = await runLoad({ scenarios: [s], workers: 0 }).done;
    const errors = Object.fromEntries(summary.errors.map((e) => [e.label, e]));
    expect(errors.loop?.kind).toBe("other");
    expect(errors.loop?.examples[0]).toMatch(/more than 10 redirects/);
    expect(targets.target.log.filter((l) => l.url === "/loop").length - before).toBe(11);
    expect(errors.gone?.kind).toBe("connection_refused");
  });

  it("checks every hop against the target allow-list", async () => {
    const otherPort = new URL(targets.other.url).port;
    const s = scenario(`
name: allow
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { name: hop, path: "/redirect/302?to=http://localhost:${otherPort}/fast" }
`);
    const before = targets.other.log.length;
    const { summary } = await runLoad({ scenarios: [s], workers: 0, allowTarget: (host) => host !== "localhost" }).done;
    expect(summary.errors[0]).toMatchObject({ label: "hop", kind: "other" });
    expect(summary.errors[0]?.examples[0]).toMatch(/localhost .*not allowed/);
    expect(targets.other.log.length).toBe(before);
  });
});
