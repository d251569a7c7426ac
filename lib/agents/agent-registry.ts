/**
 * The controller's view of its agents: listens to heartbeats, probes each agent's clock (on first
 * sight and every 10 s), and keeps the `Agent` rows: idle / busy from the heartbeat, suspect after
 * 1 s of silence, lost after 3 s. Several workers may run it against one database: they write the
 * same facts.
 */
import type { NatsConnection } from "@nats-io/transport-node";
import { prisma } from "../db/client";
import { probeClock, type TClockSample } from "./probe-clock";
import { decode, HEARTBEAT_SUBJECT, LOST_AFTER_MS, SUSPECT_AFTER_MS, ZHeartbeat, type THeartbeat } from "./protocol";
import type { TAgentPresence } from "./run-on-agents";

export interface TAgentRegistry {
  presence(name: string): TAgentPresence;
  clock(name: string): TClockSample | undefined;
  close(): Promise<void>;
}

const CLOCK_REFRESH_MS = 10_000;
const SWEEP_MS = 250;

export function startAgentRegistry(nc: NatsConnection, log: (m: string) => void = () => undefined): TAgentRegistry {
  const seen = new Map<string, { hb: THeartbeat; at: number; clock?: TClockSample; probedAt: number; probing: boolean }>();
  let writing = Promise.resolve();
  const write = (fn: () => Promise<unknown>) => {
    writing = writing.then(fn).then(
      () => undefined,
      (e: Error) => log(`agent registry: ${e.message.split("\n")[0]}`),
    );
  };

  const sub = nc.subscribe(HEARTBEAT_SUBJECT, {
    callback: (_e, msg) => {
      let hb: THeartbeat;
      try {
        hb = decode(ZHeartbeat, msg.data);
      } catch {
        return;
      }
      const now = Date.now();
      const entry = seen.get(hb.name) ?? { hb, at: now, probedAt: 0, probing: false };
      if (!seen.has(hb.name)) log(`agent ${hb.name} connected`);
      entry.hb = hb;
      entry.at = now;
      seen.set(hb.name, entry);
      if (!entry.probing && now - entry.probedAt > CLOCK_REFRESH_MS) {
        entry.probing = true;
        void probeClock(nc, hb.name, 5).then((c) => {
          entry.probing = false;
          entry.probedAt = Date.now();
          if (c) entry.clock = c;
        });
      }
      const data = {
        labels: hb.labels,
        version: hb.version,
        status: hb.runId ? ("busy" as const) : ("idle" as const),
        cpuPct: hb.cpuPct,
        lastSeenAt: new Date(now),
        runId: hb.runId,
        ...(entry.clock ? { clockOffsetMs: round(entry.clock.offsetMs), rttMs: round(entry.clock.rttMs) } : {}),
      };
      write(() => prisma.agent.upsert({ where: { name: hb.name }, create: { name: hb.name, ...data }, update: data }));
    },
  });

  const sweep = setInterval(() => {
    const now = Date.now();
    write(async () => {
      await prisma.agent.updateMany({
        where: { lastSeenAt: { lt: new Date(now - LOST_AFTER_MS) }, status: { not: "lost" } },
        data: { status: "lost" },
      });
      await prisma.agent.updateMany({
        where: {
          lastSeenAt: { lt: new Date(now - SUSPECT_AFTER_MS), gte: new Date(now - LOST_AFTER_MS) },
          status: { in: ["idle", "busy"] },
        },
        data: { status: "suspect" },
      });
    });
  }, SWEEP_MS);

  return {
    presence: (name) => {
      const e = seen.get(name);
      return { lastSeenMs: e?.at, runId: e?.hb.runId ?? null };
    },
    clock: (name) => seen.get(name)?.clock,
    async close() {
      clearInterval(sweep);
      sub.unsubscribe();
      await writing;
    },
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
