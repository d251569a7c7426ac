import { describe, expect, it } from "vitest";
import { withSaturated } from "./saturated-ranges";

const p = (second: number, saturated: boolean) => ({ second, saturated });

describe("withSaturated", () => {
  it("extends the last range, starts new ones, and keeps the array when nothing is new", () => {
    const start = [{ from: 10, to: 12 }];
    expect(withSaturated(start, [p(13, true), p(14, true), p(15, false), p(17, true)])).toEqual([
      { from: 10, to: 14 },
      { from: 17, to: 17 },
    ]);
    expect(start).toEqual([{ from: 10, to: 12 }]);
    const none = [p(13, false)];
    expect(withSaturated(start, none)).toBe(start);
  });

  it("ignores seconds the ranges already hold (the first poll overlaps the page's list)", () => {
    const start = [
      { from: 5, to: 6 },
      { from: 10, to: 12 },
    ];
    expect(withSaturated(start, [p(5, true), p(11, true), p(12, true)])).toBe(start);
    expect(withSaturated([], [p(1, true), p(2, true)])).toEqual([{ from: 1, to: 2 }]);
  });
});
