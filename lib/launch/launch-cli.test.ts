import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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
      expect(await main(["--server", "http://127.0.0.1:1", "--token", "t", "--scenario", "x", "--var", "no-equals"], b)).toBe(
        EXIT.badInput,
      );
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
        {
          expression: "p95Ms <= 500 (label GET /a?x=1&y=<2>)",
          scope: "label",
          target: "GET /a",
          metric: "p95Ms",
          max: 500,
          actual: 612.4,
          ok: false,
        },
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
    const xml = junitXml({
      runName: "x",
      runId: "r",
      runUrl: "u",
      status: "failed",
      error: "target refused",
      durationSeconds: 0,
      thresholds: [],
    });
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.testsuites["@_errors"]).toBe("1");
    expect(doc.testsuites.testsuite.testcase.error["@_message"]).toBe("run failed: target refused");
  });
});

describe("musterpoint launch --wait against a scripted server", () => {
  it("creates the module and scenario, launches, streams the summary lines, prints the tables and exits by the thresholds", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mp-launch-unit-"));
    const file = path.join(dir, "vote.yaml");
    writeFileSync(
      file,
      "name: vote\nmodule: 投票\nbaseUrl: http://127.0.0.1:9\nload: { vus: 1, durationSeconds: 5 }\nsteps:\n  - request: { method: GET, path: / }\n",
    );
    const calls: string[] = [];
    let poll = 0;
    const line = (sign: string, n: number) =>
      `summary ${sign} ${String(n).padStart(6)} in 00:00:01 = ${n}.0/s Avg: 5 Min: 1 Max: 9 Err: 0 (0.00%)`;
    const fetchImpl = (async (url: string | URL, init?: RequestInit) => {
      const u = new URL(String(url));
      const key = `${init?.method ?? "GET"} ${u.pathname}${u.search}`;
      calls.push(key);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
      if (key === "GET /api/modules") return json(200, { data: [] });
      if (key === "POST /api/modules") return json(201, { data: { id: "m1" } });
      if (key.startsWith("GET /api/scenarios?")) return json(200, { data: [] });
      if (key === "POST /api/scenarios") return json(201, { data: { id: "s1", version: 1 } });
      if (key === "POST /api/runs") return json(201, { data: { id: "r1", status: "queued" } });
      if (u.pathname === "/api/runs/r1/live") {
        poll++;
        const second = 1000 + poll * 2;
        return json(200, {
          data: {
            status: poll < 5 ? "running" : "completed",
            isFinal: poll >= 5,
            lastSecond: second,
            elapsedSeconds: poll * 2,
            summaryInterval: line("+", poll),
            summaryTotal: line("=", poll * 10),
          },
        });
      }
      if (key === "GET /api/runs/r1")
        return json(200, {
          data: {
            id: "r1",
            name: "vote",
            status: "completed",
            error: null,
            startedAt: "2026-12-06T00:00:00Z",
            finishedAt: "2026-12-06T00:00:10Z",
            thresholdResults: [
              { expression: "avgMs <= 1 (total)", scope: "total", target: "", metric: "avgMs", max: 1, actual: 5, ok: false },
            ],
          },
        });
      if (key === "GET /api/runs/r1/summary") return json(404, { error: "no summary" });
      return json(404, { error: `unexpected ${key}` });
    }) as typeof fetch;
    const a = { ...io(), fetch: fetchImpl };
    const junit = path.join(dir, "junit.xml");
    const code = await main(
      ["--server", "http://mp.test/", "--token", "t", file, "--var", "users=3", "--wait", "--interval", "4", "--junit", junit],
      a,
    );
    expect(code).toBe(EXIT.thresholdFailed);
    expect(calls.slice(0, 5)).toEqual([
      "GET /api/modules",
      "POST /api/modules",
      "GET /api/scenarios?moduleId=m1&q=vote&take=500",
      "POST /api/scenarios",
      "POST /api/runs",
    ]);
    // Polls at run seconds 1002…1010: a pair every 4 s of run time after the first poll.
    const streamed = a.lines.filter((l) => l.startsWith("summary "));
    expect(streamed).toEqual([line("+", 3), line("=", 30), line("+", 5), line("=", 50)]);
    expect(a.lines).toContain("  avgMs <= 1 (total) = 5: FAILED");
    expect(readFileSync(junit, "utf8")).toContain('failures="1"');
  });
});
