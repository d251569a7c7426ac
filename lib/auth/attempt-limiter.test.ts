import { describe, expect, it } from "vitest";
import { createAttemptLimiter } from "./attempt-limiter";

describe("createAttemptLimiter", () => {
  it("allows max hits per key per window, then says how long to wait", () => {
    const limiter = createAttemptLimiter({ max: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.hit("a@x", t0 + i).allowed)).toEqual([true, true, true]);
    expect(limiter.hit("a@x", t0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.hit("b@x", t0 + 10_000).allowed).toBe(true);
    expect(limiter.hit("a@x", t0 + 60_000).allowed).toBe(true);
  });
});
