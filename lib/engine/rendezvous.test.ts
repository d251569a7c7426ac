import { describe, expect, it } from "vitest";
import {
  RendezvousCoordinator,
  rendezvousPoints,
  configuredVus,
  unreachableRendezvous,
  type TReleaseNotice,
  type TRendezvousPointConfig,
} from "./rendezvous";
import { FakeClock } from "./testing/fake-clock";
import { parseScenario, type TScenario } from "./scenario";

function setup(point: Partial<TRendezvousPointConfig>, configured: Record<string, number> = { "0": 10 }) {
  const clock = new FakeClock();
  const config: TRendezvousPointConfig = { name: "rv", policy: { count: 3 }, timeoutMs: 30_000, scenarios: ["0"], ...point };
  const c = new RendezvousCoordinator([config], { clock, configuredVus: configured });
  const notices: TReleaseNotice[] = [];
  const arrive = (name = "rv") => c.arriveWith(name, (n) => notices.push(n));
  return { clock, c, notices, arrive };
}

describe("rendezvous policies", () => {
  it("count N: releases when N wait, all at the same instant", () => {
    const { c, notices, arrive } = setup({ policy: { count: 3 } });
    arrive();
    arrive();
    expect(notices).toHaveLength(0);
    arrive();
    expect(notices).toHaveLength(3);
    expect(new Set(notices.map((n) => n.releaseId)).size).toBe(1);
    expect(notices[0]).toMatchObject({ reason: "policy", released: 3 });
    expect(c.releases()[0]?.releases).toEqual([expect.objectContaining({ released: 3, reason: "policy" })]);
  });

  it("% of all VUs: counts every configured VU, ramp-up or not", () => {
    // 100 VUs configured, only 10 running (ramping up): 100 % of all waits for 100.
    const { c, notices, arrive } = setup({ policy: { allVusersPercent: 100 } }, { "0": 100 });
    for (let i = 0; i < 10; i++) c.vuStarted("0");
    for (let i = 0; i < 10; i++) arrive();
    expect(notices).toHaveLength(0);
    expect(c.threshold({ config: { name: "rv", policy: { allVusersPercent: 50 }, timeoutMs: 1, scenarios: ["0"] } } as never)).toBe(50);
  });

  it("% of running VUs: releases at P % of those started and not finished", () => {
    const { c, notices, arrive } = setup({ policy: { runningVusersPercent: 100 } }, { "0": 100 });
    for (let i = 0; i < 10; i++) c.vuStarted("0");
    for (let i = 0; i < 9; i++) arrive();
    expect(notices).toHaveLength(0);
    arrive();
    expect(notices).toHaveLength(10);
    expect(notices[0]?.reason).toBe("policy");
  });

  it("% of running VUs re-evaluates when a running VU finishes", () => {
    const { c, notices, arrive } = setup({ policy: { runningVusersPercent: 50 } }, { "0": 100 });
    for (let i = 0; i < 10; i++) c.vuStarted("0");
    for (let i = 0; i < 4; i++) arrive(); // needs 5 of 10
    expect(notices).toHaveLength(0);
    c.vuFinished("0");
    c.vuFinished("0"); // 8 running → needs 4
    expect(notices).toHaveLength(4);
  });
});

describe("rendezvous timeout", () => {
  it("is measured between consecutive arrivals, not from the first", () => {
    const { clock, notices, arrive } = setup({ policy: { count: 10 }, timeoutMs: 2000 });
    arrive();
    clock.advance(1500);
    arrive(); // resets the timeout
    clock.advance(1500); // 3000 ms since the first, 1500 since the last
    expect(notices).toHaveLength(0);
    clock.advance(501);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ reason: "timeout", released: 2 });
  });

  it("runs from the first arrival for the first VU", () => {
    const { clock, notices, arrive } = setup({ policy: { count: 10 }, timeoutMs: 1000 });
    clock.advance(5000); // nobody waiting: nothing happens
    arrive();
    clock.advance(999);
    expect(notices).toHaveLength(0);
    clock.advance(2);
    expect(notices).toHaveLength(1);
  });
});

describe("re-arm, shared names, stop", () => {
  it("re-arms after each release with a fresh timeout", () => {
    const { clock, c, notices, arrive } = setup({ policy: { count: 2 }, timeoutMs: 1000 });
    arrive();
    arrive();
    expect(notices).toHaveLength(2);
    arrive();
    expect(notices).toHaveLength(2);
    expect(c.waitingAt("rv")).toBe(1);
    arrive();
    expect(notices).toHaveLength(4);
    expect(notices[2]!.releaseId).not.toBe(notices[0]!.releaseId);
    arrive();
    clock.advance(1001);
    expect(notices).toHaveLength(5);
    expect(c.releases()[0]?.releases.map((r) => r.reason)).toEqual(["policy", "policy", "timeout"]);
  });

  it("one name in several scenarios is one point; % of all counts all of them", () => {
    const yaml = (name: string, vus: number) => `
name: ${name}
baseUrl: http://127.0.0.1:1
load: { vus: ${vus}, iterations: 1 }
steps:
  - rendezvous: { name: shared, policy: { allVusersPercent: 100 } }
  - request: { path: /x }
`;
    const parse = (t: string) => (parseScenario(t, "yaml") as { scenario: TScenario }).scenario;
    const scenarios = [parse(yaml("a", 2)), parse(yaml("b", 3))];
    const points = rendezvousPoints(scenarios);
    expect(points).toEqual([{ name: "shared", policy: { allVusersPercent: 100 }, timeoutMs: 30_000, scenarios: ["0", "1"] }]);
    const c = new RendezvousCoordinator(points, { clock: new FakeClock(), configuredVus: configuredVus(scenarios) });
    const got: TReleaseNotice[] = [];
    for (let i = 0; i < 4; i++) c.arriveWith("shared", (n) => got.push(n));
    expect(got).toHaveLength(0);
    c.arriveWith("shared", (n) => got.push(n));
    expect(got).toHaveLength(5);
  });

  it("run overrides replace the policy and timeout of every point", () => {
    const s = (
      parseScenario(
        `
name: a
baseUrl: http://127.0.0.1:1
load: { vus: 2, iterations: 1 }
steps: [ { rendezvous: { name: p, policy: { count: 2 } } }, { rendezvous: { name: q } } ]
`,
        "yaml",
      ) as { scenario: TScenario }
    ).scenario;
    const points = rendezvousPoints([s], { rendezvousPolicy: { runningVusersPercent: 50 }, rendezvousTimeoutSeconds: 5 });
    expect(points.map((p) => [p.name, p.policy, p.timeoutMs])).toEqual([
      ["p", { runningVusersPercent: 50 }, 5000],
      ["q", { runningVusersPercent: 50 }, 5000],
    ]);
  });

  it("without a timeout, releases at once (reason unreachable) when the others finish and the policy can never be met", () => {
    const { c, notices, arrive } = setup({ policy: { count: 5 }, timeoutMs: 0 }, { "0": 4 });
    for (let i = 0; i < 4; i++) c.vuStarted("0");
    arrive();
    arrive();
    c.vuFinished("0");
    expect(notices).toHaveLength(0);
    c.vuFinished("0"); // 2 may still come, both waiting
    expect(notices).toHaveLength(2);
    expect(notices[0]?.reason).toBe("unreachable");
  });

  it("with a timeout, VUs left waiting when the others finish are released by the timeout", () => {
    const { clock, c, notices, arrive } = setup({ policy: { count: 5 }, timeoutMs: 1000 }, { "0": 4 });
    for (let i = 0; i < 4; i++) c.vuStarted("0");
    arrive();
    arrive();
    c.vuFinished("0");
    c.vuFinished("0");
    clock.advance(999);
    expect(notices).toHaveLength(0);
    clock.advance(1);
    expect(notices.map((n) => n.reason)).toEqual(["timeout", "timeout"]);
  });

  it("stop() releases everyone and lets later arrivals pass without waiting", () => {
    const { c, notices, arrive } = setup({ policy: { count: 100 } }, { "0": 100 });
    arrive();
    arrive();
    c.stop();
    expect(notices.map((n) => n.reason)).toEqual(["stop", "stop"]);
    arrive();
    expect(notices).toHaveLength(3);
    expect(notices[2]?.releaseId).toBe(-1);
    expect(c.releases()[0]?.releases).toHaveLength(1);
  });

  it("records skew: release → last released VU's next request sent", () => {
    const { clock, c, notices, arrive } = setup({ policy: { count: 3 } });
    arrive();
    arrive();
    arrive();
    const { releaseId, at } = notices[0]!;
    c.reportSent(releaseId, at + 1.5);
    c.reportSent(releaseId, at + 7.25);
    expect(c.takeFinalized()).toEqual([]);
    c.reportSent(releaseId, null); // the third sent nothing more
    const done = c.takeFinalized();
    expect(done).toEqual([{ name: "rv", release: { at: clock.now(), released: 3, reason: "policy", skewMs: 7.25 } }]);
    expect(c.releases()[0]?.releases[0]?.skewMs).toBe(7.25);
  });
});

describe("a policy that can never be met (count 50, 20 VUs)", () => {
  const twenty = () => {
    const s = setup({ name: "vote_rv", policy: { count: 50 }, timeoutMs: 1000 }, { "0": 20 });
    for (let i = 0; i < 20; i++) s.c.vuStarted("0");
    return s;
  };

  it("waits for the timeout between arrivals, every time, and releases as `timeout`", () => {
    const { clock, c, notices, arrive } = twenty();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 20; i++) {
        arrive("vote_rv");
        clock.advance(10); // arrivals 10 ms apart: each resets the timeout
      }
      expect(notices).toHaveLength(round * 20); // all 20 wait: not released at once
      clock.advance(989); // 999 ms after the last arrival
      expect(notices).toHaveLength(round * 20);
      clock.advance(1);
      expect(notices).toHaveLength((round + 1) * 20);
    }
    const releases = c.releases()[0]!.releases;
    expect(releases.map((r) => [r.released, r.reason])).toEqual([
      [20, "timeout"],
      [20, "timeout"],
      [20, "timeout"],
    ]);
    // Each release is ≥ the timeout after the previous one (the last arrival in between).
    for (let i = 1; i < releases.length; i++) expect(releases[i]!.at - releases[i - 1]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("without a timeout, releases the 20 as `unreachable` as soon as all of them wait", () => {
    const { c, notices, arrive } = setup({ name: "vote_rv", policy: { count: 50 }, timeoutMs: 0 }, { "0": 20 });
    for (let i = 0; i < 20; i++) c.vuStarted("0");
    for (let i = 0; i < 19; i++) arrive("vote_rv");
    expect(notices).toHaveLength(0);
    arrive("vote_rv");
    expect(notices).toHaveLength(20);
    expect(notices[0]).toMatchObject({ reason: "unreachable", released: 20 });
  });

  it("without a timeout, a reachable policy is never released early", () => {
    const { clock, notices, arrive, c } = setup({ policy: { count: 3 }, timeoutMs: 0 }, { "0": 4 });
    for (let i = 0; i < 4; i++) c.vuStarted("0");
    arrive();
    arrive();
    clock.advance(3_600_000);
    expect(notices).toHaveLength(0);
    arrive();
    expect(notices.map((n) => n.reason)).toEqual(["policy", "policy", "policy"]);
  });

  it("is named as a run warning with the policy and the VU count", () => {
    const points: TRendezvousPointConfig[] = [
      { name: "vote_rv", policy: { count: 50 }, timeoutMs: 1000, scenarios: ["0", "1"] },
      { name: "fits", policy: { count: 20 }, timeoutMs: 1000, scenarios: ["0", "1"] },
      { name: "all", policy: { allVusersPercent: 100 }, timeoutMs: 0, scenarios: ["0"] },
    ];
    const events = unreachableRendezvous(points, { "0": 12, "1": 8 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      level: "warning",
      code: "rendezvous_unreachable",
      details: { point: "vote_rv", policy: "count 50", count: 50, vus: 20, timeoutSeconds: 1 },
    });
    expect(events[0]!.message).toMatch(/^count 50 can never be met: 20 VUs use vote_rv/);
  });
});
