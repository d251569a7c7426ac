import { describe, expect, it } from "vitest";
import { compileTemplate, render, renderJson } from "./template";
import { queryJsonPath } from "./json-path";
import { DataSource, parseCsv } from "./csv-data";
import { allowLoopbackOnly, classifyError } from "./http";
import { checkBody, checkStatus, runExtractors } from "./checks";
import { TransactionSpan } from "./transactions";
import { evaluateThresholds } from "./thresholds";
import type { TRunSummary } from "./metrics/types";
import { onAbort, sleep } from "./clock";

describe("templating", () => {
  it("renders ${vars}, leaves unknown ones, and compiles static strings to constants", () => {
    const vars = new Map([
      ["vu", "3"],
      ["token", "abc"],
    ]);
    expect(render(compileTemplate("u${vu}-${token}-${nope}"), vars)).toBe("u3-abc-${nope}");
    expect(compileTemplate("/static")).toBe("/static");
    expect(renderJson({ user: "u${vu}", n: 1, list: ["${token}"] }, vars)).toEqual({ user: "u3", n: 1, list: ["abc"] });
  });
});

describe("json path", () => {
  const doc = { a: { b: [{ c: 1 }, { c: 2 }] }, "x y": 5, deep: { k: { token: "t" } } };
  it("reads fields, indexes, quoted names, wildcards and deep scans", () => {
    expect(queryJsonPath(doc, "$.a.b[1].c")).toBe(2);
    expect(queryJsonPath(doc, "$['x y']")).toBe(5);
    expect(queryJsonPath(doc, "$.a.b[*].c")).toBe(1);
    expect(queryJsonPath(doc, "$..token")).toBe("t");
    expect(queryJsonPath(doc, "$.missing.x")).toBeUndefined();
    expect(queryJsonPath(doc, "$")).toBe(doc);
  });
});

describe("CSV data", () => {
  it("parses quotes, escaped quotes and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n3,4')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["3", "4"],
    ]);
  });
  const rows = [{ n: "1" }, { n: "2" }, { n: "3" }];
  it("sequential wraps around", () => {
    const d = new DataSource(rows, "sequential");
    expect([1, 2, 3, 4].map(() => d.next()?.n)).toEqual(["1", "2", "3", "1"]);
  });
  it("unique hands out each row once, over all threads", () => {
    const a = new DataSource(rows, "unique", 0, 2);
    const b = new DataSource(rows, "unique", 1, 2);
    const got = [a.next(), a.next(), a.next(), b.next(), b.next()].map((r) => r?.n ?? null);
    expect(got).toEqual(["1", "3", null, "2", null]);
  });
  it("random picks rows with the given random source", () => {
    const d = new DataSource(rows, "random", 0, 1, () => 0.99);
    expect(d.next()?.n).toBe("3");
  });
});

describe("error kinds", () => {
  it("classifies transport errors", () => {
    const e = (code: string) => Object.assign(new Error("x"), { code });
    expect(classifyError(e("ECONNREFUSED")).kind).toBe("connection_refused");
    expect(classifyError(e("ECONNRESET")).kind).toBe("connection_reset");
    expect(classifyError(e("UND_ERR_SOCKET")).kind).toBe("connection_reset");
    expect(classifyError(e("UND_ERR_HEADERS_TIMEOUT")).kind).toBe("timeout");
    expect(classifyError(e("UND_ERR_CONNECT_TIMEOUT")).kind).toBe("timeout");
    expect(classifyError(e("ENOTFOUND")).kind).toBe("dns");
    expect(classifyError(e("EAI_AGAIN")).kind).toBe("dns");
    expect(classifyError(new Error("odd")).kind).toBe("other");
  });
  it("allows loopback only by default", () => {
    expect(allowLoopbackOnly("localhost", "127.0.0.1")).toBe(true);
    expect(allowLoopbackOnly("x", "127.10.0.3")).toBe(true);
    expect(allowLoopbackOnly("x", "::1")).toBe(true);
    expect(allowLoopbackOnly("x", "10.0.0.1")).toBe(false);
    expect(allowLoopbackOnly("x", "1.127.0.0")).toBe(false);
  });
});

describe("checks", () => {
  const res = { status: 200, headers: { "x-id": "42" }, body: '{"token":"abc","n":3}' };
  it("status: default < 400, or the expected list", () => {
    expect(checkStatus(399, undefined)).toBeNull();
    expect(checkStatus(404, undefined)?.kind).toBe("http_status");
    expect(checkStatus(404, { status: [200, 404] })).toBeNull();
    expect(checkStatus(200, { status: 201 })?.message).toMatch(/expected 201/);
  });
  it("extracts json, regex and header values; reports missing ones", () => {
    const vars = new Map<string, string>();
    expect(runExtractors(res, { t: { json: "$.token" }, n: { regex: '"n":(\\d+)' }, id: { header: "X-Id" } }, vars)).toBeNull();
    expect(Object.fromEntries(vars)).toEqual({ t: "abc", n: "3", id: "42" });
    expect(runExtractors(res, { z: { json: "$.zz" } }, vars)?.kind).toBe("extraction");
  });
  it("asserts body text and JSON paths", () => {
    const vars = new Map([["want", "abc"]]);
    expect(checkBody(res, { bodyContains: "token" }, vars)).toBeNull();
    expect(checkBody(res, { json: { "$.token": "${want}", "$.n": 3 } }, vars)).toBeNull();
    expect(checkBody(res, { json: { "$.n": 4 } }, vars)?.kind).toBe("assertion");
    expect(checkBody(res, { bodyNotContains: "abc" }, vars)?.kind).toBe("assertion");
  });
});

describe("transactions", () => {
  it("subtract rendezvous waits and fail with the first failing step", () => {
    const span = new TransactionSpan("t", 1000);
    span.addRendezvousWait(300);
    span.fail("a: HTTP 500");
    span.fail("b: later");
    expect(span.toSample(1500, "m")).toEqual({
      label: "t",
      module: "m",
      kind: "transaction",
      startMs: 1000,
      elapsedMs: 200,
      error: { kind: "transaction", message: "a: HTTP 500" },
    });
    expect(new TransactionSpan("ok", 0).toSample(10, "m").error).toBeUndefined();
  });
});

describe("thresholds", () => {
  it("pass and fail on total, label and module figures", () => {
    const row = {
      samples: 10,
      errors: 1,
      errorPct: 10,
      avgMs: 50,
      minMs: 1,
      maxMs: 90,
      p50Ms: 40,
      p90Ms: 80,
      p95Ms: 85,
      p99Ms: 90,
      ratePerSec: 5,
      summaryLine: "",
    };
    const summary: TRunSummary = {
      elapsedSeconds: 2,
      labels: [{ ...row, label: "login", module: "m", kind: "request", avgMs: 500 }],
      modules: [{ ...row, module: "m" }],
      total: row,
      rendezvous: [],
      errors: [],
    };
    const scenario = {
      name: "s",
      thresholds: [
        { metric: "errorPct" as const, max: 5 },
        { label: "login", metric: "avgMs" as const, max: 1000 },
        { label: "m", metric: "ratePerSec" as const, min: 1 },
        { label: "ghost", metric: "avgMs" as const, max: 1 },
      ],
    };
    const r = evaluateThresholds(scenario.thresholds, summary);
    expect(r.map((x) => x.ok)).toEqual([false, true, true, false]);
  });
});

describe("abort waiters (onAbort, sleep)", () => {
  it("wakes every waiter once on abort, never a cancelled one, and keeps the signal's own listener list at one", async () => {
    const controller = new AbortController();
    const woken: number[] = [];
    const cancels = Array.from({ length: 1000 }, (_, i) => onAbort(controller.signal, () => woken.push(i)));
    for (let i = 0; i < 1000; i += 2) cancels[i]!();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort();
    expect(await sleeping).toBe(false);
    expect(woken).toHaveLength(500);
    expect(woken.every((i) => i % 2 === 1)).toBe(true);
    expect(await sleep(1, new AbortController().signal)).toBe(true);
  });
});
