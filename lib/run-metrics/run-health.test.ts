import { describe, expect, it } from "vitest";
import { HIGH_ERROR_SHARE_PCT, highErrorShareEvent, isHighErrorShare, noSuccessReason } from "./run-health";

const label = (label: string, samples: number, errors: number, kind: "request" | "transaction" = "request") => ({
  label,
  kind,
  samples,
  errors,
});

describe("noSuccessReason", () => {
  it("names the kinds, most frequent first, with grouped counts, when every request failed", () => {
    const reason = noSuccessReason({
      labels: [label("GET /a", 14_000, 14_000), label("GET /b", 213, 213)],
      errors: [
        { label: "GET /a", kind: "connection_refused", count: 14_000 },
        { label: "GET /b", kind: "connection_refused", count: 210 },
        { label: "GET /b", kind: "timeout", count: 3 },
      ],
    });
    expect(reason).toBe("no request succeeded: 14,210 connection_refused, 3 timeout");
  });

  it("is null when one request succeeded, and when none was sent", () => {
    expect(noSuccessReason({ labels: [label("GET /a", 10, 9)], errors: [{ label: "GET /a", kind: "timeout", count: 9 }] })).toBeNull();
    expect(noSuccessReason({ labels: [], errors: [] })).toBeNull();
  });

  it("counts requests only: a failed transaction over succeeded requests is not a failed run", () => {
    expect(
      noSuccessReason({
        labels: [label("GET /a", 5, 0), label("buy", 5, 5, "transaction")],
        errors: [{ label: "buy", kind: "transaction", count: 5 }],
      }),
    ).toBeNull();
    expect(
      noSuccessReason({
        labels: [label("GET /a", 5, 5), label("buy", 5, 5, "transaction")],
        errors: [
          { label: "GET /a", kind: "dns", count: 5 },
          { label: "buy", kind: "transaction", count: 5 },
        ],
      }),
    ).toBe("no request succeeded: 5 dns");
  });

  it("counts errors with no recorded kind as `other`", () => {
    expect(noSuccessReason({ labels: [label("GET /a", 7, 7)], errors: [{ label: "GET /a", kind: "http_status", count: 4 }] })).toBe(
      "no request succeeded: 4 http_status, 3 other",
    );
  });
});

describe("isHighErrorShare", () => {
  it(`warns from ${HIGH_ERROR_SHARE_PCT} % as shown (two decimals), not below`, () => {
    expect(isHighErrorShare(10, 100)).toBe(true);
    expect(isHighErrorShare(9_999, 100_000)).toBe(true); // 9.999 % is shown as 10.00 %: the warning agrees with the figure
    expect(isHighErrorShare(9_994, 100_000)).toBe(false);
    expect(isHighErrorShare(0, 0)).toBe(false);
    expect(isHighErrorShare(1, 1)).toBe(true);
  });
});

describe("highErrorShareEvent", () => {
  it("is a warning with the share as shown from the threshold on, and nothing below", () => {
    const e = highErrorShareEvent({ samples: 1_000, errors: 234 });
    expect(e).toMatchObject({
      level: "warning",
      code: "high_error_share",
      details: { errorPct: "23.40", errors: 234, samples: 1_000, thresholdPct: 10 },
    });
    expect(e!.message).toMatch(/^23\.40 % of the samples failed/);
    expect(highErrorShareEvent({ samples: 1_000, errors: 99 })).toBeNull();
  });
});
