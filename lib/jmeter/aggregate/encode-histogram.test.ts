import { describe, expect, it } from "vitest";
import { decompress } from "hdr-histogram-js/dist/encoding";
import { createHistogram, decodeHistogram, encodeHistogram } from "../../engine/metrics/histogram";
import { countsIndex, encodeSortedMsHistogram } from "./encode-histogram";

describe("encodeSortedMsHistogram", () => {
  const cases: number[][] = [
    [0, 0, 1, 2, 2, 2, 3, 1500],
    Array.from({ length: 5000 }, (_, i) => (i * 7919) % 3000),
    [5, 65_000, 120_000, 301_007, 3_000_000],
    [42],
  ];
  it.each(cases.map((c, i) => [i, c] as const))("writes the library's encoding (case %i)", (_i, values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const h = createHistogram();
    for (const ms of sorted) h.recordValue(Math.max(1, ms * 1000));
    const ours = encodeSortedMsHistogram(sorted);
    const decoded = decodeHistogram(ours);
    expect(decoded.totalCount).toBe(h.totalCount);
    for (const p of [0, 50, 90, 99, 100]) expect(decoded.getValueAtPercentile(p)).toBe(h.getValueAtPercentile(p));
    if (Math.max(...values) * 1000 <= 3_600_000_000) {
      const a = decompress(Buffer.from(ours, "base64"));
      const b = decompress(Buffer.from(encodeHistogram(h), "base64"));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    }
  });
  it("indexes like HdrHistogram", () => {
    expect([countsIndex(1), countsIndex(2047), countsIndex(2048), countsIndex(4096)]).toEqual([1, 2047, 2048, 3072]);
  });
});
