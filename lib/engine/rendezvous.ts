/**
 * Rendezvous points (集合点), exactly as LoadRunner defines them (docs/scenario-format.md, `rendezvous`):
 * - a VU reaching a point waits; when the policy is met every waiting VU is released at once;
 * - policies: % of all VUs configured (over every scenario using the name), % of running VUs,
 *   or N waiting VUs;
 * - timeout measured between consecutive arrivals (since the first, for the first): when it
 *   expires with the policy unmet, everyone waiting is released (reason `timeout`). A policy that
 *   can never be met (count 50, 20 VUs) waits for the timeout too, as LoadRunner: the cadence of
 *   the test is the user's setting;
 * - timeout 0 is no timeout: VUs wait for the policy; when every VU that could still arrive is
 *   waiting and the policy is unmet, nothing else can release them, so they are released at once
 *   (reason `unreachable`);
 * - the point re-arms after each release; one name in several scenarios is one point;
 * - `stop()` (end of the run, a cancel) releases everyone (reason `stop`) and lets later arrivals
 *   pass.
 * Every release is recorded with its skew: release → the last released VU's next request sent.
 *
 * The coordinator is message-shaped (arrive / release notice / vuStarted / vuFinished /
 * reportSent) so VUs in worker threads talk to it over a MessagePort (rendezvous-remote.ts), and a
 * later issue can carry the same messages between machines.
 */
import { REAL_CLOCK, type TClock } from "./clock";
import type { TRendezvousRelease, TReleaseReason } from "./metrics/types";
import type { TRunEvent } from "./run-event";
import { walkSteps, type TRendezvousPolicy, type TRunOverrides, type TScenario } from "./scenario";

/** Configuration of one point for one run (after overrides). */
export interface TRendezvousPointConfig {
  name: string;
  policy: TRendezvousPolicy;
  /** Max time between consecutive arrivals; 0: no timeout. */
  timeoutMs: number;
  /** Keys of the scenarios (of this run) that use the point. */
  scenarios: string[];
}

/** What a waiting VU receives. `releaseId` -1: passed without waiting (run stopping). */
export interface TReleaseNotice {
  releaseId: number;
  name: string;
  /** Epoch ms of the release. */
  at: number;
  reason: TReleaseReason;
  released: number;
}

/** The VU side of the coordinator (local, or a proxy in a worker thread). */
export interface TRendezvousClient {
  /** Wait at `name` until released. Never rejects. */
  arrive(name: string): Promise<TReleaseNotice>;
  /** The released VU sent its next request at `sentAtMs` (null: it sent none). */
  reportSent(releaseId: number, sentAtMs: number | null): void;
  vuStarted(scenario: string): void;
  vuFinished(scenario: string): void;
}

/** A release with its point name, as emitted in per-second snapshots. */
export interface TNamedRelease {
  name: string;
  release: TRendezvousRelease;
}

interface TPointState {
  config: TRendezvousPointConfig;
  waiting: ((n: TReleaseNotice) => void)[];
  timer: unknown;
  releases: TRendezvousRelease[];
}

interface TPendingSkew {
  name: string;
  record: TRendezvousRelease;
  outstanding: number;
  maxSentMs: number | null;
}

export interface TCoordinatorOptions {
  clock?: TClock;
  /** Configured VUs per scenario key (closed: vus; open: maxVus). */
  configuredVus: Record<string, number>;
  /**
   * The first release id (default 1). A coordinator that takes over a run starts above every id
   * its predecessor could have given, so a late skew report for an old release matches nothing.
   */
  firstReleaseId?: number;
}

export class RendezvousCoordinator {
  private readonly clock: TClock;
  private readonly points = new Map<string, TPointState>();
  private readonly configured: Record<string, number>;
  private readonly running: Record<string, number> = {};
  private readonly finished: Record<string, number> = {};
  private readonly pending = new Map<number, TPendingSkew>();
  private finalized: TNamedRelease[] = [];
  private nextReleaseId = 1;
  private stopped = false;

  constructor(points: TRendezvousPointConfig[], options: TCoordinatorOptions) {
    this.clock = options.clock ?? REAL_CLOCK;
    this.nextReleaseId = options.firstReleaseId ?? 1;
    this.configured = { ...options.configuredVus };
    for (const key of Object.keys(this.configured)) {
      this.running[key] = 0;
      this.finished[key] = 0;
    }
    for (const config of points) this.points.set(config.name, { config, waiting: [], timer: null, releases: [] });
  }

  /** Waiting VUs at a point right now. */
  waitingAt(name: string): number {
    return this.points.get(name)?.waiting.length ?? 0;
  }

  /** Callback form of arrive (used by the message router). */
  arriveWith(name: string, onRelease: (n: TReleaseNotice) => void): void {
    const point = this.points.get(name);
    if (!point || this.stopped) {
      onRelease({ releaseId: -1, name, at: this.clock.now(), reason: "stop", released: 0 });
      return;
    }
    point.waiting.push(onRelease);
    if (point.timer !== null) this.clock.clearTimeout(point.timer);
    // INVARIANT: the timeout runs from the latest arrival (consecutive arrivals), not the first;
    // while anyone waits at a point with a timeout, this timer is armed (nothing deadlocks).
    if (point.config.timeoutMs > 0)
      point.timer = this.clock.setTimeout(() => {
        point.timer = null;
        if (point.waiting.length > 0) this.release(point, "timeout");
      }, point.config.timeoutMs);
    this.check(point);
  }

  arrive(name: string): Promise<TReleaseNotice> {
    return new Promise((resolve) => this.arriveWith(name, resolve));
  }

  vuStarted(scenario: string): void {
    this.running[scenario] = (this.running[scenario] ?? 0) + 1;
    this.checkAll();
  }

  vuFinished(scenario: string): void {
    this.running[scenario] = Math.max(0, (this.running[scenario] ?? 0) - 1);
    this.finished[scenario] = (this.finished[scenario] ?? 0) + 1;
    this.checkAll();
  }

  reportSent(releaseId: number, sentAtMs: number | null): void {
    const p = this.pending.get(releaseId);
    if (!p) return;
    if (sentAtMs !== null) p.maxSentMs = Math.max(p.maxSentMs ?? sentAtMs, sentAtMs);
    p.outstanding--;
    if (p.outstanding <= 0) this.finalize(releaseId, p);
  }

  /** Release everyone waiting (reason `stop`); later arrivals pass at once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const point of this.points.values()) if (point.waiting.length > 0) this.release(point, "stop");
  }

  /** Releases whose skew is now known, since the last call (for per-second snapshots). */
  takeFinalized(): TNamedRelease[] {
    const out = this.finalized;
    this.finalized = [];
    return out;
  }

  /** Finalise every release still waiting for skew reports (end of run). */
  finalizeAll(): void {
    for (const [id, p] of this.pending) this.finalize(id, p);
  }

  /** Every release so far, per point. */
  releases(): { name: string; releases: TRendezvousRelease[] }[] {
    return [...this.points.values()].map((p) => ({ name: p.config.name, releases: p.releases.map((r) => ({ ...r })) }));
  }

  /** A client for VUs in this thread. */
  localClient(): TRendezvousClient {
    return {
      arrive: (name) => this.arrive(name),
      reportSent: (id, at) => this.reportSent(id, at),
      vuStarted: (s) => this.vuStarted(s),
      vuFinished: (s) => this.vuFinished(s),
    };
  }

  private finalize(id: number, p: TPendingSkew): void {
    this.pending.delete(id);
    p.record.skewMs = p.maxSentMs === null ? null : Math.max(0, Math.round((p.maxSentMs - p.record.at) * 1000) / 1000);
    this.finalized.push({ name: p.name, release: { ...p.record } });
  }

  /** Waiting count that meets the policy right now. */
  threshold(point: TPointState): number {
    const policy = point.config.policy;
    if ("count" in policy) return policy.count;
    if ("allVusersPercent" in policy) {
      const total = point.config.scenarios.reduce((n, s) => n + (this.configured[s] ?? 0), 0);
      return Math.max(1, Math.ceil((policy.allVusersPercent / 100) * total - 1e-9));
    }
    const running = point.config.scenarios.reduce((n, s) => n + (this.running[s] ?? 0), 0);
    return Math.max(1, Math.ceil((policy.runningVusersPercent / 100) * running - 1e-9));
  }

  /** VUs that may still arrive: configured and not finished (waiting ones included). */
  private potential(point: TPointState): number {
    return point.config.scenarios.reduce((n, s) => n + Math.max(0, (this.configured[s] ?? 0) - (this.finished[s] ?? 0)), 0);
  }

  private check(point: TPointState): void {
    const waiting = point.waiting.length;
    if (waiting === 0) return;
    if (waiting >= this.threshold(point)) this.release(point, "policy");
    // Everyone who could still come is here and the policy is unmet: with a timeout, the timer
    // (armed while anyone waits) releases them; without one, nothing would (no deadlock).
    else if (point.config.timeoutMs === 0 && waiting >= this.potential(point)) this.release(point, "unreachable");
  }

  private checkAll(): void {
    for (const point of this.points.values()) this.check(point);
  }

  private release(point: TPointState, reason: TReleaseReason): void {
    if (point.timer !== null) {
      this.clock.clearTimeout(point.timer);
      point.timer = null;
    }
    const waiters = point.waiting;
    point.waiting = []; // re-arm before notifying: a released VU may arrive again at once
    const at = this.clock.now();
    const releaseId = this.nextReleaseId++;
    const record: TRendezvousRelease = { at, released: waiters.length, reason, skewMs: null };
    point.releases.push(record);
    this.pending.set(releaseId, { name: point.config.name, record, outstanding: waiters.length, maxSentMs: null });
    const notice: TReleaseNotice = { releaseId, name: point.config.name, at, reason, released: waiters.length };
    for (const w of waiters) w(notice);
  }
}

/**
 * The points of a run: every rendezvous name used by the scenarios, the first definition's policy
 * and timeout (unless overridden), and the scenarios sharing it. Scenario keys are their indexes.
 */
export function rendezvousPoints(scenarios: TScenario[], overrides?: TRunOverrides): TRendezvousPointConfig[] {
  const byName = new Map<string, TRendezvousPointConfig>();
  scenarios.forEach((scenario, index) => {
    walkSteps(scenario, (step) => {
      if (!("rendezvous" in step)) return;
      const rv = step.rendezvous;
      let point = byName.get(rv.name);
      if (!point) {
        point = {
          name: rv.name,
          policy: overrides?.rendezvousPolicy ?? rv.policy,
          timeoutMs: (overrides?.rendezvousTimeoutSeconds ?? rv.timeoutSeconds) * 1000,
          scenarios: [],
        };
        byName.set(rv.name, point);
      }
      if (!point.scenarios.includes(String(index))) point.scenarios.push(String(index));
    });
  });
  return [...byName.values()];
}

/** Configured VUs per scenario key (closed: vus; open: maxVus). */
export function configuredVus(scenarios: TScenario[]): Record<string, number> {
  return Object.fromEntries(scenarios.map((s, i) => [String(i), s.load.arrivalRate?.maxVus ?? s.load.vus ?? 0]));
}

/**
 * Points whose policy can never be met by the VUs of the run (a count above every VU that uses the
 * point), as run warnings: "count 50 can never be met: 20 VUs use vote_rv". % policies always can
 * (P % of N is at most N).
 */
export function unreachableRendezvous(points: TRendezvousPointConfig[], configured: Record<string, number>): TRunEvent[] {
  const out: TRunEvent[] = [];
  for (const point of points) {
    if (!("count" in point.policy)) continue;
    const vus = point.scenarios.reduce((n, s) => n + (configured[s] ?? 0), 0);
    if (point.policy.count <= vus) continue;
    const timeoutSeconds = point.timeoutMs / 1000;
    const then =
      timeoutSeconds > 0
        ? `every release waits for the ${timeoutSeconds} s timeout`
        : "with no timeout, the VUs are released as soon as all of them wait";
    out.push({
      level: "warning",
      code: "rendezvous_unreachable",
      message: `count ${point.policy.count} can never be met: ${vus} VU${vus === 1 ? "" : "s"} use ${point.name}; ${then}`,
      details: { point: point.name, policy: `count ${point.policy.count}`, count: point.policy.count, vus, timeoutSeconds },
    });
  }
  return out;
}
