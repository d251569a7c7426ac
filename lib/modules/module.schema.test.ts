import { describe, expect, it } from "vitest";
import { ZModuleInput, ZModuleUpdate } from "./module.schema";

describe("ZModuleInput", () => {
  it("trims and defaults the description", () => {
    expect(ZModuleInput.parse({ name: "  incoming  " })).toEqual({ name: "incoming", description: "" });
  });

  it("rejects an empty or blank name with a readable message", () => {
    const result = ZModuleInput.safeParse({ name: "   " });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["name"], code: "too_small", message: "Name is required." });
    expect(ZModuleInput.safeParse({}).error?.issues[0]?.message).toBe("Name is required.");
  });

  it("limits lengths (after trimming)", () => {
    expect(ZModuleInput.safeParse({ name: "x".repeat(100) }).success).toBe(true);
    expect(ZModuleInput.safeParse({ name: ` ${"x".repeat(100)} ` }).success).toBe(true);
    expect(ZModuleInput.safeParse({ name: "x".repeat(101) }).error?.issues[0]?.code).toBe("too_big");
    expect(ZModuleInput.safeParse({ name: "a", description: "d".repeat(2001) }).error?.issues[0]?.path).toEqual(["description"]);
  });

  it("update accepts a subset but not nothing", () => {
    expect(ZModuleUpdate.parse({ description: "x" })).toEqual({ description: "x" });
    expect(ZModuleUpdate.safeParse({}).success).toBe(false);
    expect(ZModuleUpdate.safeParse({ name: "" }).success).toBe(false);
  });
});
