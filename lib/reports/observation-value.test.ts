import { describe, expect, it } from "vitest";
import { formatObservationValue, parseObservationValue } from "./observation-value";

describe("observation values", () => {
  it("parses the sample report's ranges and single numbers", () => {
    expect(parseObservationValue("2-5")).toEqual({ kind: "seconds", secondsMin: 2, secondsMax: 5 });
    expect(parseObservationValue(" 7-8 ")).toEqual({ kind: "seconds", secondsMin: 7, secondsMax: 8 });
    expect(parseObservationValue("3")).toEqual({ kind: "seconds", secondsMin: 3, secondsMax: 3 });
    expect(parseObservationValue("2.5~4s")).toEqual({ kind: "seconds", secondsMin: 2.5, secondsMax: 4 });
    expect(parseObservationValue("7–8秒")).toEqual({ kind: "seconds", secondsMin: 7, secondsMax: 8 });
    expect(parseObservationValue("5-2")).toEqual({ kind: "seconds", secondsMin: 2, secondsMax: 5 });
  });

  it("keeps a status word as the tester wrote it (正常 is never turned into normal)", () => {
    expect(parseObservationValue(" 正常 ")).toEqual({ kind: "status", status: "正常" });
    expect(parseObservationValue("Normal")).toEqual({ kind: "status", status: "Normal" });
    expect(parseObservationValue("卡顿")).toEqual({ kind: "status", status: "卡顿" });
    expect(parseObservationValue("  ")).toBeUndefined();
  });

  it("formats seconds; a status word stays as written in every locale", () => {
    expect(formatObservationValue({ secondsMin: 2, secondsMax: 5, status: null }, "zh-CN")).toBe("2-5");
    expect(formatObservationValue({ secondsMin: 3, secondsMax: 3, status: null }, "en")).toBe("3");
    expect(formatObservationValue({ secondsMin: null, secondsMax: null, status: "正常" }, "en")).toBe("正常");
    expect(formatObservationValue({ secondsMin: null, secondsMax: null, status: "normal" }, "zh-CN")).toBe("normal");
    expect(formatObservationValue({ secondsMin: null, secondsMax: null, status: "卡顿" }, "en")).toBe("卡顿");
  });

  it("round-trips", () => {
    for (const text of ["2-5", "7-8", "3", "0.5-1.5", "正常"]) {
      const v = parseObservationValue(text)!;
      const row = v.kind === "seconds" ? { ...v, status: null } : { secondsMin: null, secondsMax: null, status: v.status };
      expect(formatObservationValue(row, "zh-CN")).toBe(text);
    }
  });
});
