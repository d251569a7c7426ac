/**
 * Worker-thread entry: one shard behind parentPort. Started by run-load.ts: built into
 * shard-worker.mjs for the CLI and the worker process (scripts/build-cli.mjs), or from source through
 * worker-bootstrap.mjs, which registers tsx (vitest, `node --import tsx`). Target checks are asked
 * of the run's thread, which holds the hook.
 */
import { parentPort, workerData } from "node:worker_threads";
import { RemoteRendezvousClient, sendOverPort, type TRendezvousReleaseMessage } from "./rendezvous-remote";
import type { TAllowTarget, TTargetVerdict } from "./http";
import { startShardRuntime, type TShardCommand, type TShardInit } from "./shard-runtime";

type TInbound = TShardCommand | TRendezvousReleaseMessage | { t: "allow"; id: number; ok: TTargetVerdict };

const port = parentPort!;
const init = (workerData as { init: TShardInit }).init;
const rendezvous = new RemoteRendezvousClient(sendOverPort(port));
const verdicts = new Map<string, Promise<TTargetVerdict>>();
const asked = new Map<number, (ok: TTargetVerdict) => void>();
let nextAsk = 1;

/** address null: a verdict on the name alone, before DNS (the run thread's hook decides, once per name and port). */
const ask = (host: string, address: string | null, targetPort: number | undefined): Promise<TTargetVerdict> => {
  const key = `${host}\u0000${address ?? ""}\u0000${targetPort ?? ""}`;
  let v = verdicts.get(key);
  if (!v) {
    const id = nextAsk++;
    v = new Promise<TTargetVerdict>((resolve) => asked.set(id, resolve));
    verdicts.set(key, v);
    port.postMessage({ t: "allow?", id, host, address, port: targetPort });
  }
  return v;
};
const allowTarget: TAllowTarget = Object.assign((host: string, address: string, targetPort?: number) => ask(host, address, targetPort), {
  beforeLookup: (host: string, targetPort: number) => ask(host, null, targetPort),
});

const runtime = startShardRuntime(init, (m) => port.postMessage(m), rendezvous, allowTarget);

port.on("message", (m: TInbound) => {
  if (m.t === "rv-release") rendezvous.onRelease(m);
  else if (m.t === "allow") {
    asked.get(m.id)?.(m.ok);
    asked.delete(m.id);
  } else runtime.handle(m);
});
