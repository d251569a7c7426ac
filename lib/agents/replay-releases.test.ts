import { describe, expect, it } from "vitest";
import type { TReleaseNotice } from "../engine/rendezvous";
import { replayReleases } from "./replay-releases";

const notice = (name: string, at: number): TReleaseNotice => ({ releaseId: 7, name, at, reason: "policy", released: 6 });

describe("releases reported again after a take-over", () => {
  it("one per point and time over every agent, skew the latest request sent in the controller's clock", () => {
    const out = replayReleases([
      // agent clock 40 ms ahead: sent at 1_000_052 on it = 1_000_012 on the controller's
      {
        offsetMs: 40,
        releases: [
          { notice: notice("rv", 1_000_000), maxSentMs: 1_000_052 },
          { notice: notice("rv", 1_001_000), maxSentMs: null },
        ],
      },
      { offsetMs: -10, releases: [{ notice: notice("rv", 1_000_000), maxSentMs: 999_995 }] },
    ]);
    expect(out.map((r) => [r.name, r.release.at, r.release.released, r.release.skewMs, r.replayed])).toEqual([
      ["rv", 1_000_000, 6, 12, true],
      ["rv", 1_001_000, 6, null, true],
    ]);
  });
});
