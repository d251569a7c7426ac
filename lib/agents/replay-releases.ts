/**
 * Releases the agents carried out lately, as they report them to a controller that took a run over
 * (their resync): one release per point and time, whichever agents report it. Recorded again, one
 * the previous controller had not recorded yet (it died first) is stored now; one it had is the
 * same row (run, point, time) and the store skips it. Skew: the latest request any agent reported
 * sent after it, converted to the controller's clock, from T.
 */
import type { TCarriedRelease } from "../engine/rendezvous-remote";
import type { TAgentRelease } from "./run-on-agents";

export function replayReleases(links: { offsetMs: number; releases: TCarriedRelease[] }[]): TAgentRelease[] {
  const byKey = new Map<string, TAgentRelease>();
  for (const link of links)
    for (const { notice, maxSentMs } of link.releases) {
      const key = `${notice.name}\u0000${notice.at}`;
      const r = byKey.get(key) ?? {
        name: notice.name,
        release: { at: notice.at, released: notice.released, reason: notice.reason, skewMs: null },
        skewByAgent: {},
        replayed: true,
      };
      // The agent's clock → the controller's.
      if (maxSentMs !== null)
        r.release.skewMs = Math.max(r.release.skewMs ?? 0, Math.round((maxSentMs - link.offsetMs - notice.at) * 1000) / 1000);
      byKey.set(key, r);
    }
  return [...byKey.values()];
}
