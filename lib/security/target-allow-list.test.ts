import { describe, expect, it } from "vitest";
import { checkScenarioTargets, checkScenarioTargetsResolved } from "./check-scenario-targets";
import {
  DEFAULT_TARGET_ALLOW_LIST,
  allowTargetFor,
  isTargetAllowed,
  parseCidr,
  ZTargetAllowList,
  type TTargetAllowList,
} from "./target-allow-list";

const STAGING: TTargetAllowList = {
  hosts: ["api.staging.example.com", "*.svc.internal"],
  cidrs: ["10.20.0.0/16", "fd00::/8"],
  ports: [80, 8443],
};

describe("isTargetAllowed", () => {
  it("default: loopback only", () => {
    expect(isTargetAllowed("localhost", "127.0.0.1", 3000, DEFAULT_TARGET_ALLOW_LIST)).toBe(true);
    expect(isTargetAllowed("127.0.0.2", "127.0.0.2", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(true);
    expect(isTargetAllowed("::1", "::1", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(true);
    expect(isTargetAllowed("localhost", "::ffff:127.0.0.1", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(true);
    expect(isTargetAllowed("10.0.0.1", "10.0.0.1", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(false);
    expect(isTargetAllowed("example.com", "93.184.216.34", 443, DEFAULT_TARGET_ALLOW_LIST)).toBe(false);
  });

  it("CIDR, host and port must all match", () => {
    expect(isTargetAllowed("api.staging.example.com", "10.20.3.4", 80, STAGING)).toBe(true);
    expect(isTargetAllowed("a.b.svc.internal", "fd00::5", 8443, STAGING)).toBe(true);
    expect(isTargetAllowed("svc.internal", "10.20.3.4", 80, STAGING)).toBe(false); // *.x is sub-domains only
    expect(isTargetAllowed("api.staging.example.com", "10.20.3.4", 22, STAGING)).toBe(false);
    expect(isTargetAllowed("10.20.9.9", "10.20.9.9", 80, STAGING)).toBe(true);
    expect(isTargetAllowed("10.21.0.1", "10.21.0.1", 80, STAGING)).toBe(false);
    expect(isTargetAllowed("other.example.com", "10.20.3.4", 80, STAGING)).toBe(false);
  });

  it("DNS rebinding: a name allowed by the list but resolving elsewhere is refused", () => {
    expect(isTargetAllowed("api.staging.example.com", "169.254.169.254", 80, STAGING)).toBe(false);
    expect(isTargetAllowed("localhost", "192.168.1.10", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(false);
    expect(isTargetAllowed("api.staging.example.com", "::ffff:169.254.169.254", 80, STAGING)).toBe(false);
    // A refusal is the list's own sentence (the engine shows it as the request's error).
    expect(allowTargetFor(STAGING)("api.staging.example.com", "169.254.169.254")).toContain(
      "an address range containing 169.254.169.254 to CIDRs",
    );
    expect(allowTargetFor(STAGING)("api.staging.example.com", "10.20.0.1")).toBe(true);
  });

  it("garbage addresses are refused, not thrown", () => {
    expect(isTargetAllowed("localhost", "not-an-ip", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(false);
    expect(isTargetAllowed("", "", 80, DEFAULT_TARGET_ALLOW_LIST)).toBe(false);
  });
});

describe("ZTargetAllowList", () => {
  it("accepts hosts, CIDRs (bare addresses too) and ports", () => {
    expect(ZTargetAllowList.parse({ hosts: [" API.Example.com "], cidrs: ["10.0.0.1", "fd00::/8"], ports: [443] })).toEqual({
      hosts: ["api.example.com"],
      cidrs: ["10.0.0.1", "fd00::/8"],
      ports: [443],
    });
    expect(parseCidr("10.0.0.1")).toEqual({ address: "10.0.0.1", prefix: 32, family: "ipv4" });
  });

  it.each([
    { hosts: ["http://x"] },
    { hosts: ["a..b"] },
    { cidrs: ["10.0.0.0/33"] },
    { cidrs: ["10.0.0.0/8/1"] },
    { cidrs: ["host.example"] },
    { ports: [0] },
    { ports: ["80"] },
    { hosts: "x" },
  ])("refuses %j with a readable message", (input) => {
    const result = ZTargetAllowList.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message.length).toBeGreaterThan(5);
  });
});

describe("checkScenarioTargets", () => {
  const scenario = (baseUrl: string, paths: string[] = ["/x"]) => ({
    name: "s",
    baseUrl,
    steps: [{ request: { path: paths[0] } }, { transaction: { name: "t", steps: paths.slice(1).map((path) => ({ request: { path } })) } }],
  });

  it("passes loopback targets by default", () => {
    expect(checkScenarioTargets(scenario("http://127.0.0.1:8080"), DEFAULT_TARGET_ALLOW_LIST)).toMatchObject({
      ok: true,
      refused: [],
      message: null,
    });
    expect(checkScenarioTargets(scenario("http://localhost:3000"), DEFAULT_TARGET_ALLOW_LIST).ok).toBe(true);
  });

  it("names the refused host and how to allow it", () => {
    const result = checkScenarioTargets(scenario("https://api.prod.example.com/v1"), DEFAULT_TARGET_ALLOW_LIST);
    expect(result.ok).toBe(false);
    expect(result.refused[0]).toMatchObject({ path: "baseUrl", host: "api.prod.example.com", port: 443 });
    expect(result.message).toContain("api.prod.example.com");
    expect(result.message).toContain("/admin/settings");
    expect(result.message).toContain('the host "api.prod.example.com" to Hosts');
  });

  it("checks absolute request paths inside transactions, and reports templated hosts as unchecked", () => {
    const result = checkScenarioTargets(
      scenario("http://127.0.0.1", ["/ok", "http://10.9.9.9:81/x", "http://${host}/y"]),
      DEFAULT_TARGET_ALLOW_LIST,
    );
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]!.path).toBe("steps.1.transaction.steps.0.request.path");
    expect(result.refused[0]!.message).toContain("10.9.9.9");
    expect(result.unchecked).toEqual(["http://${host}/y"]);
  });

  it("refuses a port outside the list", () => {
    const result = checkScenarioTargets(scenario("http://api.staging.example.com:9999"), STAGING);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("port 9999 to Ports");
  });

  it("at run time, resolves names and refuses one that points outside the CIDRs", async () => {
    const rebinding = async () => ["10.20.0.5", "169.254.169.254"];
    const result = await checkScenarioTargetsResolved(scenario("http://api.staging.example.com"), STAGING, rebinding);
    expect(result.ok).toBe(false);
    expect(result.refused[0]).toMatchObject({ host: "api.staging.example.com", address: "169.254.169.254" });
    expect(result.message).toContain("169.254.169.254");
    const fine = await checkScenarioTargetsResolved(scenario("http://api.staging.example.com"), STAGING, async () => ["10.20.0.5"]);
    expect(fine.ok).toBe(true);
    const unresolvable = await checkScenarioTargetsResolved(scenario("http://api.staging.example.com"), STAGING, async () => {
      throw new Error("ENOTFOUND");
    });
    expect(unresolvable.message).toContain("does not resolve");
  });
});

describe("bodyTooLargeMessage", async () => {
  const { bodyTooLargeMessage, MAX_PROXY_BODY_BYTES } = await import("./body-limit");
  it("passes absent and small bodies, refuses declared-too-large and malformed lengths", () => {
    expect(bodyTooLargeMessage(null)).toBeNull();
    expect(bodyTooLargeMessage(String(MAX_PROXY_BODY_BYTES))).toBeNull();
    expect(bodyTooLargeMessage(String(MAX_PROXY_BODY_BYTES + 1))).toMatch(/larger than 10 MB/);
    expect(bodyTooLargeMessage("-1")).toMatch(/Malformed/);
    expect(bodyTooLargeMessage("abc")).toMatch(/Malformed/);
  });
});
