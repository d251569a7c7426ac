import { afterEach, describe, expect, it } from "vitest";
import { getEnv } from "./env";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["JTL_IMPORT_MAX_BYTES", "MUSTERPOINT_AUTH_RATE_LIMIT", "PORT"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("getEnv", () => {
  it("sees a variable changed after the first read (tests and set-up code change them)", () => {
    delete process.env.JTL_IMPORT_MAX_BYTES;
    expect(getEnv().JTL_IMPORT_MAX_BYTES).toBeUndefined();
    process.env.JTL_IMPORT_MAX_BYTES = "2000";
    expect(getEnv().JTL_IMPORT_MAX_BYTES).toBe(2000);
  });

  it("returns the same object while nothing changed", () => {
    expect(getEnv()).toBe(getEnv());
  });

  it("names the variable that is wrong", () => {
    process.env.MUSTERPOINT_AUTH_RATE_LIMIT = "sometimes";
    expect(() => getEnv()).toThrow(/MUSTERPOINT_AUTH_RATE_LIMIT/);
  });

  it("treats an empty value as unset", () => {
    process.env.JTL_IMPORT_MAX_BYTES = "";
    process.env.PORT = "";
    expect(getEnv().JTL_IMPORT_MAX_BYTES).toBeUndefined();
    expect(getEnv().PORT).toBe(3000);
  });
});
