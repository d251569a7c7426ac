import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

function keys(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogs", () => {
  it("English and 简体中文 have exactly the same keys", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it("has no empty messages", () => {
    const empty = (catalog: unknown) =>
      keys(catalog).filter((k) => {
        const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalog);
        return typeof value !== "string" || value.trim() === "";
      });
    expect(empty(en)).toEqual([]);
    expect(empty(zhCN)).toEqual([]);
  });
});
