import { describe, expect, it } from "vitest";
import { formatHalfEven, formatSummaryLine } from "./summary-line";

describe("formatSummaryLine", () => {
  it("reproduces a line of the sample daily report from its figures", () => {
    // 57553848 samples over 05:55:19 (21319 s); avg 17 ms.
    const line = formatSummaryLine({
      samples: 57553848,
      errors: 0,
      sumMs: 57553848 * 17 + 1234,
      minMs: 1,
      maxMs: 50594,
      elapsedMs: 21_319_400, // rounds to 05:55:19
    });
    expect(line).toBe("summary = 57553848 in 05:55:19 = 2699.6/s Avg:    17 Min:     1 Max: 50594 Err:     0 (0.00%)");
  });

  it("pads small counts and prints error share with two decimals", () => {
    const line = formatSummaryLine({ samples: 466803, errors: 1749, sumMs: 466803 * 1424, minMs: 0, maxMs: 92791, elapsedMs: 11052_000 });
    expect(line).toBe("summary = 466803 in 03:04:12 =   42.2/s Avg:  1424 Min:     0 Max: 92791 Err:  1749 (0.37%)");
  });

  it("truncates the average and rounds elapsed to whole seconds", () => {
    const line = formatSummaryLine({ samples: 3, errors: 1, sumMs: 8, minMs: 1, maxMs: 5, elapsedMs: 1499 }, "+");
    expect(line).toBe("summary +      3 in 00:00:01 =    2.0/s Avg:     2 Min:     1 Max:     5 Err:     1 (33.33%)");
  });
});

describe("formatHalfEven", () => {
  it("rounds exact ties to even like java.text.DecimalFormat", () => {
    expect(formatHalfEven(0.25, 1)).toBe("0.2");
    expect(formatHalfEven(0.75, 1)).toBe("0.8");
    expect(formatHalfEven(2.5, 0)).toBe("2");
    // 0.15 is not a tie in binary (0.1499999…), Java prints 0.1; 1.005 → 1.00 likewise.
    expect(formatHalfEven(0.15, 1)).toBe("0.1");
    expect(formatHalfEven(1.005, 2)).toBe("1.00");
    expect(formatHalfEven(16.7345, 2)).toBe("16.73");
  });
});
