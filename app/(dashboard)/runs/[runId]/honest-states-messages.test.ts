/**
 * The texts of the honest states as the pages render them (next-intl, both catalogues): counts
 * grouped by locale, the summariser-log wording, and the high error share warning built from the
 * event lib/run-metrics/run-health.ts makes.
 */
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { highErrorShareEvent } from "@/lib/run-metrics/run-health";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

const event = highErrorShareEvent({ samples: 10_000, errors: 1_500 })!;
const values = event.details as Record<string, string | number>;

describe("honest states, en", () => {
  const t = createTranslator({ locale: "en", messages: en });
  it("says what the data lacks, with grouped counts", () => {
    expect(t("runEvents.codes.high_error_share", values)).toBe(
      "15.00 % of the samples failed (1,500 of 10,000; a warning from 10 %): averages and percentiles mix failed requests with real responses.",
    );
    expect(t("runs.results.errorsNoKinds", { source: "jmeter_log", count: 1_500 })).toBe(
      "A summariser log has no error kinds: it counts 1,500 errors, not what they were.",
    );
    expect(t("runs.results.errorsNoKinds", { source: "jmeter_jtl", count: 1 })).toBe(
      "This data has no error kinds: it counts 1 error, not what they were.",
    );
    expect(t("runs.results.slowNoData", { source: "jmeter_log" })).toBe(
      "A summariser log has no per-interface figures, so there is no slow list.",
    );
    expect(t("table.empty")).toBe("No rows.");
    expect(t("runs.highErrorShare", { pct: 10 })).toBe(
      "High error share (10 % or more): the figures mix failed requests with real responses",
    );
  });
});

describe("honest states, zh-CN", () => {
  const t = createTranslator({ locale: "zh-CN", messages: zh });
  it("has every text in Chinese", () => {
    expect(t("runEvents.codes.high_error_share", values)).toBe(
      "15.00% 的样本失败（10,000 个中 1,500 个；达到 10% 即警告）：平均值和百分位数混入了失败请求与真实响应。",
    );
    expect(t("runs.results.errorsNoKinds", { source: "jmeter_log", count: 1_500 })).toBe(
      "汇总日志不含错误类型：只记录了 1,500 个错误，没有记录错误是什么。",
    );
    expect(t("runs.results.slowNoData", { source: "jmeter_log" })).toBe("汇总日志没有按接口的数据，因此没有慢接口列表。");
    expect(t("table.empty")).toBe("没有数据行。");
  });
});
