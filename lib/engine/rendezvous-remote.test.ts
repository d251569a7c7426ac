import { describe, expect, it } from "vitest";
import { RendezvousCoordinator, type TReleaseNotice } from "./rendezvous";
import { RemoteRendezvousClient, serveRendezvous, type TRendezvousReleaseMessage } from "./rendezvous-remote";
import { FakeClock } from "./testing/fake-clock";

const tick = () => new Promise((r) => setImmediate(r));

describe("rendezvous over messages (worker threads)", () => {
  it("gathers VUs of two 'threads' at one coordinator and releases each thread with one message", async () => {
    const clock = new FakeClock();
    const c = new RendezvousCoordinator([{ name: "rv", policy: { count: 4 }, timeoutMs: 60_000, scenarios: ["0"] }], { clock, configuredVus: { "0": 4 } });
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
