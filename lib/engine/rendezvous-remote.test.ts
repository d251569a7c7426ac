import { describe, expect, it } from "vitest";
import { RendezvousCoordinator, type TReleaseNotice } from "./rendezvous";
import {
  linkStateOps,
  RemoteRendezvousClient,
  serveRendezvous,
  type TRendezvousOp,
  type TRendezvousReleaseMessage,
} from "./rendezvous-remote";
import { FakeClock } from "./testing/fake-clock";

const tick = () => new Promise((r) => setImmediate(r));

describe("rendezvous over messages (worker threads)", () => {
  it("gathers VUs of two 'threads' at one coordinator and releases each thread with one message", async () => {
    const clock = new FakeClock();
    const c = new RendezvousCoordinator([{ name: "rv", policy: { count: 4 }, timeoutMs: 60_000, scenarios: ["0"] }], {
      clock,
      configuredVus: { "0": 4 },
    });
    const sentToThreads: TRendezvousReleaseMessage[][] = [[], []];
    const clients: RemoteRendezvousClient[] = [];
    for (let t = 0; t < 2; t++) {
      const toThread = { postMessage: (m: unknown) => sentToThreads[t]!.push(m as TRendezvousReleaseMessage) };
      const serve = serveRendezvous(c, toThread);
      // thread → coordinator
      const client = new RemoteRendezvousClient((ops) => serve({ t: "rv", ops }));
      clients.push(client);
    }
    const notices: TReleaseNotice[] = [];
    for (const client of clients) for (let i = 0; i < 2; i++) void client.arrive("rv").then((n) => notices.push(n));
    await tick();
    expect(c.waitingAt("rv")).toBe(0); // 4 arrived → released
    expect(sentToThreads.map((m) => m.length)).toEqual([1, 1]);
    expect(sentToThreads[0]![0]!.batch[0]!.ids).toHaveLength(2);
    clients.forEach((client, t) => client.onRelease(sentToThreads[t]![0]!));
    await tick();
    expect(notices).toHaveLength(4);
    expect(new Set(notices.map((n) => n.releaseId)).size).toBe(1);
    // skew reports travel back the same way
    const { releaseId, at } = notices[0]!;
    clients[0]!.reportSent(releaseId, at + 3);
    clients[0]!.reportSent(releaseId, null);
    clients[1]!.reportSent(releaseId, at + 1);
    clients[1]!.reportSent(releaseId, null);
    await tick();
    expect(c.takeFinalized()[0]?.release.skewMs).toBe(3);
  });
});

describe("a coordinator that restarts (agents resync)", () => {
  it("gets every waiting VU and the counts from the links' state, releases them once, and links remember their releases", async () => {
    const points = [{ name: "rv", policy: { count: 4 }, timeoutMs: 0, scenarios: ["0"] }];
    let coordinator = new RendezvousCoordinator(points, { configuredVus: { "0": 4 } });
    const clients: RemoteRendezvousClient[] = [];
    const serves: ((m: { t: "rv"; ops: TRendezvousOp[] }) => void)[] = [];
    const connect = () => {
      serves.length = 0;
      for (const client of clients)
        serves.push(serveRendezvous(coordinator, { postMessage: (m: unknown) => client.onRelease(m as TRendezvousReleaseMessage) }));
    };
    let down = false;
    for (let t = 0; t < 2; t++) clients.push(new RemoteRendezvousClient((ops) => (down ? undefined : serves[t]!({ t: "rv", ops }))));
    connect();
    const notices: TReleaseNotice[] = [];
    for (const client of clients) for (let i = 0; i < 2; i++) client.vuStarted("0");
    // First round: released by the first coordinator.
    for (const client of clients) for (let i = 0; i < 2; i++) void client.arrive("rv").then((n) => notices.push(n));
    await tick();
    expect(notices.map((n) => n.releaseId)).toEqual([1, 1, 1, 1]);
    // The coordinator dies; three VUs arrive meanwhile (their ops go nowhere).
    down = true;
    void clients[0]!.arrive("rv").then((n) => notices.push(n));
    void clients[0]!.arrive("rv").then((n) => notices.push(n));
    void clients[1]!.arrive("rv").then((n) => notices.push(n));
    await tick();
    coordinator = new RendezvousCoordinator(points, { configuredVus: { "0": 4 }, firstReleaseId: 1000 });
    down = false;
    connect();
    const states = clients.map((c) => c.resyncState());
    expect(states.map((s) => s.waiting.length)).toEqual([2, 1]);
    expect(states[0]!.releases.map((r) => [r.notice.releaseId, r.notice.released])).toEqual([[1, 4]]);
    states.forEach((s, t) => serves[t]!({ t: "rv", ops: linkStateOps(s).counts }));
    states.forEach((s, t) => serves[t]!({ t: "rv", ops: linkStateOps(s).arrivals }));
    await tick();
    expect(coordinator.waitingAt("rv")).toBe(3); // counted once each, not released on 3 of 4
    void clients[1]!.arrive("rv").then((n) => notices.push(n));
    await tick();
    await tick();
    expect(coordinator.waitingAt("rv")).toBe(0);
    expect(notices.slice(4).map((n) => [n.releaseId, n.released])).toEqual([
      [1000, 4],
      [1000, 4],
      [1000, 4],
      [1000, 4],
    ]);
    expect(coordinator.releases()[0]!.releases).toHaveLength(1);
  });

  it("releaseAll lets every waiting VU go, and later arrivals pass", async () => {
    const client = new RemoteRendezvousClient(() => undefined);
    const waiting = client.arrive("rv");
    client.releaseAll();
    expect((await waiting).reason).toBe("stop");
    expect((await client.arrive("rv")).releaseId).toBe(-1);
  });
});
