/**
 * The controller side of a run on agents (no database here: the caller merges each agent second
 * and records events). Agent k of N is shard k of N of the engine (VU i → agent i mod N, VU
 * numbers global); the controller runs no VUs itself.
 *
 * 1. clocks: NTP-style probes (probe-clock.ts), lowest RTT kept, refreshed every 10 s;
 * 2. assign + pre-warm (request/reply; each agent checks the targets against the same allow-list);
 * 3. one broadcast "start at T" (T ahead by 500 ms + 2 × the slowest RTT), each agent adds its offset;
 * 4. the rendezvous: the controller's RendezvousCoordinator (lib/engine/rendezvous.ts, the same
 *    policy code as one machine) counts every agent's arrivals and answers "release at T", T a few
 *    ms ahead (the slowest one-way trip and a margin); skew is recorded per agent;
 * 5. metrics: a durable JetStream consumer; each message is merged by `onAgentSecond` and acked
 *    only after it resolves (the caller's database commit);
 * 6. an agent silent > 3 s is lost: reported, its VUs counted finished for rendezvous policies and
 *    never re-dispatched; the run goes on with the others;
 * 7. `sequential` / `unique` CSV rows: the controller alone holds the cursor (RowLedger) and leases
 *    blocks on request; each lease's end is recorded (`onRowLease`) before the rows go out, so a
 *    controller that takes over (`leasedRows`) never leases a row twice.
 */
import { randomUUID } from "node:crypto";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { nowMs, type TClock, REAL_CLOCK } from "../engine/clock";
import { loadRows, type TRow } from "../engine/csv-data";
import type { TErrorExamples } from "../engine/metrics/recorder";
import { configuredVus, RendezvousCoordinator, rendezvousPoints, type TNamedRelease } from "../engine/rendezvous";
import { linkStateOps, serveRendezvous, type TRendezvousOp, type TRendezvousReleaseMessage } from "../engine/rendezvous-remote";
import { isLeasedMode, RowLedger, rowSetKey } from "../engine/row-ledger";
import {
  applyOverrides,
  dataSets,
  DEFAULT_GRACEFUL_STOP_SECONDS,
  planVuCurve,
  type TRunOverrides,
  type TScenario,
} from "../engine/scenario";
import { requiredLaunchParameters } from "../engine/template";
import type { TTargetAllowList } from "../security/target-allow-list";
import { probeClock, type TClockSample } from "./probe-clock";
import { replayReleases } from "./replay-releases";
import { serveRowLeases } from "./serve-row-leases";
import {
  assignSubject,
  controlSubject,
  decode,
  encode,
  LOST_AFTER_MS,
  METRICS_STREAM,
  METRICS_SUBJECTS,
  metricsConsumer,
  releaseSubject,
  upWildcard,
  ZAgentSecond,
  ZAssignReply,
  ZUp,
  type TAgentSecond,
  type TAssign,
  type TControl,
  type TReleaseMode,
  type TUp,
} from "./protocol";

export interface TAgentPresence {
  /** Epoch ms of its last heartbeat, undefined if never seen. */
  lastSeenMs: number | undefined;
  /** The run its last heartbeat said it is busy with. */
  runId: string | null;
}

/** One release of the global rendezvous with each agent's skew (last VU's request sent − T). */
export interface TAgentRelease extends TNamedRelease {
  skewByAgent: Record<string, number | null>;
  /** Reported again by the agents to a controller that took over (maybe recorded already). */
  replayed?: boolean;
}

export interface TRunOnAgentsOptions {
  nc: NatsConnection;
  runId: string;
  scenarios: TScenario[];
  overrides?: TRunOverrides;
  /** Agent names; agent k runs shard k. */
  agents: string[];
  allowList: TTargetAllowList;
  env?: Record<string, string | undefined>;
  baseDir?: string;
  signal?: AbortSignal;
  abortGraceSeconds?: number;
  presence(name: string): TAgentPresence;
  /** Merge one agent second; the message is acknowledged when this resolves. */
  onAgentSecond(s: TAgentSecond): Promise<void>;
  onRelease?(r: TAgentRelease): void;
  onAgentLost?(name: string, atMs: number): void | Promise<void>;
  /** Called once the start time is known (the caller may record it). */
  onStart?(startAtMs: number, clocks: Record<string, TClockSample>): void | Promise<void>;
  /**
   * Record that `agent` was leased the rows of data set `key` up to position `to` (it only grows);
   * the rows are handed out once this resolves.
   */
  onRowLease?(agent: string, key: string, to: number): Promise<void>;
  /** Taking over: the highest position leased per data set before (what onRowLease recorded). */
  leasedRows?: Record<string, number>;
  /** Default `corrected`; the bench compares the others. */
  releaseMode?: TReleaseMode;
  /**
   * Controller restarted mid-run: do not assign or start; keep the agents alive, consume what is
   * left in the stream, and end when every agent is done or lost.
   */
  resume?: boolean;
  log?: (message: string) => void;
}

export interface TAgentsRunResult {
  startedAtMs: number;
  endedAtMs: number;
  outcome: "completed" | "stopped";
  lost: string[];
  errorExamples: TErrorExamples[];
  droppedIterations: number;
}

/** Margin added to the slowest one-way trip for "release at T". */
const RELEASE_MARGIN_MS = 3;
const CLOCK_REFRESH_MS = 10_000;

export async function ensureMetricsStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(METRICS_STREAM);
  } catch {
    // A day of retention is plenty: the controller consumes within seconds, and purges at the end.
    await jsm.streams.add({ name: METRICS_STREAM, subjects: [METRICS_SUBJECTS], duplicate_window: 120 * 1e9, max_age: 24 * 3600 * 1e9 });
  }
}

export async function runOnAgents(o: TRunOnAgentsOptions): Promise<TAgentsRunResult> {
  const log = o.log ?? (() => undefined);
  const { nc, runId } = o;
  const mode = o.releaseMode ?? "corrected";
  const scenarios = o.scenarios.map((s) => applyOverrides(s, o.overrides));
  const params = Object.fromEntries(Object.entries(o.overrides?.variables ?? {}).map(([k, v]) => [k, String(v)]));
  const missing = requiredLaunchParameters(scenarios).filter((n) => !(n in params));
  if (missing.length) throw new Error(`missing launch parameter(s) ${missing.join(", ")}`);
  if (o.agents.length === 0) throw new Error("no agents for this run");

  // --- clocks -------------------------------------------------------------------------------
  const clocks: Record<string, TClockSample> = {};
  const probeAll = async (probes: number) => {
    await Promise.all(
      o.agents.map(async (a) => {
        const s = await probeClock(nc, a, probes);
        if (s) clocks[a] = s;
      }),
    );
  };
  await probeAll(7);
  const silent = o.agents.filter((a) => !clocks[a]);
  if (silent.length && !o.resume)
    throw new Error(`agent${silent.length > 1 ? "s" : ""} ${silent.join(", ")} did not answer the clock probe`);
  const offsets = () => Object.fromEntries(o.agents.map((a) => [a, mode === "corrected" ? (clocks[a]?.offsetMs ?? 0) : 0]));
  const maxRtt = () => Math.max(0, ...Object.values(clocks).map((c) => c.rttMs));
  // T must reach the slowest agent before it passes. The trip out may be most of the round trip
  // (paths are not always symmetric: the agents bench delays one way only, and with half the
  // round trip as lead the farthest agent got T after it passed), so the whole round trip, plus
  // how much the trips varied while probing (a loaded machine), plus a margin.
  const maxJitter = Math.max(0, ...Object.values(clocks).map((c) => c.jitterMs));
  const leadMs = mode === "on-receipt" ? 0 : maxRtt() + Math.min(maxJitter, 50) + RELEASE_MARGIN_MS;
  // The coordinator's "now" is the release time T: so every release is recorded at T, and skew is
  // measured from T (when the VUs were told to go), as on one machine.
  const leadClock: TClock = { ...REAL_CLOCK, now: () => nowMs() + leadMs };

  // Taking over: release ids above any the previous controller gave (ms since the epoch × 1000 is
  // beyond its count), so a late skew report for one of its releases matches nothing here.
  const coordinator = new RendezvousCoordinator(rendezvousPoints(scenarios, o.overrides), {
    configuredVus: configuredVus(scenarios),
    clock: leadClock,
    ...(o.resume ? { firstReleaseId: Math.floor(nowMs()) * 1000 } : {}),
  });
  /** This controller instance: agents that see it change resync (ZUp `resync`). */
  const epoch = randomUUID();
  const rendezvousEnabled = o.overrides?.rendezvousEnabled ?? true;

  // --- JetStream ----------------------------------------------------------------------------
  const jsm = await jetstreamManager(nc);
  await ensureMetricsStream(jsm);
  const consumerName = metricsConsumer(runId);
  try {
    await jsm.consumers.info(METRICS_STREAM, consumerName);
  } catch {
    await jsm.consumers.add(METRICS_STREAM, {
      durable_name: consumerName,
      filter_subject: `mp.metrics.${runId}.>`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // A dead controller's unacked messages come back this soon to the one that takes over.
      ack_wait: 5 * 1e9,
      max_ack_pending: 1000,
    });
  }
  const consumer = await jetstream(nc).consumers.get(METRICS_STREAM, consumerName);
  const messages = await consumer.consume({ max_messages: 100 });
  let merging = 0;
  const consumeLoop = (async () => {
    for await (const m of messages) {
      merging++;
      try {
        const s = decode(ZAgentSecond, m.data);
        for (let attempt = 1; ; attempt++) {
          try {
            await o.onAgentSecond(s);
            break;
          } catch (e) {
            // The database is away: keep the message (unacked) and try again.
            if (attempt === 1) log(`merging ${s.agent}/${s.second} failed (${(e as Error).message}); retrying`);
            await new Promise((r) => setTimeout(r, Math.min(2000, 250 * attempt)));
          }
        }
        m.ack();
      } catch (e) {
        log(`bad metrics message: ${(e as Error).message}`);
        m.term();
      } finally {
        merging--;
      }
    }
  })();

  // --- agent state --------------------------------------------------------------------------
  type TAgentState = {
    done: boolean;
    lost: boolean;
    running: Record<string, number>;
    finished: Record<string, number>;
    examples: TErrorExamples[];
    dropped: number;
  };
  const state = new Map<string, TAgentState>(
    o.agents.map((a) => [a, { done: false, lost: false, running: {}, finished: {}, examples: [], dropped: 0 }]),
  );
  const perAgentSkew = new Map<number, Record<string, number | null>>();
  const releaseAt = new Map<number, number>();
  const serve = new Map<string, ReturnType<typeof serveRendezvous>>();
  for (const agent of o.agents) {
    serve.set(
      agent,
      serveRendezvous(coordinator, {
        postMessage(m: TRendezvousReleaseMessage) {
          const real = m.batch.filter((b) => b.notice.releaseId > 0);
          for (const b of real) {
            releaseAt.set(b.notice.releaseId, b.notice.at);
            const skews = perAgentSkew.get(b.notice.releaseId) ?? {};
            skews[agent] ??= null;
            perAgentSkew.set(b.notice.releaseId, skews);
          }
          const at = real.length ? Math.max(...real.map((b) => b.notice.at)) : null;
          const offsetMs = mode === "on-receipt" ? null : mode === "corrected" ? (clocks[agent]?.offsetMs ?? 0) : 0;
          nc.publish(releaseSubject(runId, agent), encode({ t: "rv-release", batch: m.batch, at, offsetMs }));
        },
      }),
    );
  }
  const allSettled = () => [...state.values()].every((s) => s.done || s.lost);
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((r) => (settle = r));

  const applyOps = (agent: string, st: TAgentState, ops: TRendezvousOp[]) => {
    const offset = clocks[agent]?.offsetMs ?? 0;
    for (const op of ops) {
      if (op.op === "started") st.running[op.scenario] = (st.running[op.scenario] ?? 0) + 1;
      else if (op.op === "finished") {
        st.running[op.scenario] = Math.max(0, (st.running[op.scenario] ?? 0) - 1);
        st.finished[op.scenario] = (st.finished[op.scenario] ?? 0) + 1;
      } else if (op.op === "sent" && op.at !== null) {
        // The agent's clock → the controller's.
        op.at -= offset;
        const skews = perAgentSkew.get(op.releaseId);
        const t = releaseAt.get(op.releaseId);
        if (skews && t !== undefined) skews[agent] = Math.max(skews[agent] ?? -Infinity, Math.round((op.at - t) * 1000) / 1000);
      }
    }
    serve.get(agent)!({ t: "rv", ops });
  };

  /** An agent gone (lost) or done before it told us its VUs: for rendezvous policies they are all finished. */
  const retire = (agent: string, st: TAgentState) => {
    const shard = o.agents.indexOf(agent);
    for (const [key, total] of Object.entries(configuredVus(scenarios))) {
      const mine = Math.floor(total / o.agents.length) + (shard < total % o.agents.length ? 1 : 0);
      const running = st.running[key] ?? 0;
      const neverStarted = Math.max(0, mine - (st.finished[key] ?? 0) - running);
      for (let i = 0; i < running; i++) coordinator.vuFinished(key);
      for (let i = 0; i < neverStarted; i++) {
        coordinator.vuStarted(key);
        coordinator.vuFinished(key);
      }
      st.running[key] = 0;
      st.finished[key] = mine;
    }
  };

  // --- taking over: every agent's rendezvous state, then the ops -----------------------------
  // A controller that took the run over knows nothing of the VUs: each agent resyncs when it sees
  // this epoch. Its ops before that are dropped (the resync says what they said); the others' ops
  // wait until every agent has resynced (or is done or lost), then all the counts are applied,
  // then every waiting VU arrives: so no policy is met on half the picture, no arrival is lost
  // and none is counted twice.
  const synced = new Set<string>(o.resume ? [] : o.agents);
  const resyncs = new Map<string, Extract<TUp, { t: "resync" }>>();
  const held: { agent: string; ops: TRendezvousOp[] }[] = [];
  let resyncing = o.resume === true;
  const applyResync = (agent: string, r: Extract<TUp, { t: "resync" }>, what: "counts" | "arrivals") => {
    applyOps(agent, state.get(agent)!, linkStateOps(r)[what]);
  };
  const endResync = () => {
    if (!resyncing) return;
    resyncing = false;
    for (const [agent, r] of resyncs) if (!state.get(agent)!.lost) applyResync(agent, r, "counts");
    for (const [agent, r] of resyncs) if (!state.get(agent)!.lost) applyResync(agent, r, "arrivals");
    replay([...resyncs].map(([agent, r]) => ({ offsetMs: clocks[agent]?.offsetMs ?? 0, releases: r.releases })));
    log(
      `rendezvous state taken over from ${resyncs.size} agent(s): ${[...resyncs.values()].reduce((n, r) => n + r.waiting.length, 0)} VU(s) waiting`,
    );
    for (const h of held.splice(0)) {
      const st = state.get(h.agent)!;
      if (!st.lost) applyOps(h.agent, st, h.ops);
    }
  };
  const replay = (links: Parameters<typeof replayReleases>[0]) => {
    for (const r of replayReleases(links)) o.onRelease?.(r);
  };

  const upSub = nc.subscribe(upWildcard(runId), {
    callback: (_e, msg) => {
      const agent = msg.subject.split(".").at(-1)!;
      const st = state.get(agent);
      if (!st || st.lost) return;
      let up;
      try {
        up = decode(ZUp, msg.data);
      } catch (e) {
        return log(`bad message from ${agent}: ${(e as Error).message}`);
      }
      if (up.t === "resync") {
        if (synced.has(agent) || up.epoch !== epoch) return;
        synced.add(agent);
        resyncs.set(agent, up);
        if (!resyncing) {
          // Late (after the wait): on its own.
          applyResync(agent, up, "counts");
          applyResync(agent, up, "arrivals");
          replay([{ offsetMs: clocks[agent]?.offsetMs ?? 0, releases: up.releases }]);
        } else if ([...state].every(([a, x]) => synced.has(a) || x.done || x.lost)) endResync();
      } else if (up.t === "rv") {
        if (!synced.has(agent)) return;
        if (resyncing) held.push({ agent, ops: up.ops });
        else applyOps(agent, st, up.ops);
      } else {
        if (!synced.has(agent)) retire(agent, st);
        st.done = true;
        st.examples = up.examples as TErrorExamples[];
        st.dropped = up.dropped;
        log(`agent ${agent} done (last second ${up.lastSecond ?? "none"})`);
        if (allSettled()) settle();
      }
    },
  });

  // --- leased CSV rows ---------------------------------------------------------------------
  const dataRows: TRow[][][] = scenarios.map((s) => dataSets(s).map((d) => loadRows(d, o.baseDir ?? process.cwd())));
  const ledger = new RowLedger(
    scenarios.flatMap((s, si) =>
      dataSets(s).flatMap((d, di) => (isLeasedMode(d.mode) ? [{ key: rowSetKey(si, di), rows: dataRows[si]![di]!, mode: d.mode }] : [])),
    ),
  );
  for (const [key, to] of Object.entries(o.leasedRows ?? {})) ledger.restore(key, to);
  const rowsSub = serveRowLeases({
    nc,
    runId,
    ledger,
    holders: () => [...state].filter(([, x]) => !x.done && !x.lost).map(([name]) => name),
    ...(o.onRowLease ? { record: o.onRowLease } : {}),
    log,
  });

  const control = (c: TControl) => nc.publish(controlSubject(runId), encode(c));
  const cleanup: (() => void)[] = [() => upSub.unsubscribe(), () => rowsSub.unsubscribe()];
  let startAtMs = nowMs();

  // --- assign + pre-warm, then start at T ---------------------------------------------------
  if (!o.resume) {
    // Leased sets travel empty: their rows come by lease.
    const shipped = scenarios.map((s, si) => dataSets(s).map((d, di) => (isLeasedMode(d.mode) ? [] : dataRows[si]![di]!)));
    const replies = await Promise.all(
      o.agents.map(async (agent, shard) => {
        const assign: TAssign = {
          runId,
          shard,
          shards: o.agents.length,
          scenarios,
          dataRows: shipped,
          params,
          env: o.env ?? {},
          rendezvousEnabled,
          allowList: o.allowList,
        };
        try {
          const r = decode(ZAssignReply, (await nc.request(assignSubject(agent), encode(assign), { timeout: 15_000 })).data);
          return r.ok ? null : r.error;
        } catch (e) {
          return `agent ${agent}: ${(e as Error).message}`;
        }
      }),
    );
    const refused = replies.filter((r): r is string => r !== null);
    if (refused.length) {
      control({ t: "hard" });
      upSub.unsubscribe();
      rowsSub.unsubscribe();
      messages.stop();
      await consumeLoop.catch(() => undefined);
      throw new Error(refused.join("; "));
    }
    startAtMs = nowMs() + 500 + 2 * maxRtt();
    control({ t: "start", at: startAtMs, offsets: offsets(), epoch });
    await o.onStart?.(startAtMs, { ...clocks });
    log(`started on ${o.agents.join(", ")} at T+${Math.round(startAtMs - nowMs())} ms (release lead ${leadMs.toFixed(1)} ms)`);
  }

  const alive = setInterval(() => control({ t: "alive", offsets: offsets(), epoch }), 1000);
  control({ t: "alive", offsets: offsets(), epoch });
  cleanup.push(() => clearInterval(alive));
  const refresh = setInterval(() => void probeAll(3), CLOCK_REFRESH_MS);
  cleanup.push(() => clearInterval(refresh));

  // --- end, stop, cancel ------------------------------------------------------------------
  const planned = scenarios.map((s) => planVuCurve(s).totalSeconds);
  const endAt = o.resume || planned.some((s) => s === null) ? null : startAtMs + Math.max(...(planned as number[])) * 1000;
  const graceMs = Math.max(...scenarios.map((s) => s.load.gracefulStopSeconds ?? DEFAULT_GRACEFUL_STOP_SECONDS)) * 1000;
  let outcome: TAgentsRunResult["outcome"] = "completed";
  let stopping = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const beginStop = (grace: number) => {
    if (stopping) return;
    stopping = true;
    control({ t: "stop" });
    coordinator.stop();
    timers.push(setTimeout(() => control({ t: "hard" }), grace));
  };
  if (endAt !== null) timers.push(setTimeout(() => beginStop(graceMs), Math.max(0, endAt - nowMs())));
  const onAbort = () => {
    outcome = "stopped";
    beginStop(o.abortGraceSeconds !== undefined ? o.abortGraceSeconds * 1000 : graceMs);
  };
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener("abort", onAbort, { once: true });
  cleanup.push(() => o.signal?.removeEventListener("abort", onAbort));

  // --- lost agents, releases --------------------------------------------------------------
  const lost: string[] = [];
  const watchingSince = Date.now();
  const watch = setInterval(() => {
    const now = Date.now();
    for (const [agent, st] of state) {
      if (st.done || st.lost) continue;
      const p = o.presence(agent);
      // Resumed: an agent whose heartbeat shows it idle has finished this run meanwhile.
      if (o.resume && p.lastSeenMs !== undefined && now - p.lastSeenMs < LOST_AFTER_MS && p.runId !== runId) {
        if (!synced.has(agent)) retire(agent, st);
        st.done = true;
        continue;
      }
      // Never heard since this controller started (a restart): silent since then.
      if (now - (p.lastSeenMs ?? watchingSince) <= LOST_AFTER_MS) continue;
      st.lost = true;
      lost.push(agent);
      log(`agent ${agent} lost`);
      // Its VUs are never re-dispatched (that would double the load): for rendezvous policies
      // they are finished, so nobody waits for them.
      retire(agent, st);
      void o.onAgentLost?.(agent, now);
    }
    for (const r of coordinator.takeFinalized()) {
      const id = [...releaseAt.entries()].find(([, at]) => at === r.release.at)?.[0];
      o.onRelease?.({ ...r, skewByAgent: (id !== undefined ? perAgentSkew.get(id) : undefined) ?? {} });
    }
    // Waited long enough for resyncs (an agent silent this long is lost by now): go on without.
    if (resyncing && (now - watchingSince > LOST_AFTER_MS || [...state].every(([a, x]) => synced.has(a) || x.done || x.lost))) endResync();
    if (allSettled()) settle();
  }, 250);
  cleanup.push(() => clearInterval(watch));

  await settled;
  log(`every agent is done or lost${lost.length ? ` (lost: ${lost.join(", ")})` : ""}; merging what is left in the stream`);
  const endedAtMs = nowMs();
  coordinator.stop();
  coordinator.finalizeAll();
  for (const r of coordinator.takeFinalized()) {
    const id = [...releaseAt.entries()].find(([, at]) => at === r.release.at)?.[0];
    o.onRelease?.({ ...r, skewByAgent: (id !== undefined ? perAgentSkew.get(id) : undefined) ?? {} });
  }
  for (const t of timers) clearTimeout(t);
  // Everything the agents published is in the stream once they said "done": merge it all.
  for (;;) {
    const info = await consumer.info();
    if (info.num_pending === 0 && info.num_ack_pending === 0 && merging === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const c of cleanup) c();
  messages.stop();
  await consumeLoop.catch(() => undefined);
  await jsm.consumers.delete(METRICS_STREAM, consumerName).catch(() => undefined);
  await jsm.streams.purge(METRICS_STREAM, { filter: `mp.metrics.${runId}.>` }).catch(() => undefined);
  const examples = [...state.values()].flatMap((s) => s.examples);
  const dropped = [...state.values()].reduce((n, s) => n + s.dropped, 0);
  return { startedAtMs: startAtMs, endedAtMs, outcome, lost, errorExamples: examples, droppedIterations: dropped };
}
