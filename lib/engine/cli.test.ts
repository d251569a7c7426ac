import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "./cli";
import { startTarget, type TTarget } from "./testing/target";

let target: TTarget;
let dir: string;
beforeAll(async () => {
  target = await startTarget({ keepLog: false });
  dir = mkdtempSync(path.join(tmpdir(), "mp-cli-"));
});
afterAll(async () => {
  await target.close();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text.replaceAll("TARGET", target.url));
  return file;
}

describe("musterpoint run", () => {
  it("exits 2 with the zod path and message on a bad scenario", async () => {
    const file = write("bad.yaml", "name: x\nbaseUrl: TARGET\nload: { vus: 0, iterations: 1 }\nsteps: [ { request: { path: /fast } } ]\n");
    const t = io();
    expect(await main(["run", file], t.io)).toBe(2);
    expect(t.err.join("\n")).toMatch(/load\.vus: .*(>=|too small|at least)/i);
  });

  it("refuses a target outside loopback before sending anything", async () => {
    const file = write("remote.yaml", "name: x\nbaseUrl: http://10.1.2.3:80\nload: { vus: 1, iterations: 1 }\nsteps: [ { request: { path: /fast } } ]\n");
    const t = io();
    expect(await main(["run", file], t.io)).toBe(2);
    expect(t.err.join("\n")).toMatch(/refusing target 10\.1\.2\.3.*loopback/);
  });

  it("runs two files as one run, prints summary lines and tables, writes --json, exits 1 on a failed threshold", async () => {
    const a = write("a.yaml", `
name: a
module: mod_a
baseUrl: TARGET
load: { vus: 2, iterations: 3 }
steps: [ { request: { name: fast, path: /fast } } ]
thresholds: [ { metric: errorPct, max: 1 } ]
`);
    const b = write("b.json", JSON.stringify({ name: "b", baseUrl: "TARGET", load: { vus: 1, iterations: 2 }, steps: [{ request: { name: "bad", path: "/status/500" } }] }).replaceAll("TARGET", target.url));
    const json = path.join(dir, "out.json");
    const t = io();
    const code = await main(["run", a, b, "--json", json, "--interval", "1", "--workers", "0"], t.io);
    const text = t.out.join("\n");
    expect(text).toMatch(/^summary = +8 in /m);
    expect(text).toMatch(/Labels/);
    expect(text).toMatch(/mod_a +summary = +6 in/);
    expect(text).toMatch(/bad +http_status +2 +HTTP 500/);
    const summary = JSON.parse(readFileSync(json, "utf8"));
    expect(summary.total).toMatchObject({ samples: 8, errors: 2, errorPct: 25 });
    expect(Object.keys(summary).sort()).toEqual(["elapsedSeconds", "errors", "labels", "modules", "rendezvous", "total"]);
    expect(code).toBe(1); // errorPct 25 > 1
  });
});
