import { describe, expect, it } from "vitest";
import { avg, clock, ms } from "./run-format";

describe("table figures", () => {
  it("ms: whole ms with en-US grouping from 100 on, one decimal below, a dash for no figure", () => {
    expect(ms(1234.5)).toBe("1,235");
    expect(ms(1_234_567.4)).toBe("1,234,567");
    expect(ms(100)).toBe("100");
    expect(ms(99.94)).toBe("99.9");
    expect(ms(0)).toBe("0.0");
    expect(ms(Number.NaN)).toBe("—");
    expect(ms(Number.POSITIVE_INFINITY)).toBe("—");
  });

  it("avg: truncated like JMeter's Avg, grouped from 100 on", () => {
    expect(avg(5953.999)).toBe("5,953");
    expect(avg(2999.9)).toBe("2,999");
    expect(avg(99.99)).toBe("99.9");
    expect(avg(Number.NaN)).toBe("—");
  });

  it("clock: m:ss, h:mm:ss from an hour on", () => {
    expect(clock(59.6)).toBe("1:00");
    expect(clock(3600 * 6 + 61)).toBe("6:01:01");
  });
});
