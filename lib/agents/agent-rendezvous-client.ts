/**
 * The VU side of the global rendezvous on an agent: the same ops the engine's threads send
 * (rendezvous-remote.ts), batched per microtask, and releases delivered at the controller's
 * "release at T". Unlike the thread client it can release everyone waiting locally (the agent
 * lost its controller, or stops), since no controller will answer then.
 */
import type { TReleaseNotice, TRendezvousClient } from "../engine/rendezvous";
import type { TRendezvousOp, TRendezvousReleaseMessage } from "../engine/rendezvous-remote";

export class AgentRendezvousClient implements TRendezvousClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (n: TReleaseNotice) => void>();
  private queue: TRendezvousOp[] = [];
  private stopped = false;

  constructor(private readonly send: (ops: TRendezvousOp[]) => void) {}

  private push(op: TRendezvousOp): void {
    if (this.queue.length === 0) queueMicrotask(() => this.flush());
    this.queue.push(op);
  }

  private flush(): void {
    const ops = this.queue;
    this.queue = [];
    if (ops.length > 0) this.send(ops);
  }

  arrive(name: string): Promise<TReleaseNotice> {
    if (this.stopped) return Promise.resolve({ releaseId: -1, name, at: Date.now(), reason: "stop", released: 0 });
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

  onRelease(message: Pick<TRendezvousReleaseMessage, "batch">): void {
    for (const { notice, ids } of message.batch)
      for (const id of ids) {
        const resolve = this.waiting.get(id);
        this.waiting.delete(id);
        resolve?.(notice);
      }
  }

  /** Release every waiting VU here and let later arrivals pass (reason `stop`). */
  releaseAll(): void {
    this.stopped = true;
    const notice: TReleaseNotice = { releaseId: -1, name: "", at: Date.now(), reason: "stop", released: 0 };
    for (const resolve of this.waiting.values()) resolve(notice);
    this.waiting.clear();
  }
}
