/**
 * One shard of a run (in the run's own thread, or inside a worker thread): runs the executor,
 * records samples, and every second posts the closed buckets with its activity and health to the
 * run (run-load.ts). The protocol is plain messages, so the same code runs behind a MessagePort.
 */
import { setMaxListeners } from "node:events";
import { nowMs } from "./clock";
import type { TRow } from "./csv-data";
import { runShard } from "./executor";
import { HttpAgent, type TAllowTarget } from "./http";
import { createThreadProbe, type TThreadHealth } from "./metrics/health";
import { MetricRecorder, type TErrorExamples } from "./metrics/recorder";
import type { TMetricBucket } from "./metrics/types";
import type { TRendezvousClient } from "./rendezvous";
import type { TRowSource } from "./row-source";
import type { TScenario } from "./scenario";

export interface TShardInit {
  scenarios: TScenario[];
  shard: number;
  shards: number;
  rendezvousEnabled: boolean;
  /** CSV rows per scenario, per data set. */
  dataRows: TRow[][][];
  /** Launch parameters (`__P`). */
  params: Record<string, string>;
  /** What `__env` may read. */
  env: Record<string, string | undefined>;
}

/** Shard → run. */
export type TShardMessage =
  | { t: "ready" }
  | {
      t: "tick";
      shard: number;
      /** Every sample ending before this epoch second is included (now or earlier). */
      upTo: number;
      buckets: TMetricBucket[];
      active: number[];
      dropped: number;
      thread: TThreadHealth;
      openSockets: number;
    }
  | { t: "done"; shard: number; buckets: TMetricBucket[]; examples: TErrorExamples[]; dropped: number };

/** Run → shard. */
export type TShardCommand = { t: "start"; startAtMs: number } | { t: "stop" } | { t: "hard" };

export interface TShardRuntime {
  handle(command: TShardCommand): void;
}

/** Delay after each second boundary before closing it (samples finishing right at the edge). */
const TICK_OFFSET_MS = 5;

export function startShardRuntime(
  init: TShardInit,
  post: (m: TShardMessage) => void,
  rendezvous: TRendezvousClient,
  allowTarget?: TAllowTarget,
  /** Data sets served from elsewhere than init.dataRows (an agent's leased rows). */
  rowSource?: (scenario: number, set: number) => TRowSource | null,
): TShardRuntime {
  const recorder = new MetricRecorder();
  const http = new HttpAgent(allowTarget ? { allowTarget } : {});
  const stop = new AbortController();
  const hard = new AbortController();
  // Every waiting VU listens on these (10,000 VUs → 10,000 listeners): not a leak.
  setMaxListeners(0, stop.signal, hard.signal);
  const probe = createThreadProbe();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let handle: ReturnType<typeof runShard> | null = null;

  const tick = () => {
    const upTo = Math.floor(nowMs() / 1000);
    post({
      t: "tick",
      shard: init.shard,
      upTo,
      buckets: recorder.flush(upTo),
      active: handle?.activeVusByScenario() ?? init.scenarios.map(() => 0),
      dropped: handle?.takeDropped() ?? 0,
      thread: probe.sample(),
      openSockets: http.openSockets,
    });
    timer = setTimeout(tick, 1000 - (nowMs() % 1000) + TICK_OFFSET_MS);
  };

  const start = (startAtMs: number) => {
    handle = runShard({
      scenarios: init.scenarios,
      shard: init.shard,
      shards: init.shards,
      startAtMs,
      http,
      record: (s) => recorder.record(s),
      rendezvous,
      rendezvousEnabled: init.rendezvousEnabled,
      dataRows: init.dataRows,
      ...(rowSource ? { rowSource } : {}),
      params: init.params,
      env: init.env,
      stopSignal: stop.signal,
      hardSignal: hard.signal,
    });
    timer = setTimeout(tick, 1000 - (nowMs() % 1000) + TICK_OFFSET_MS);
    void handle.done.then(async () => {
      if (timer) clearTimeout(timer);
      probe.close();
      const dropped = handle!.takeDropped();
      await (hard.signal.aborted ? http.destroy() : http.close());
      post({ t: "done", shard: init.shard, buckets: recorder.flushAll(), examples: recorder.errorExamples(), dropped });
    });
  };

  queueMicrotask(() => post({ t: "ready" }));
  return {
    handle(command) {
      if (command.t === "start") start(command.startAtMs);
      else if (command.t === "stop") stop.abort();
      else {
        stop.abort();
        hard.abort();
        void http.destroy();
      }
    },
  };
}
