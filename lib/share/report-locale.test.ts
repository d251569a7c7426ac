import { describe, expect, it } from "vitest";
import { reportLocale } from "./report-locale";

const base = { name: "", notes: "", observations: [], problems: [] };

describe("reportLocale", () => {
  it("is Chinese when people wrote Chinese anywhere, English when they wrote only Latin words", () => {
    expect(reportLocale({ ...base, name: "峰值脚本压测 2026-12-06" })).toBe("zh-CN");
    expect(reportLocale({ ...base, name: "2026-12-06", observations: [{ feature: "login", status: "正常", note: null }] })).toBe("zh-CN");
    expect(reportLocale({ ...base, name: "Peak test 2026-12-06", problems: [{ title: "Slow checkout" }] })).toBe("en");
  });

  it("says nothing for a report of dates and figures", () => {
    expect(reportLocale({ ...base, name: "2026-12-06 #2" })).toBeNull();
  });
});
