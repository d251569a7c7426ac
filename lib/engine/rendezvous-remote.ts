/**
 * The rendezvous protocol over a message port: VUs in a worker thread use `RemoteRendezvousClient`;
 * the run's single coordinator serves every port through `serveRendezvous`. Messages are batched
 * per microtask, so releasing 10,000 VUs is one message per thread. The same messages could travel
 * over a socket between machines.
 */
import type { RendezvousCoordinator, TReleaseNotice, TRendezvousClient } from "./rendezvous";

export type TRendezvousOp =
  | { op: "arrive"; id: number; name: string }
  | { op: "sent"; releaseId: number; at: number | null }
  | { op: "started"; scenario: string }
  | { op: "finished"; scenario: string };

export interface TRendezvousOpsMessage {
  t: "rv";
  ops: TRendezvousOp[];
}

export interface TRendezvousReleaseMessage {
  t: "rv-release";
  batch: { notice: TReleaseNotice; ids: number[] }[];
}

export interface TPostable {
  postMessage(message: unknown): void;
}

export class RemoteRendezvousClient implements TRendezvousClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (n: TReleaseNotice) => void>();
  private queue: TRendezvousOp[] = [];

  constructor(private readonly port: TPostable) {}

  private push(op: TRendezvousOp): void {
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(op);
  }

  private flush(): void {
    const ops = this.queue;
    this.queue = [];
    if (ops.length > 0) this.port.postMessage({ t: "rv", ops } satisfies TRendezvousOpsMessage);
  }

  arrive(name: string): Promise<TReleaseNotice> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.push({ op: "arrive", id, name });
    });
  }

  reportSent(releaseId: number, at: number | null): void {
    this.push({ op: "sent", releaseId, at });
  }

  vuStarted(scenario: string): void {
    this.push({ op: "started", scenario });
  }

  vuFinished(scenario: string): void {
    this.push({ op: "finished", scenario });
  }

  /** Deliver a release message from the coordinator. */
  onRelease(message: TRendezvousReleaseMessage): void {
    for (const { notice, ids } of message.batch)
      for (const id of ids) {
        const resolve = this.waiting.get(id);
        this.waiting.delete(id);
        resolve?.(notice);
      }
  }
}

/** Coordinator side for one port: apply ops, send releases back batched. */
export function serveRendezvous(coordinator: RendezvousCoordinator, port: TPostable): (m: TRendezvousOpsMessage) => void {
  let pending: Map<number, { notice: TReleaseNotice; ids: number[] }> | null = null;
  const onRelease = (id: number) => (notice: TReleaseNotice) => {
    if (!pending) {
      pending = new Map();
      queueMicrotask(() => {
        const batch = [...pending!.values()];
        pending = null;
        port.postMessage({ t: "rv-release", batch } satisfies TRendezvousReleaseMessage);
      });
    }
    const key = notice.releaseId === -1 ? -1 - id : notice.releaseId;
    const entry = pending.get(key) ?? { notice, ids: [] };
    entry.ids.push(id);
    pending.set(key, entry);
  };
  return (m) => {
    for (const op of m.ops) {
      if (op.op === "arrive") coordinator.arriveWith(op.name, onRelease(op.id));
      else if (op.op === "sent") coordinator.reportSent(op.releaseId, op.at);
      else if (op.op === "started") coordinator.vuStarted(op.scenario);
      else coordinator.vuFinished(op.scenario);
    }
  };
}
