import { describe, expect, it } from "vitest";
import { createSignInGuard } from "./sign-in-guard";

const guard = () =>
  createSignInGuard({ windowMs: 60_000, maxFailuresPerClient: 3, slowAfterFailures: 4, slowDownMs: (n) => Math.min(2_000, 500 * n) });

describe("createSignInGuard", () => {
  it("refuses a client after its failures for an account, and only that client", () => {
    const g = guard();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(g.check("a@x", "10.0.0.1", t0 + i).allowed).toBe(true);
      g.failed("a@x", "10.0.0.1", t0 + i);
    }
    expect(g.check("a@x", "10.0.0.1", t0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(g.check("a@x", "10.0.0.2", t0 + 10_000)).toEqual({ allowed: true, delayMs: 0 }); // the owner elsewhere
    expect(g.check("b@x", "10.0.0.1", t0 + 10_000)).toEqual({ allowed: true, delayMs: 0 }); // another account
    expect(g.check("a@x", "10.0.0.1", t0 + 60_000).allowed).toBe(true); // the window ended
  });

  it("slows every client of an account past its failures, without refusing any", () => {
    const g = guard();
    const t0 = 5_000_000;
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const client = `10.1.0.${i}`; // a guesser rotating addresses
      const verdict = g.check("a@x", client, t0 + i);
      expect(verdict.allowed).toBe(true);
      delays.push(verdict.allowed ? verdict.delayMs : -1);
      g.failed("a@x", client, t0 + i);
    }
    expect(delays).toEqual([0, 0, 0, 0, 500, 1_000, 1_500, 2_000, 2_000]);
    expect(g.check("a@x", "192.168.1.5", t0 + 100)).toEqual({ allowed: true, delayMs: 2_000 }); // slowed, not locked out
    expect(g.check("a@x", "192.168.1.5", t0 + 60_000)).toEqual({ allowed: true, delayMs: 0 });
  });

  it("counts failures only; a success clears that client's count", () => {
    const g = guard();
    g.failed("a@x", "c", 0);
    g.failed("a@x", "c", 1);
    g.succeeded("a@x", "c");
    g.failed("a@x", "c", 2);
    g.failed("a@x", "c", 3);
    expect(g.check("a@x", "c", 4).allowed).toBe(true);
    g.failed("a@x", "c", 5);
    expect(g.check("a@x", "c", 6).allowed).toBe(false);
  });
});
