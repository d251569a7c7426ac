/**
 * Request features against the local target: the duration assertion (expect.maxMs), extractor
 * default and match numbers, multipart bodies (bytes as the target received them, parsed by
 * busboy), and several CSV data sets.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import busboy from "busboy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDataFile, runLoad } from "./run-load";
import { setUpTargetRuns } from "./testing/target-runs";

const runs = setUpTargetRuns();
const { scenario, run, paths } = runs;

describe("expect.maxMs", () => {
  it("fails a slower sample as an assertion, with both numbers", async () => {
    const s = await run(`
name: d
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { name: slow, path: /delay/120, expect: { maxMs: 60 } }
  - request: { name: quick, path: /fast, expect: { maxMs: 1000 } }
`);
    expect(s.labels.find((l) => l.label === "quick")?.errors).toBe(0);
    const e = s.errors.find((x) => x.label === "slow")!;
    expect(e.kind).toBe("assertion");
    const took = /^took (\d+\.\d) ms, more than maxMs 60$/.exec(e.examples[0] ?? "");
    expect(Number(took?.[1])).toBeGreaterThanOrEqual(119.5);
  });
});

describe("extractors", () => {
  it("default when nothing matches (no error); match N, 0 (random) and -1 (all, stale entries removed)", async () => {
    const s = await run(`
name: x
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request:
      name: first
      path: /json
      extract:
        missing: { json: "$.nope", default: "dflt" }
        second: { json: "$.items[*].name", match: 2 }
        third: { regex: "\\"id\\":(\\\\d+)", match: 3, default: "none" }
        any: { json: "$.items[*].id", match: 0 }
        all: { regex: "\\"(\\\\w+)\\":", match: -1, default: "D" }
  - request: { path: "/fast?m=\${missing}&s=\${second}&t=\${third}&a=\${any}&all=\${all}&n=\${all_matchNr}&1=\${all_1}&6=\${all_6}" }
  - request: { name: fewer, path: /status/200, extract: { all: { regex: "(status)", match: -1 } } }
  - request: { path: "/fast?n=\${all_matchNr}&1=\${all_1}&2=\${all_2}" }
`);
    expect(s.total.errors).toBe(0);
    const q = Object.fromEntries(new URL(paths()[1]!, "http://x").searchParams);
    expect(q).toMatchObject({ m: "dflt", s: "b", t: "none", all: "D", n: "6", "1": "ok", "6": "name" });
    expect(["7", "8"]).toContain(q.a);
    // a shorter list replaces the longer one: all_2 … all_6 are gone (rendered as written)
    expect(paths()[3]).toBe("/fast?n=1&1=status&2=${all_2}");
  });

  it("without a default, nothing matching is an extraction error", async () => {
    const s = await run(`
name: x
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps: [ { request: { name: e, path: /json, extract: { v: { json: "$.items[*].id", match: 5 } } } } ]
`);
    expect(s.errors.find((x) => x.label === "e")?.kind).toBe("extraction");
  });
});

describe("multipart", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mp-multipart-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sends fields and files byte for byte; a file path is relative to the scenario file", async () => {
    const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256)); // every byte value, CR/LF and NUL included
    writeFileSync(path.join(dir, "upload.bin"), bytes);
    const s = resolveDataFile(
      scenario(`
name: m
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - loop:
      count: 1
      steps:
        - request:
            name: up
            method: POST
            path: /echo
            multipart:
              fields: { title: "vu \${vu}", n: 3 }
              files:
                - { field: blob, file: upload.bin, contentType: application/octet-stream }
                - { field: note, filename: "n\${vu}.txt", contentType: text/plain, content: "héllo \${vu}" }
`),
      path.join(dir, "scenario.yaml"),
    );
    const summary = await run(s);
    expect(summary.total.errors).toBe(0);
    expect(runs.target.bodies).toHaveLength(1);
    const parsed = await parseMultipart(runs.target.log[0]!.headers["content-type"]!, runs.target.bodies[0]!);
    expect(parsed.fields).toEqual({ title: "vu 1", n: "3" });
    expect(parsed.files.blob).toMatchObject({ filename: "upload.bin", mimeType: "application/octet-stream" });
    expect(parsed.files.blob!.data.equals(bytes)).toBe(true);
    expect(parsed.files.note).toMatchObject({ filename: "n1.txt", mimeType: "text/plain" });
    expect(parsed.files.note!.data.toString("utf8")).toBe("héllo 1");
  });
});

describe("multipart files", () => {
  it("refuses to start when a file is missing", async () => {
    const s = scenario(`
name: m
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps: [ { request: { method: POST, path: /echo, multipart: { files: [ { field: f, file: /nonexistent/upload.bin } ] } } } ]
`);
    await expect(runLoad({ scenarios: [s], workers: 0 }).done).rejects.toThrow(
      /scenario "m": steps\.0: multipart file "\/nonexistent\/upload\.bin" not found/,
    );
    expect(paths()).toEqual([]);
  });
});

function parseMultipart(
  contentType: string,
  body: Buffer,
): Promise<{ fields: Record<string, string>; files: Record<string, { filename: string; mimeType: string; data: Buffer }> }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: Record<string, { filename: string; mimeType: string; data: Buffer }> = {};
    const bb = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8" });
    bb.on("field", (name, value) => (fields[name] = value));
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => (files[name] = { filename: info.filename ?? "", mimeType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    bb.on("close", () => resolve({ fields, files }));
    bb.on("error", reject);
    bb.end(body);
  });
}

describe("several data sets", () => {
  it("each set has its own rows and mode; all columns become variables; a unique set that runs out stops the VU", async () => {
    await run(`
name: ds
baseUrl: TARGET
load: { vus: 1, iterations: 5 }
data:
  - { csv: "user,pass\\nann,a1\\nbob,b2\\n", mode: sequential }
  - { csv: "sku\\nX\\nY\\nZ\\n", mode: unique }
  - { csv: "1;2\\n", delimiter: ";", columns: [p, q] }
steps: [ { request: { path: "/fast?u=\${user}&pw=\${pass}&sku=\${sku}&p=\${p}\${q}" } } ]
`);
    expect(paths()).toEqual(["/fast?u=ann&pw=a1&sku=X&p=12", "/fast?u=bob&pw=b2&sku=Y&p=12", "/fast?u=ann&pw=a1&sku=Z&p=12"]);
  });

  it("init sees the first iteration's row", async () => {
    await run(`
name: ds
baseUrl: TARGET
load: { vus: 1, iterations: 2 }
data: { csv: "user\\nann\\nbob\\n" }
init: [ { request: { path: "/fast?login=\${user}" } } ]
steps: [ { request: { path: "/fast?u=\${user}" } } ]
`);
    expect(paths()).toEqual(["/fast?login=ann", "/fast?u=ann", "/fast?u=bob"]);
  });
});
