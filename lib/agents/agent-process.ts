/**
 * A load generator agent: dials out to NATS, heartbeats every second, answers clock probes, and
 * runs the share of a run it is given with the engine's own shard code (startShardRuntime) — it is
 * shard k of N, so VU numbers stay global. Its per-second buckets go to JetStream (one message per
 * second, de-duplication id run/agent/second); rendezvous arrivals go to the controller, which
 * alone counts and answers "release at T" (controller clock; T + offset here).
 *
 * Agents never hold database credentials: everything they need arrives in the assignment.
 */
import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { nowMs } from "../engine/clock";
import type { TRow } from "../engine/csv-data";
import { createCpuMeter } from "../engine/metrics/health";
import type { TMetricBucket } from "../engine/metrics/types";
import { configuredVus } from "../engine/rendezvous";
import { isLeasedMode, rowSetKey } from "../engine/row-ledger";
import { LeasedRowSource } from "../engine/row-source";
import { dataSets, ZScenario, type TScenario } from "../engine/scenario";
import { RemoteRendezvousClient } from "../engine/rendezvous-remote";
import { startShardRuntime, type TShardMessage, type TShardRuntime } from "../engine/shard-runtime";
import { checkScenarioTargetsResolved } from "../security/check-scenario-targets";
import { allowTargetFor, ZTargetAllowList } from "../security/target-allow-list";
import {
  assignSubject,
  clockSubject,
  CONTROLLER_LOST_MS,
  controlSubject,
  decode,
  encode,
  HEARTBEAT_MS,
  HEARTBEAT_SUBJECT,
  metricsMsgId,
  metricsSubject,
  PROTOCOL_VERSION,
  releaseSubject,
  rowsSubject,
  upSubject,
  ZAssign,
  ZControl,
  ZRelease,
  ZRowsReply,
  type TAgentSecond,
  type TAssign,
  type THeartbeat,
  type TUp,
} from "./protocol";

export interface TAgentOptions {
  nc: NatsConnection;
  name: string;
  labels?: Record<string, string>;
  /** Test only: this agent's clock runs this many ms ahead of the real one (a skewed machine). */
  clockOffsetMs?: number;
  /**
   * Test only: every controller message reaches this agent, and every answer leaves it, this many
   * ms late (a network one-way delay, where tc netem is not available).
   */
  netDelayMs?: number;
  log?: (message: string) => void;
}

export interface TAgentHandle {
  /** The run it is busy with, or null. */
  readonly runId: string | null;
  /** Resolves when the current run (if any) has finished and published everything. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface TActiveRun {
  runId: string;
  runtime: TShardRuntime;
  rendezvous: RemoteRendezvousClient;
  /** Leased CSV rows, per data set key. */
  rows: Map<string, LeasedRowSource>;
  subs: Subscription[];
  offsetMs: number;
  /** The controller instance it last heard from. */
  epoch: string | null;
  lastControlAt: number;
  lastSecond: number | null;
  started: boolean;
  stopping: boolean;
  watchdog: ReturnType<typeof setInterval>;
  publishing: Promise<unknown>;
  finished: Promise<void>;
}

export function startAgent(o: TAgentOptions): TAgentHandle {
  const { nc, name } = o;
  const log = o.log ?? (() => undefined);
  const inject = o.clockOffsetMs ?? 0;
  /** This machine's clock as the agent reports it (real + injected offset in tests). */
  const clock = () => nowMs() + inject;
  const delay = o.netDelayMs ?? 0;
  const later = (fn: () => void) => (delay > 0 ? void setTimeout(fn, delay) : fn());
  const js: JetStreamClient = jetstream(nc);
  const cpu = createCpuMeter();
  let cpuPct = 0;
  let run: TActiveRun | null = null;
  let finishedRun: Promise<void> = Promise.resolve();

  const heartbeat = () => {
    cpuPct = cpu();
    const hb: THeartbeat = { name, labels: o.labels ?? {}, version: PROTOCOL_VERSION, cpuPct, runId: run?.runId ?? null };
    nc.publish(HEARTBEAT_SUBJECT, encode(hb));
  };
  heartbeat();
  const heartbeatTimer = setInterval(heartbeat, HEARTBEAT_MS);

  const clockSub = nc.subscribe(clockSubject(name), {
    callback: (_e, m) =>
      later(() => {
        const t = clock();
        later(() => m.respond(encode({ t })));
      }),
  });

  const assignSub = nc.subscribe(assignSubject(name), {
    callback: (_e, m) => {
      void (async () => {
        try {
          const a = decode(ZAssign, m.data);
          if (run) throw new Error(`agent ${name} is busy with run ${run.runId}`);
          await begin(a);
          m.respond(encode({ ok: true }));
        } catch (e) {
          m.respond(encode({ ok: false, error: (e as Error).message }));
        }
      })();
    },
  });

  /** Assign + pre-warm: validate, check every target against the controller's allow-list, build the shard. */
  const begin = async (a: TAssign) => {
    const scenarios: TScenario[] = a.scenarios.map((s) => ZScenario.parse(s));
    const allowList = ZTargetAllowList.parse(a.allowList);
    // The same rules as the controller's check before dispatch (lib/security/check-scenario-targets.ts).
    for (const s of scenarios) {
      const check = await checkScenarioTargetsResolved(s, allowList, undefined, { params: a.params, env: a.env, atLaunch: true });
      if (!check.ok) throw new Error(`agent ${name} refuses the run: ${check.refused.map((r) => r.message).join("; ")}`);
    }
    const runId = a.runId;
    // Sent times in this agent's clock (the controller converts with the offset it measured).
    const rendezvous = new RemoteRendezvousClient((ops) =>
      up({ t: "rv", ops: inject === 0 ? ops : ops.map((op) => (op.op === "sent" && op.at !== null ? { ...op, at: op.at + inject } : op)) }),
    );
    const up = (message: TUp) => later(() => nc.publish(upSubject(runId, name), encode(message)));
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    // `sequential` / `unique` rows are leased from the controller; the first block is asked for
    // now, while pre-warming, so the first iterations do not wait for it.
    const rows = new Map<string, LeasedRowSource>();
    const vusHere = configuredVus(scenarios);
    scenarios.forEach((s, index) =>
      dataSets(s).forEach((set, i) => {
        if (!isLeasedMode(set.mode)) return;
        const key = rowSetKey(index, i);
        const total = vusHere[String(index)] ?? 0;
        const mine = Math.floor(total / a.shards) + (a.shard < total % a.shards ? 1 : 0);
        rows.set(key, new LeasedRowSource(set.mode, leaseRows(runId, key), Math.max(1, mine)));
      }),
    );
    const state: TActiveRun = {
      runId,
      runtime: null as unknown as TShardRuntime, // set below, before any message can arrive
      rendezvous,
      rows,
      subs: [],
      offsetMs: 0,
      epoch: null,
      lastControlAt: nowMs(),
      lastSecond: null,
      started: false,
      stopping: false,
      watchdog: setInterval(() => {
        if (nowMs() - state.lastControlAt > CONTROLLER_LOST_MS && !state.stopping) {
          log(`run ${runId}: no word from the controller for ${CONTROLLER_LOST_MS / 1000} s: stopping the load`);
          stopLoad(true);
        }
      }, 250),
      publishing: Promise.resolve(),
      finished,
    };
    const publishSecond = (second: number, buckets: TMetricBucket[], m: Partial<Extract<TShardMessage, { t: "tick" }>>, final: boolean) => {
      // One message per second: a row of an already published second (a stalled loop) rides with this one.
      const s = state.lastSecond !== null && second <= state.lastSecond ? state.lastSecond + 1 : second;
      state.lastSecond = s;
      const message: TAgentSecond = {
        runId,
        agent: name,
        second: s,
        buckets,
        activeVus: (m.active ?? []).reduce((x, y) => x + y, 0),
        dropped: m.dropped ?? 0,
        cpuPct,
        eventLoopLagMs: m.thread?.eventLoopLagMs ?? 0,
        openSockets: m.openSockets ?? 0,
        saturated: (m.thread?.eventLoopUtilization ?? 0) >= 0.95 || (m.thread?.eventLoopLagMs ?? 0) >= 50,
        final,
      };
      const p = publishWithRetry(js, metricsSubject(runId, name), encode(message), metricsMsgId(runId, name, s), log);
      state.publishing = Promise.all([state.publishing, p]);
    };
    const onShard = (m: TShardMessage) => {
      if (m.t === "tick") publishSecond(m.upTo - 1, m.buckets, m, false);
      else if (m.t === "done") {
        const second = Math.max(Math.floor(nowMs() / 1000), (state.lastSecond ?? 0) + 1);
        publishSecond(second, m.buckets, { dropped: m.dropped }, true);
        void state.publishing.then(() => {
          up({ t: "done", lastSecond: state.lastSecond, examples: m.examples, dropped: m.dropped });
          end();
        });
      }
    };
    const dataRows = a.dataRows as TRow[][][];
    state.runtime = startShardRuntime(
      { scenarios, shard: a.shard, shards: a.shards, rendezvousEnabled: a.rendezvousEnabled, dataRows, params: a.params, env: a.env },
      (m) => (m.t === "ready" ? undefined : onShard(m)),
      rendezvous,
      allowTargetFor(allowList),
      (scenario, set) => rows.get(rowSetKey(scenario, set)) ?? null,
    );
    const stopLoad = (hard: boolean) => {
      state.stopping = true;
      rendezvous.releaseAll();
      for (const r of rows.values()) r.close();
      if (!state.started) {
        // Never started: nothing ran, say so and end.
        up({ t: "done", lastSecond: null, examples: [], dropped: 0 });
        end();
        return;
      }
      state.runtime.handle({ t: "stop" });
      if (hard) setTimeout(() => state.runtime.handle({ t: "hard" }), 1000).unref();
    };
    const end = () => {
      clearInterval(state.watchdog);
      for (const r of rows.values()) r.close();
      for (const s of state.subs) s.unsubscribe();
      if (run === state) run = null;
      log(`run ${runId}: done (last second ${state.lastSecond ?? "none"})`);
      heartbeat();
      done();
    };
    state.subs.push(
      nc.subscribe(controlSubject(runId), {
        callback: (_e, msg) => later(() => onControl(msg.data)),
      }),
      nc.subscribe(releaseSubject(runId, name), {
        callback: (_e, msg) => later(() => onRelease(msg.data)),
      }),
    );
    function onControl(data: Uint8Array) {
      const c = decode(ZControl, data);
      state.lastControlAt = nowMs();
      if ((c.t === "alive" || c.t === "start") && c.epoch !== state.epoch) {
        // Another controller took the run over: it knows nothing of this agent's VUs yet. Tell it
        // who started, finished and waits where, and the releases carried out lately (it records
        // any its predecessor had not); sent times in this agent's clock, as every "sent" op.
        if (state.epoch !== null && !state.stopping) {
          const rv = rendezvous.resyncState();
          const releases = rv.releases.map((r) => ({ ...r, maxSentMs: r.maxSentMs === null ? null : r.maxSentMs + inject }));
          up({ t: "resync", epoch: c.epoch, ...rv, releases });
          log(`run ${runId}: a new controller took over; ${rv.waiting.length} VU(s) waiting at a rendezvous handed over`);
        }
        state.epoch = c.epoch;
      }
      if (c.t === "alive") state.offsetMs = c.offsets[name] ?? state.offsetMs;
      else if (c.t === "start") {
        if (state.started || state.stopping) return;
        state.started = true;
        state.offsetMs = c.offsets[name] ?? 0;
        // Controller time T is T + offset on this clock; the engine schedules on the real clock.
        const startAtMs = c.at + state.offsetMs - inject;
        state.runtime.handle({ t: "start", startAtMs });
        log(`run ${runId}: start at ${new Date(startAtMs).toISOString()} (in ${Math.round(startAtMs - nowMs())} ms)`);
      } else if (c.t === "stop") stopLoad(false);
      else stopLoad(true);
    }
    function onRelease(data: Uint8Array) {
      const r = decode(ZRelease, data);
      state.lastControlAt = nowMs();
      if (r.at === null) return rendezvous.onRelease(r);
      // "uncorrected" sends offset 0: the controller's T is taken as this clock's time.
      const realAt = r.offsetMs === null ? nowMs() : r.at + r.offsetMs - inject;
      releaseAt(realAt, () => rendezvous.onRelease(r));
    }
    run = state;
    finishedRun = finished;
    log(`run ${runId}: assigned shard ${a.shard + 1} of ${a.shards}`);
  };

  /**
   * One data set's leases over NATS request/reply. A request that failed (timeout, no controller
   * for a moment) is repeated with the same `seq`, so the controller answers it with the same rows.
   */
  function leaseRows(runId: string, key: string) {
    let seq = 0;
    let answered = true;
    return async (want: number) => {
      if (answered) seq++;
      answered = false;
      const reply = decode(ZRowsReply, (await nc.request(rowsSubject(runId, name), encode({ key, want, seq }), { timeout: 2000 })).data);
      answered = true;
      return reply;
    };
  }

  return {
    get runId() {
      return run?.runId ?? null;
    },
    idle: () => finishedRun,
    async close() {
      clearInterval(heartbeatTimer);
      clockSub.unsubscribe();
      assignSub.unsubscribe();
      if (run) {
        run.stopping = true;
        run.rendezvous.releaseAll();
        for (const r of run.rows.values()) r.close();
        run.runtime.handle({ t: "hard" });
        await Promise.race([finishedRun, new Promise((r) => setTimeout(r, 3000))]);
      }
    },
  };
}

/**
 * Fire `fn` at epoch ms `at` (real clock): a timer to ~2 ms before, then the last stretch on
 * setImmediate, since timers fire up to a millisecond or more late.
 */
function releaseAt(at: number, fn: () => void): void {
  const wait = at - nowMs();
  if (wait <= 0) return fn();
  const spin = () => (nowMs() >= at ? fn() : setImmediate(spin));
  if (wait > 2) setTimeout(spin, wait - 2);
  else spin();
}

/** JetStream publish, retried while NATS is away (the msg id makes a retry harmless). */
async function publishWithRetry(
  js: JetStreamClient,
  subject: string,
  data: Uint8Array,
  msgID: string,
  log: (m: string) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await js.publish(subject, data, { msgID, timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 1) log(`publishing ${msgID} failed (${(e as Error).message}); retrying`);
      if (attempt >= 120) return log(`gave up publishing ${msgID}`);
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * attempt)));
    }
  }
}
