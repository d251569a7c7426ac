/**
 * The controller ↔ agent protocol over NATS: subjects and the zod-checked messages. An agent is a
 * remote shard of a run: it gets the same `TShardInit` a worker thread gets (shard k of N, so VU
 * numbering stays global), and the rendezvous travels as the same ops / release batches the
 * threads exchange (lib/engine/rendezvous-remote.ts), plus the controller-clock time to release at.
 *
 * Clocks: `offsetMs` = agent clock − controller clock (NTP-style probe, lowest RTT kept). A
 * controller time T is T + offsetMs on the agent.
 */
import { z } from "zod";

export const PROTOCOL_VERSION = "2";

/** Agent heartbeats (every second), on one subject the controller's registry listens to. */
export const HEARTBEAT_SUBJECT = "mp.agents.hb";
export const clockSubject = (agent: string) => `mp.agent.${agent}.clock`;
export const assignSubject = (agent: string) => `mp.agent.${agent}.assign`;
/** Controller → every agent of a run: start, alive (every second), stop, hard. */
export const controlSubject = (runId: string) => `mp.run.${runId}.ctl`;
/** Controller → one agent: rendezvous releases. */
export const releaseSubject = (runId: string, agent: string) => `mp.run.${runId}.rv.${agent}`;
/** Agent → controller: rendezvous ops, done. */
export const upSubject = (runId: string, agent: string) => `mp.run.${runId}.up.${agent}`;
export const upWildcard = (runId: string) => `mp.run.${runId}.up.*`;
/** Agent → controller, request/reply: a block of leased CSV rows (lib/engine/row-ledger.ts). */
export const rowsSubject = (runId: string, agent: string) => `mp.run.${runId}.rows.${agent}`;
export const rowsWildcard = (runId: string) => `mp.run.${runId}.rows.*`;

/** JetStream: one message per agent per second, de-duplicated by `metricsMsgId`. */
export const METRICS_STREAM = "MUSTERPOINT_METRICS";
export const METRICS_SUBJECTS = "mp.metrics.>";
export const metricsSubject = (runId: string, agent: string) => `mp.metrics.${runId}.${agent}`;
export const metricsMsgId = (runId: string, agent: string, second: number) => `${runId}/${agent}/${second}`;
export const metricsConsumer = (runId: string) => `run-${runId}`;

/** Registry thresholds: silent this long → suspect / lost. */
export const SUSPECT_AFTER_MS = 1000;
export const LOST_AFTER_MS = 3000;
/** An agent that hears nothing from its controller this long stops its load. */
export const CONTROLLER_LOST_MS = 5000;
/** Twice per second: one late heartbeat must not make an agent "suspect" (silent > 1 s). */
export const HEARTBEAT_MS = 500;

/** NATS subject tokens: an agent name is one token. */
export const ZAgentName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and -, up to 64");
export const ZLabels = z.record(z.string().regex(/^[A-Za-z0-9_.\/-]{1,63}$/), z.string().max(200));

export const ZHeartbeat = z.object({
  name: ZAgentName,
  labels: ZLabels,
  version: z.string().max(40),
  cpuPct: z.number(),
  /** The run it is busy with, null when idle. */
  runId: z.string().nullable(),
});
export type THeartbeat = z.infer<typeof ZHeartbeat>;

export const ZClockReply = z.object({ t: z.number() });

export const ZAssign = z.object({
  runId: z.string().min(1),
  shard: z.number().int().min(0),
  shards: z.number().int().min(1),
  /** lib/engine TScenario[] after overrides (validated again by the agent). */
  scenarios: z.array(z.unknown()),
  /** Rows of `random` sets; `sequential` / `unique` sets come empty: their rows are leased (ZRowsRequest). */
  dataRows: z.array(z.array(z.array(z.record(z.string(), z.string())))),
  params: z.record(z.string(), z.string()),
  env: z.record(z.string(), z.string().optional()),
  rendezvousEnabled: z.boolean(),
  /** The controller's target allow-list (lib/security/target-allow-list.ts); the agent applies the same rules. */
  allowList: z.unknown(),
});
export type TAssign = z.infer<typeof ZAssign>;
export const ZAssignReply = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]);

/**
 * A lease of rows of one data set (key: scenario/set). `seq` counts an agent's leases of that set;
 * a request repeated with the same `seq` (its reply was lost) gets the same rows again, so a
 * retry never skips nor doubles rows.
 */
export const ZRowsRequest = z.object({ key: z.string().max(40), want: z.number().int().min(1).max(100_000), seq: z.number().int().min(1) });
export type TRowsRequest = z.infer<typeof ZRowsRequest>;
export const ZRowsReply = z.object({ seq: z.number().int(), rows: z.array(z.record(z.string(), z.string())), done: z.boolean() });
export type TRowsReply = z.infer<typeof ZRowsReply>;

/** How releases and the start are timed (the bench compares them). */
export type TReleaseMode = "corrected" | "uncorrected" | "on-receipt";

/**
 * `epoch`: the controller instance. An agent that sees it change (the controller restarted and a
 * new one took the run over) sends a `resync` with its rendezvous state.
 */
export const ZControl = z.discriminatedUnion("t", [
  z.object({ t: z.literal("start"), at: z.number(), offsets: z.record(z.string(), z.number()), epoch: z.string() }),
  z.object({ t: z.literal("alive"), offsets: z.record(z.string(), z.number()), epoch: z.string() }),
  z.object({ t: z.literal("stop") }),
  z.object({ t: z.literal("hard") }),
]);
export type TControl = z.infer<typeof ZControl>;

const ZNotice = z.object({
  releaseId: z.number(),
  name: z.string(),
  at: z.number(),
  reason: z.enum(["policy", "timeout", "stop", "unreachable"]),
  released: z.number(),
});
export const ZRelease = z.object({
  t: z.literal("rv-release"),
  batch: z.array(z.object({ notice: ZNotice, ids: z.array(z.number()) })),
  /** Controller time to release at; null: at once (stop releases). */
  at: z.number().nullable(),
  /** This agent's offset as the controller knows it now; null: release on receipt. */
  offsetMs: z.number().nullable(),
});
export type TRelease = z.infer<typeof ZRelease>;

const ZOp = z.union([
  z.object({ op: z.literal("arrive"), id: z.number(), name: z.string() }),
  z.object({ op: z.literal("sent"), releaseId: z.number(), at: z.number().nullable() }),
  z.object({ op: z.literal("started"), scenario: z.string() }),
  z.object({ op: z.literal("finished"), scenario: z.string() }),
]);
const ZCount = z.record(z.string(), z.number().int().min(0));
export const ZUp = z.discriminatedUnion("t", [
  z.object({ t: z.literal("rv"), ops: z.array(ZOp) }),
  /** The agent's rendezvous state for a controller that took over (RemoteRendezvousClient.resyncState; sent times in the agent's clock). */
  z.object({
    t: z.literal("resync"),
    epoch: z.string(),
    started: ZCount,
    finished: ZCount,
    waiting: z.array(z.object({ id: z.number(), name: z.string() })),
    releases: z.array(z.object({ notice: ZNotice, maxSentMs: z.number().nullable() })),
  }),
  z.object({
    t: z.literal("done"),
    /** The last second it published (metrics up to it are in JetStream). */
    lastSecond: z.number().nullable(),
    examples: z.array(z.object({ label: z.string(), kind: z.string(), examples: z.array(z.string()) })),
    dropped: z.number(),
  }),
]);
export type TUp = z.infer<typeof ZUp>;

const ZBucket = z.object({
  second: z.number(),
  label: z.string(),
  module: z.string(),
  kind: z.enum(["request", "transaction", "rendezvous_wait", "iteration_lag"]),
  count: z.number(),
  errors: z.number(),
  errorsByKind: z.record(z.string(), z.number()),
  sumMs: z.number(),
  minMs: z.number(),
  maxMs: z.number(),
  latencySumMs: z.number(),
  connectSumMs: z.number(),
  bytesReceived: z.number(),
  bytesSent: z.number(),
  firstStartMs: z.number(),
  lastEndMs: z.number(),
  histogram: z.string(),
  url: z.string().optional(),
  method: z.string().optional(),
});

/** One agent's second (JetStream). Buckets of an earlier second arriving late are carried here. */
export const ZAgentSecond = z.object({
  runId: z.string(),
  agent: ZAgentName,
  second: z.number().int(),
  buckets: z.array(ZBucket),
  activeVus: z.number().int(),
  dropped: z.number().int(),
  cpuPct: z.number(),
  eventLoopLagMs: z.number(),
  openSockets: z.number().int(),
  saturated: z.boolean(),
  final: z.boolean(),
});
export type TAgentSecond = z.infer<typeof ZAgentSecond>;

export const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
export const decode = <T>(schema: z.ZodType<T>, data: Uint8Array): T => schema.parse(JSON.parse(new TextDecoder().decode(data)));
