/**
 * NTP-style clock probe over NATS request/reply: the controller sends at t0, the agent answers its
 * clock t, the reply lands at t1; offset = t − (t0 + t1) / 2, error ≤ RTT / 2. Of several probes
 * the one with the lowest RTT is kept (the least queued, so the most symmetric).
 */
import type { NatsConnection } from "@nats-io/transport-node";
import { nowMs } from "../engine/clock";
import { clockSubject, decode, ZClockReply } from "./protocol";

export interface TClockSample {
  /** Agent clock − controller clock, ms. */
  offsetMs: number;
  rttMs: number;
  /** Slowest minus fastest probe: how much a message's trip varies. */
  jitterMs: number;
}

export async function probeClock(nc: NatsConnection, agent: string, probes = 5, timeoutMs = 1000): Promise<TClockSample | null> {
  let best: TClockSample | null = null;
  let slowest = 0;
  for (let i = 0; i < probes; i++) {
    try {
      const t0 = nowMs();
      const reply = await nc.request(clockSubject(agent), undefined, { timeout: timeoutMs });
      const t1 = nowMs();
      const { t } = decode(ZClockReply, reply.data);
      const sample = { offsetMs: t - (t0 + t1) / 2, rttMs: t1 - t0, jitterMs: 0 };
      slowest = Math.max(slowest, sample.rttMs);
      if (!best || sample.rttMs < best.rttMs) best = sample;
    } catch {
      // no answer to this probe: the others decide
    }
  }
  return best && { ...best, jitterMs: slowest - best.rttMs };
}
