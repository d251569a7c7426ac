import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, matchLocale, resolveLocale } from "./locales";

describe("locale resolution", () => {
  it("prefers a valid cookie over the browser", () => {
    expect(resolveLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(resolveLocale("en", "zh-CN")).toBe("en");
  });

  it("ignores an unknown cookie value", () => {
    expect(resolveLocale("fr", "zh-TW,zh;q=0.9")).toBe("zh-CN");
  });

  it("honours q-values and order in Accept-Language", () => {
    expect(localeFromAcceptLanguage("fr;q=1, en;q=0.5, zh;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("de, en-GB, zh")).toBe("en");
    expect(localeFromAcceptLanguage("zh;q=0, en;q=0.1")).toBe("en");
  });

  it("falls back to English", () => {
    expect(resolveLocale(undefined, undefined)).toBe("en");
    expect(resolveLocale(undefined, "fr, de;q=0.5, *")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBeUndefined();
  });

  it("maps Chinese and English tags", () => {
    expect(matchLocale("ZH-hans-CN")).toBe("zh-CN");
    expect(matchLocale("en-AU")).toBe("en");
    expect(matchLocale("english")).toBeUndefined();
  });
});
