/**
 * The rendezvous protocol as messages: VUs away from the run's single coordinator (in a worker
 * thread, or on an agent across NATS) use `RemoteRendezvousClient`, which sends its ops through
 * whatever `send` it is given; the coordinator serves every link through `serveRendezvous`.
 * Messages are batched per microtask, so releasing 10,000 VUs is one message per thread or agent.
 *
 * The client also keeps what a coordinator that restarted would need to rebuild its view of this
 * link (`resyncState`): VUs started / finished per scenario, who waits where, and the releases it
 * carried out lately (so a release the old coordinator never recorded is recorded once after all).
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

/** A release this link's VUs carried out, as it knows it. */
export interface TCarriedRelease {
  notice: TReleaseNotice;
  /** The latest "request sent" among this link's released VUs (its own clock); null: none yet. */
  maxSentMs: number | null;
}

/** What a fresh coordinator needs to know about one link (resync after a restart). */
export interface TRendezvousLinkState {
  /** VUs started / finished so far, per scenario key. */
  started: Record<string, number>;
  finished: Record<string, number>;
  /** VUs waiting now (their arrival ids and points). */
  waiting: { id: number; name: string }[];
  /** The latest releases carried out here, oldest first. */
  releases: TCarriedRelease[];
}

/** How many recent releases a client remembers for a resync (a restart takes seconds). */
const CARRIED_RELEASES_KEPT = 64;

/** Ops over a MessagePort (a worker thread and its run). */
export const sendOverPort =
  (port: TPostable) =>
  (ops: TRendezvousOp[]): void =>
    port.postMessage({ t: "rv", ops } satisfies TRendezvousOpsMessage);

export class RemoteRendezvousClient implements TRendezvousClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { name: string; resolve: (n: TReleaseNotice) => void }>();
  private queue: TRendezvousOp[] = [];
  private stopped = false;
  private readonly started: Record<string, number> = {};
  private readonly finished: Record<string, number> = {};
  private readonly carried = new Map<number, TCarriedRelease>();

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
      this.waiting.set(id, { name, resolve });
      this.push({ op: "arrive", id, name });
    });
  }

  reportSent(releaseId: number, at: number | null): void {
    const c = this.carried.get(releaseId);
    if (c && at !== null) c.maxSentMs = Math.max(c.maxSentMs ?? at, at);
    this.push({ op: "sent", releaseId, at });
  }

  vuStarted(scenario: string): void {
    this.started[scenario] = (this.started[scenario] ?? 0) + 1;
    this.push({ op: "started", scenario });
  }

  vuFinished(scenario: string): void {
    this.finished[scenario] = (this.finished[scenario] ?? 0) + 1;
    this.push({ op: "finished", scenario });
  }

  /** Deliver a release message from the coordinator. */
  onRelease(message: Pick<TRendezvousReleaseMessage, "batch">): void {
    for (const { notice, ids } of message.batch) {
      if (notice.releaseId > 0 && !this.carried.has(notice.releaseId)) {
        this.carried.set(notice.releaseId, { notice, maxSentMs: null });
        if (this.carried.size > CARRIED_RELEASES_KEPT) this.carried.delete(this.carried.keys().next().value!);
      }
      for (const id of ids) {
        const w = this.waiting.get(id);
        this.waiting.delete(id);
        w?.resolve(notice);
      }
    }
  }

  /**
   * Release every VU waiting here and let later arrivals pass (reason `stop`): the link lost its
   * coordinator, or the run stops, and no release would come.
   */
  releaseAll(): void {
    this.stopped = true;
    const notice: TReleaseNotice = { releaseId: -1, name: "", at: Date.now(), reason: "stop", released: 0 };
    for (const w of this.waiting.values()) w.resolve(notice);
    this.waiting.clear();
  }

  /**
   * This link's state for a coordinator that restarted. Ops still queued are dropped but for skew
   * reports: the state already says what they would (sending both would count twice).
   */
  resyncState(): TRendezvousLinkState {
    this.queue = this.queue.filter((op) => op.op === "sent");
    return {
      started: { ...this.started },
      finished: { ...this.finished },
      waiting: [...this.waiting].map(([id, w]) => ({ id, name: w.name })),
      releases: [...this.carried.values()].map((c) => ({ notice: { ...c.notice }, maxSentMs: c.maxSentMs })),
    };
  }
}

/**
 * A link's state as ops for a fresh coordinator. Apply every link's `counts` before any link's
 * `arrivals`: a policy checked with half the VUs counted could release too early (the counts
 * only ever pass through values at or above the true number running, never below).
 */
export function linkStateOps(state: Pick<TRendezvousLinkState, "started" | "finished" | "waiting">): {
  counts: TRendezvousOp[];
  arrivals: TRendezvousOp[];
} {
  const counts: TRendezvousOp[] = [];
  for (const [scenario, n] of Object.entries(state.started)) for (let i = 0; i < n; i++) counts.push({ op: "started", scenario });
  for (const [scenario, n] of Object.entries(state.finished)) for (let i = 0; i < n; i++) counts.push({ op: "finished", scenario });
  return { counts, arrivals: state.waiting.map((w) => ({ op: "arrive", id: w.id, name: w.name })) };
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
