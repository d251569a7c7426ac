/**
 * The connect-time target hook: a name refused by `beforeLookup` is never looked up (and is not a
 * DNS error); a refusal carries the hook's own message, in-process and across the worker-thread
 * bridge. Only `.invalid` names and loopback are aimed at.
 */
import { describe, expect, it } from "vitest";
import { loopbackTargetsOnly, type TAllowTarget, type TTargetVerdict } from "./http";
import { runLoad } from "./run-load";
import { setUpTwoTargets } from "./testing/target-runs";

const targets = setUpTwoTargets();
const scenario = targets.scenario;

describe.each([0, 1])("the target hook (workers: %i)", (workers) => {
  it("refuses a name before DNS with the hook's message, and a loopback port after it with the hook's message", async () => {
    const otherPort = Number(new URL(targets.other.url).port);
    const askedWithAddress: string[] = [];
    const hook: TAllowTarget = Object.assign(
      (host: string, address: string, port?: number): TTargetVerdict => {
        askedWithAddress.push(host);
        return port === otherPort ? `port ${port} is not on this test's list` : true;
      },
      {
        beforeLookup: (host: string): TTargetVerdict => (host.endsWith(".invalid") ? `the name ${host} is not on this test's list` : true),
      },
    );
    const s = scenario(`
name: hook
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { name: named, path: "http://refused.invalid:9/x" }
  - request: { name: port, path: "OTHER/fast" }
  - request: { name: fine, path: /fast }
`);
    const { summary } = await runLoad({ scenarios: [s], workers, allowTarget: hook }).done;
    const named = summary.errors.find((e) => e.label === "named");
    expect(named?.kind).toBe("other");
    expect(named?.examples.join()).toContain("the name refused.invalid is not on this test's list");
    const port = summary.errors.find((e) => e.label === "port");
    expect(port?.kind).toBe("other");
    expect(port?.examples.join()).toContain(`port ${otherPort} is not on this test's list`);
    expect(port?.examples.join()).not.toContain("only loopback");
    expect(summary.errors.find((e) => e.label === "fine")).toBeUndefined();
    // In-process the hook itself shows the name was never resolved (across threads it runs in this thread too).
    expect(askedWithAddress).not.toContain("refused.invalid");
    expect(targets.other.log.length).toBe(0);
  });
});

it("without a hook: loopback only, and the refusal says so (a pure call: nothing is sent)", () => {
  expect(loopbackTargetsOnly("localhost", "127.0.0.1", 80)).toBe(true);
  expect(loopbackTargetsOnly("localhost", "::1", 80)).toBe(true);
  expect(loopbackTargetsOnly("far.invalid", "192.0.2.1", 80)).toBe(
    "target far.invalid (192.0.2.1) is not allowed: only loopback targets (127.0.0.0/8, ::1) are allowed here",
  );
});
