/**
 * What template functions read (`TTemplateRuntime`, template.ts): one per VU, on its variables
 * (`vars.runtime`), over one run context per shard (thread).
 *
 * INVARIANT: the run-wide counter is unique across threads without talking to them: shard s of
 * N hands out s + 1, s + 1 + N, s + 1 + 2N … (so values are unique and roughly increasing, not
 * gap-free: JMeter's shared __counter is gap-free but lives in one JVM).
 */
import { nowMs } from "./clock";
import type { TTemplateRuntime } from "./template";

/** Per-shard: randomness, the run-wide counter, environment and launch parameters. */
export interface TRunContext {
  random: () => number;
  nextRunCounter: () => number;
  env: (name: string) => string | undefined;
  param: (name: string) => string | undefined;
}

export interface TRunContextOptions {
  shard?: number;
  shards?: number;
  /** What `__env(NAME)` may read (default: nothing). */
  env?: Record<string, string | undefined>;
  /** Launch parameters (`__P(name)`). */
  params?: Record<string, string | number | boolean>;
  random?: () => number;
}

export function createRunContext(o: TRunContextOptions = {}): TRunContext {
  const shard = o.shard ?? 0;
  const shards = o.shards ?? 1;
  let k = 0;
  const env = o.env ?? {};
  const params = o.params ?? {};
  return {
    random: o.random ?? Math.random,
    nextRunCounter: () => shard + 1 + shards * k++,
    env: (name) => (Object.hasOwn(env, name) ? env[name] : undefined),
    param: (name) => (Object.hasOwn(params, name) ? String(params[name]) : undefined),
  };
}

/** A VU's runtime: its own counter over the shard's context. */
export function createVuRuntime(run: TRunContext): TTemplateRuntime {
  let n = 0;
  return {
    random: run.random,
    nowMs: () => Math.floor(nowMs()),
    nextVuCounter: () => ++n,
    nextRunCounter: run.nextRunCounter,
    env: run.env,
    param: run.param,
  };
}
