import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TRow } from "./csv-data";
import { MAX_LEASE_ROWS, RowLedger } from "./row-ledger";
import { LeasedRowSource } from "./row-source";

const rowsOf = (n: number): TRow[] => Array.from({ length: n }, (_, i) => ({ n: String(i) }));
const tick = () => new Promise((r) => setImmediate(r));

describe("row ledger (the controller's cursor)", () => {
  it("unique: however the agents ask, every row is leased once, and all of them before `done`", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.array(
          fc.record({
            want: fc.integer({ min: 1, max: 80 }),
            agent: fc.constantFrom("a", "b", "c"),
            holders: fc.subarray(["a", "b", "c"]),
          }),
          { minLength: 1, maxLength: 400 },
        ),
        (n, asks) => {
          const ledger = new RowLedger([{ key: "0/0", rows: rowsOf(n), mode: "unique" }]);
          const seen: string[] = [];
          let done = false;
          for (const a of asks) {
            const lease = ledger.lease("0/0", a.want, a.agent, a.holders);
            expect(lease.rows.length).toBeLessThanOrEqual(a.want);
            if (done) expect(lease.rows).toEqual([]);
            // Not done: something was handed out (no empty block while rows are left).
            if (!done && n > 0) expect(lease.rows.length).toBeGreaterThan(0);
            seen.push(...lease.rows.map((r) => r.n!));
            done = lease.done;
          }
          // The oracle: each index at most once; in file order; everything once done.
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen).toEqual(rowsOf(seen.length).map((r) => r.n));
          if (done) expect(seen.length).toBe(n);
        },
      ),
    );
  });

  it("unique: near the end, each holder gets its share of what is left, in proportion to its asks", () => {
    const ledger = new RowLedger([{ key: "0/0", rows: rowsOf(60), mode: "unique" }]);
    const all = ["fast", "slow"];
    expect(ledger.lease("0/0", 10, "slow", all).rows).toHaveLength(10); // the only ask known yet
    expect(ledger.lease("0/0", 40, "fast", all).rows).toHaveLength(40); // 50 × 40 / 50
    expect(ledger.lease("0/0", 40, "fast", all).rows).toHaveLength(8); // ⌈10 × 40 / 50⌉
    expect(ledger.lease("0/0", 10, "slow", all).rows).toHaveLength(1); // ⌈2 × 10 / 50⌉
    expect(ledger.lease("0/0", 10, "slow", ["slow"]).rows).toHaveLength(1); // fast is done: all that is left
    expect(ledger.remaining("0/0")).toBe(0);
  });

  it("sequential: the blocks continue one another in file order, wrapping, for every agent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 60 }),
        (n, wants) => {
          const ledger = new RowLedger([{ key: "1/0", rows: rowsOf(n), mode: "sequential" }]);
          const seen = wants.flatMap((w) => {
            const lease = ledger.lease("1/0", w, "a", ["a", "b", "c"]);
            expect(lease.done).toBe(false);
            expect(lease.rows).toHaveLength(w);
            return lease.rows.map((r) => Number(r.n));
          });
          seen.forEach((v, i) => expect(v).toBe(i % n));
        },
      ),
    );
  });

  it("an empty file is done at once (unique: no row; sequential: no columns)", () => {
    const ledger = new RowLedger([
      { key: "0/0", rows: [], mode: "unique" },
      { key: "0/1", rows: [], mode: "sequential" },
    ]);
    expect(ledger.lease("0/0", 5)).toEqual({ rows: [], done: true, to: 0 });
    expect(ledger.lease("0/1", 5)).toEqual({ rows: [], done: true, to: 0 });
  });

  it("restored after a restart, it never leases a position below the one recorded", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (n, wants) => {
        const before = new RowLedger([{ key: "0/0", rows: rowsOf(n), mode: "unique" }]);
        const leased = new Set<string>();
        let to = 0;
        for (const w of wants) {
          const lease = before.lease("0/0", w);
          lease.rows.forEach((r) => leased.add(r.n!));
          to = lease.to;
        }
        const after = new RowLedger([{ key: "0/0", rows: rowsOf(n), mode: "unique" }]);
        after.restore("0/0", to);
        for (;;) {
          const lease = after.lease("0/0", 7);
          for (const r of lease.rows) {
            expect(leased.has(r.n!)).toBe(false);
            leased.add(r.n!);
          }
          if (lease.done) break;
        }
        expect(leased.size).toBe(n);
      }),
    );
  });

  it("a block stays under the byte cap (one NATS message) and MAX_LEASE_ROWS, but always carries a row", () => {
    const big = Array.from({ length: 50 }, (_, i) => ({ n: String(i), pad: "x".repeat(1000) }));
    const ledger = new RowLedger([{ key: "0/0", rows: big, mode: "sequential" }], { maxBytes: 10_000 });
    const lease = ledger.lease("0/0", 50);
    expect(lease.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(lease.rows).length).toBeLessThanOrEqual(10_000);
    const tiny = new RowLedger([{ key: "0/0", rows: big, mode: "sequential" }], { maxBytes: 10 });
    expect(tiny.lease("0/0", 5).rows).toHaveLength(1);
    const many = new RowLedger([{ key: "0/0", rows: rowsOf(10), mode: "sequential" }]);
    expect(many.lease("0/0", 10 * MAX_LEASE_ROWS).rows).toHaveLength(MAX_LEASE_ROWS);
  });
});

describe("leased row source (an agent's side)", () => {
  /** Agents sharing one ledger over an asynchronous "network" (one turn of the event loop). */
  function agents(rows: TRow[], mode: "unique" | "sequential", count: number, minWant: number, clock?: () => number) {
    const ledger = new RowLedger([{ key: "0/0", rows, mode }]);
    let requests = 0;
    const ids = Array.from({ length: count }, (_, k) => String(k));
    const sources = Array.from(
      { length: count },
      (_, k) =>
        new LeasedRowSource(
          mode,
          async (want) => {
            requests++;
            await tick();
            const { rows: leased, done } = ledger.lease("0/0", want, String(k), ids);
            return { rows: leased, done };
          },
          minWant,
          clock,
        ),
    );
    return { sources, requests: () => requests };
  }

  it("unique over three agents: every row drawn exactly once, then null for everyone", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 300 }),
        async (n, order) => {
          const { sources } = agents(rowsOf(n), "unique", 3, 4);
          const drawn: string[] = [];
          const ended = [false, false, false];
          const draw = async (k: number) => {
            const row = await sources[k]!.next();
            if (row === null) ended[k] = true;
            else drawn.push(row.n!);
          };
          for (const k of order) if (!ended[k]) await draw(k);
          // Drain: everyone draws until the run has no rows left for it.
          for (let k = 0; k < 3; k++) while (!ended[k]) await draw(k);
          expect(drawn.length).toBe(n);
          expect(new Set(drawn).size).toBe(n);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("with the network quick and steady draws, a VU never waits after the first block", async () => {
    let now = 0;
    const { sources, requests } = agents(rowsOf(10_000), "unique", 1, 5, () => now);
    const source = sources[0]!;
    await tick(); // the first block arrives while the agent pre-warms
    let waited = 0;
    for (let i = 0; i < 2000; i++) {
      now += 10; // 100 rows/s
      const row = source.next();
      if (row instanceof Promise) {
        waited++;
        await row;
      }
      if (i % 5 === 0) await tick();
    }
    expect(waited).toBe(0);
    // Blocks grew with the rate (about 2 s = 200 rows each), far fewer requests than rows.
    expect(requests()).toBeLessThan(40);
  });

  it("sequential: an empty file gives empty rows; close() lets waiting VUs stop", async () => {
    const empty = agents([], "sequential", 1, 1).sources[0]!;
    expect(await empty.next()).toEqual({});
    let release: (v: { rows: TRow[]; done: boolean }) => void = () => undefined;
    const never = new LeasedRowSource("unique", () => new Promise((r) => (release = r)), 1);
    const waiting = never.next();
    never.close();
    expect(await waiting).toBeNull();
    release({ rows: rowsOf(1), done: false });
    expect(never.next()).toBeNull();
  });

  it("a lease that fails (controller away) is asked again", async () => {
    let calls = 0;
    const source = new LeasedRowSource(
      "unique",
      async () => {
        if (++calls < 3) throw new Error("no responders");
        return { rows: rowsOf(2), done: true };
      },
      2,
    );
    expect((await source.next())?.n).toBe("0");
    expect(calls).toBe(3);
    expect(source.next()).toEqual({ n: "1" });
    expect(source.next()).toBeNull();
  });
});
