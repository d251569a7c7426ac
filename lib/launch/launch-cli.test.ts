import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { junitXml } from "./junit-xml";
import { EXIT, main, type TLaunchIo } from "./launch-cli";

function io(): TLaunchIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    sleep: async () => undefined,
    fetch: (() => Promise.reject(new Error("no network in this test"))) as typeof fetch,
  };
}

describe("musterpoint launch arguments", () => {
  it("bad input exits 2 before any request, naming what is wrong", async () => {
    const saved = process.env.MUSTERPOINT_TOKEN;
    delete process.env.MUSTERPOINT_TOKEN;
    try {
      const a = io();
      expect(await main(["--server", "ftp://x", "--junit", "out.xml"], a)).toBe(EXIT.badInput);
      expect(a.lines.join("\n")).toMatch(/--server must be/);
      expect(a.lines.join("\n")).toMatch(/--token/);
      expect(a.lines.join("\n")).toMatch(/scenario files or --scenario/);
      expect(a.lines.join("\n")).toMatch(/--junit needs --wait/);
      const b = io();
      expect(await main(["--server", "http://127.0.0.1:1", "--token", "t", "--scenario", "x", "--var", "no-equals"], b)).toBe(EXIT.badInput);
      expect(await main(["--bogus"], io())).toBe(EXIT.badInput);
      expect(await main(["--server", "http://127.0.0.1:1", "--token", "t", "/no/such/file.yaml"], io())).toBe(EXIT.badInput);
    } finally {
      if (saved !== undefined) process.env.MUSTERPOINT_TOKEN = saved;
    }
  });

  it("an unreachable server exits 3", async () => {
    const a = io();
    expect(await main(["--server", "http://127.0.0.1:1", "--token", "t", "--scenario", "x"], a)).toBe(EXIT.runFailed);
    expect(a.lines.join("\n")).toMatch(/POST http:\/\/127\.0\.0\.1:1\/api\/runs/);
  });
});

describe("JUnit XML", () => {
  it("one case per threshold, failures counted, text escaped and well-formed", () => {
    const xml = junitXml({
      runName: `峰值 <"&'> \u0001`,
      runId: "r1",
      runUrl: "http://h/runs/r1?a=1&b=2",
      status: "completed",
      error: null,
      durationSeconds: 12.5,
      thresholds: [
        { expression: "p95Ms <= 500 (label GET /a?x=1&y=<2>)", scope: "label", target: "GET /a", metric: "p95Ms", max: 500, actual: 612.4, ok: false },
        { expression: "errorPct <= 1 (total)", scope: "total", target: "", metric: "errorPct", max: 1, actual: 0, ok: true },
        { expression: "avgMs <= 10 (label none)", scope: "label", target: "none", metric: "avgMs", max: 10, actual: null, ok: false },
      ],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.testsuites).toMatchObject({ "@_tests": "3", "@_failures": "2", "@_errors": "0" });
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases[0]["@_name"]).toBe("p95Ms <= 500 (label GET /a?x=1&y=<2>)");
    expect(cases[0].failure["@_message"]).toBe("measured 612.4");
    expect(cases[1].failure).toBeUndefined();
    expect(cases[2].failure["@_message"]).toBe("nothing measured");
  });

  it("a run that did not complete is an errored case", () => {
    const xml = junitXml({ runName: "x", runId: "r", runUrl: "u", status: "failed", error: "target refused", durationSeconds: 0, thresholds: [] });
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.testsuites["@_errors"]).toBe("1");
    expect(doc.testsuites.testsuite.testcase.error["@_message"]).toBe("run failed: target refused");
  });
});
