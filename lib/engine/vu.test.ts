import { describe, expect, it } from "vitest";
import type { HttpAgent, THttpRequest, THttpResponse } from "./http";
import { combineHealth } from "./metrics/health";
import type { TSample } from "./metrics/recorder";
import type { TReleaseNotice, TRendezvousClient } from "./rendezvous";
import { parseScenario, type TScenario } from "./scenario";
import { compileScenario, VirtualUser, type TVuEnv } from "./vu";

function scenario(yaml: string): TScenario {
  const r = parseScenario(yaml, "yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** An HTTP stub: every request takes `ms` of (real) time and returns 200. */
function stubHttp(ms: number, sent: THttpRequest[] = []): HttpAgent {
  return {
    request: async (req: THttpRequest): Promise<THttpResponse> => {
      sent.push(req);
      const startMs = performance.timeOrigin + performance.now();
      await new Promise((r) => setTimeout(r, ms));
      return {
        status: 200,
        headers: {},
        body: '{"token":"zz"}',
        startMs,
        elapsedMs: ms,
        latencyMs: ms / 2,
        connectMs: 0,
        bytesReceived: 2,
        bytesSent: 10,
      };
    },
  } as unknown as HttpAgent;
}

function env(s: TScenario, over: Partial<TVuEnv> = {}): { env: TVuEnv; samples: TSample[]; reports: [number, number | null][] } {
  const samples: TSample[] = [];
  const reports: [number, number | null][] = [];
  const rendezvous: TRendezvousClient = {
    arrive: (name) =>
      new Promise<TReleaseNotice>((r) => setTimeout(() => r({ releaseId: 7, name, at: Date.now(), reason: "policy", released: 1 }), 150)),
    reportSent: (id, at) => reports.push([id, at]),
    vuStarted: () => undefined,
    vuFinished: () => undefined,
  };
  return {
    samples,
    reports,
    env: {
      scenario: compileScenario(s, "0"),
      http: stubHttp(5),
      record: (x) => samples.push(x),
      rendezvous,
      rendezvousEnabled: true,
      data: [],
      stopSignal: new AbortController().signal,
      hardSignal: new AbortController().signal,
      ...over,
    },
  };
}

describe("VirtualUser", () => {
  it("excludes rendezvous waits from nested transactions and reports the next request for skew", async () => {
    const s = scenario(`
name: v
baseUrl: http://127.0.0.1:1
load: { vus: 1, iterations: 1 }
steps:
  - transaction:
      name: outer
      steps:
        - transaction:
            name: inner
            steps:
              - rendezvous: { name: rv }
              - request: { name: r, path: /x }
`);
    const e = env(s);
    await new VirtualUser(1, e.env).runIteration();
    const by = Object.fromEntries(e.samples.map((x) => [x.label, x]));
    expect(by.rv!.kind).toBe("rendezvous_wait");
    expect(by.rv!.elapsedMs).toBeGreaterThanOrEqual(140);
    expect(by.inner!.elapsedMs).toBeLessThan(100);
    expect(by.outer!.elapsedMs).toBeLessThan(100);
    expect(e.reports).toHaveLength(1);
    expect(e.reports[0]![0]).toBe(7);
    expect(e.reports[0]![1]).toBe(by.r!.startMs);
  });

  it("open model: the first sample of a late iteration counts from the intended start", async () => {
    const s = scenario(`
name: o
baseUrl: http://127.0.0.1:1
load: { arrivalRate: { perSecond: 1, durationSeconds: 1, maxVus: 1 } }
steps: [ { request: { name: a, path: /a } }, { request: { name: b, path: /b } } ]
`);
    const e = env(s);
    const vu = new VirtualUser(1, e.env);
    vu.startDelayMs = 250;
    await vu.runIteration();
    expect(e.samples[0]).toMatchObject({ label: "a", elapsedMs: 255, latencyMs: 252.5 });
    expect(e.samples[1]).toMatchObject({ label: "b", elapsedMs: 5 });
  });

  it("renders templates with vu, iteration, scenario variables and extracted values", async () => {
    const s = scenario(`
name: t
baseUrl: http://127.0.0.1:1/api
variables: { app: demo }
headers: { x-app: "\${app}" }
load: { vus: 1, iterations: 2 }
steps:
  - request: { path: /login, method: post, json: { user: "u\${vu}-\${iteration}" }, extract: { token: { json: "$.token" } } }
  - request: { path: /me, query: { t: "\${token}" }, headers: { Authorization: "Bearer \${token}" } }
`);
    const sent: THttpRequest[] = [];
    const e = env(s, { http: stubHttp(1, sent) });
    await new VirtualUser(4, e.env).runIteration();
    expect(sent[0]).toMatchObject({ method: "POST", path: "/api/login", body: '{"user":"u4-1"}' });
    expect(sent[0]!.headers).toMatchObject({ "x-app": "demo", "content-type": "application/json" });
    expect(sent[1]).toMatchObject({ path: "/api/me?t=zz" });
    expect(sent[1]!.headers.authorization).toBe("Bearer zz");
  });

  it("skips rendezvous when switched off", async () => {
    const s = scenario(`
name: off
baseUrl: http://127.0.0.1:1
load: { vus: 1, iterations: 1 }
steps: [ { rendezvous: { name: rv } }, { request: { path: /x } } ]
`);
    const e = env(s, { rendezvousEnabled: false });
    await new VirtualUser(1, e.env).runIteration();
    expect(e.samples.map((x) => x.kind)).toEqual(["request"]);
  });
});

describe("generator health", () => {
  it("flags a saturated second by event-loop utilisation or lag", () => {
    expect(combineHealth(50, [{ eventLoopLagMs: 1, eventLoopUtilization: 0.3 }], 4)).toMatchObject({ saturated: false, openSockets: 4 });
    expect(combineHealth(99, [{ eventLoopLagMs: 1, eventLoopUtilization: 0.97 }], 4).saturated).toBe(true);
    expect(
      combineHealth(
        20,
        [
          { eventLoopLagMs: 80, eventLoopUtilization: 0.5 },
          { eventLoopLagMs: 2, eventLoopUtilization: 0.1 },
        ],
        0,
      ),
    ).toMatchObject({ saturated: true, eventLoopLagMs: 80 });
  });
});
