import { describe, expect, it } from "vitest";
import { scenarioEnv } from "@/lib/env";
import { MASK } from "@/lib/security/mask-secrets";
import { launchParametersOf, maskLaunchVariables, missingLaunchParameters } from "./launch-parameters";

const shop = {
  name: "shop",
  baseUrl: "http://${host}:${port}",
  variables: { host: "127.0.0.1", port: "18080", prefix: "u" },
  steps: [
    { request: { path: "/env/${__P(ENVIRONMENT)}" } },
    { loop: { count: 2, steps: [{ request: { path: "/p?size=${__P(pageSize,20)}&k=${__P(api_key,abc)}" } }] } },
  ],
};

describe("launch parameters", () => {
  it("lists variables and __P names with defaults, required first", () => {
    expect(launchParametersOf([shop])).toEqual([
      { name: "ENVIRONMENT", required: true, source: "param", isSecret: false },
      { name: "api_key", defaultValue: "abc", required: false, source: "param", isSecret: true },
      { name: "host", defaultValue: "127.0.0.1", required: false, source: "variable", isSecret: false },
      { name: "pageSize", defaultValue: "20", required: false, source: "param", isSecret: false },
      { name: "port", defaultValue: "18080", required: false, source: "variable", isSecret: false },
      { name: "prefix", defaultValue: "u", required: false, source: "variable", isSecret: false },
    ]);
  });

  it("merges several scenarios: a name used in both is one parameter, required if any needs it", () => {
    const other = { name: "other", variables: { ENVIRONMENT: "dev" }, steps: [{ request: { path: "/${__P(pageSize)}" } }] };
    const byName = new Map(launchParametersOf([shop, other]).map((p) => [p.name, p]));
    expect(byName.get("ENVIRONMENT")).toMatchObject({ required: true, source: "both", defaultValue: "dev" });
    expect(byName.get("pageSize")).toMatchObject({ required: true, defaultValue: "20" });
  });

  it("names each missing required parameter per scenario; an empty value does not count", () => {
    expect(missingLaunchParameters([shop], {})).toEqual([
      { scenario: "shop", name: "ENVIRONMENT", message: "launch parameter ENVIRONMENT is required by scenario shop; give it in variables" },
    ]);
    expect(missingLaunchParameters([shop], { ENVIRONMENT: "" })).toHaveLength(1);
    expect(missingLaunchParameters([shop], { ENVIRONMENT: "staging" })).toEqual([]);
    expect(missingLaunchParameters([shop], { ENVIRONMENT: false })).toEqual([]);
  });

  it("masks values of secret-looking names only", () => {
    expect(maskLaunchVariables({ password: "pw", user: "alice", api_token: 3, empty_secret: "" })).toEqual({
      password: MASK,
      user: "alice",
      api_token: MASK,
      empty_secret: "",
    });
  });
});

describe("scenarioEnv", () => {
  it("exposes only the listed names, never the app's own configuration", () => {
    const source = { REGION: "eu", OTHER: "x", DATABASE_URL: "postgres://u:p@h/db", BETTER_AUTH_SECRET: "s", MUSTERPOINT_HOME: "/h" };
    expect(scenarioEnv(source, ["REGION", "DATABASE_URL", "BETTER_AUTH_SECRET", "MUSTERPOINT_HOME", "MISSING"])).toEqual({ REGION: "eu" });
    expect(scenarioEnv(source, [])).toEqual({});
  });
});
