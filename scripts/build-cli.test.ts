// The CLI as a fresh clone runs it: bin/musterpoint.mjs builds dist/cli/ on its first start, then
// runs the built JavaScript — the engine's threads included — where tsx cannot be loaded at all;
// a changed source is rebuilt before anything runs. In a copy of the project whose node_modules
// holds every package but tsx, so the real tree's build is left alone.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStatus, CLI } from "./build-cli.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");

let sandbox: string;
let server: http.Server;
let requests = 0;

/** Not spawnSync: the target below answers from this process's event loop. */
function musterpoint(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [path.join(sandbox, "bin", "musterpoint.mjs"), ...args], {
    cwd: sandbox,
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

beforeAll(async () => {
  sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "musterpoint-build-cli-"));
  for (const part of ["bin", "scripts/build-cli.mjs", "tsconfig.json", "package.json"])
    fs.cpSync(path.join(ROOT, part), path.join(sandbox, part), { recursive: true });
  // The sources a clone has: no generated Prisma client, no build.
  fs.cpSync(path.join(ROOT, "lib"), path.join(sandbox, "lib"), {
    recursive: true,
    filter: (src) => !/[/\\](generated|fixtures)$/.test(src),
  });
  fs.mkdirSync(path.join(sandbox, "node_modules"));
  for (const name of fs.readdirSync(path.join(ROOT, "node_modules"))) {
    if (name === "tsx" || name === ".bin") continue;
    fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(sandbox, "node_modules", name));
  }
  server = http.createServer((req, res) => {
    requests++;
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (sandbox) fs.rmSync(sandbox, { recursive: true, force: true });
});

describe("the built CLI", () => {
  it("cannot load tsx in the copy (else the next tests would prove nothing)", () => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", 'await import("tsx/esm/api")'], {
      cwd: path.join(sandbox, "lib", "engine"),
      encoding: "utf8",
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Cannot find package 'tsx'/);
  });

  it("is built on the first start, then runs as built: help, and a run on two engine threads", { timeout: 120_000 }, async () => {
    expect(buildStatus(CLI, { root: sandbox })).toBe("missing");
    const first = await musterpoint("launch", "--help");
    expect(first.err).toContain("building cli (no build yet)");
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("usage: musterpoint launch");
    expect(buildStatus(CLI, { root: sandbox })).toBe("fresh");

    const again = await musterpoint("--help");
    expect(again.err).not.toContain("building");
    expect(again.err).toContain("usage: musterpoint run");

    // From source, a thread loads shard-worker.ts through tsx; here that would fail and the run
    // would count nothing.
    const { port } = server.address() as AddressInfo;
    const scenario = path.join(sandbox, "scenario.json");
    const summary = path.join(sandbox, "summary.json");
    const definition = {
      name: "built",
      baseUrl: `http://127.0.0.1:${port}`,
      load: { vus: 2, durationSeconds: 1 },
      steps: [{ request: { method: "GET", path: "/" } }, { think: { seconds: 0.05 } }],
    };
    fs.writeFileSync(scenario, JSON.stringify(definition));
    const before = requests;
    const run = await musterpoint("run", scenario, "--workers", "2", "--json", summary);
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.err).not.toContain("building");
    const total = (JSON.parse(fs.readFileSync(summary, "utf8")) as { total: { samples: number; errors: number } }).total;
    expect(total.samples).toBeGreaterThan(0);
    expect(total.errors).toBe(0);
    expect(requests - before).toBe(total.samples);
  });

  it("is rebuilt before it runs when a source changed", { timeout: 120_000 }, async () => {
    const currentDir = () => (JSON.parse(fs.readFileSync(path.join(sandbox, CLI.outDir, "current.json"), "utf8")) as { dir: string }).dir;
    const before = currentDir();
    const file = path.join(sandbox, "lib", "launch", "launch-cli.ts");
    const source = fs.readFileSync(file, "utf8");
    expect(source).toContain("usage: musterpoint launch");
    fs.writeFileSync(file, source.replace("usage: musterpoint launch", "usage (changed): musterpoint launch"));
    expect(buildStatus(CLI, { root: sandbox })).toEqual({ stale: "lib/launch/launch-cli.ts changed" });

    const r = await musterpoint("launch", "--help");
    expect(r.err).toContain("building cli (lib/launch/launch-cli.ts changed)");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("usage (changed): musterpoint launch");
    expect(buildStatus(CLI, { root: sandbox })).toBe("fresh");
    // A new folder; the earlier one stays for programs still running from it.
    expect(currentDir()).not.toBe(before);
    expect(fs.existsSync(path.join(sandbox, CLI.outDir, before, "shard-worker.mjs"))).toBe(true);

    // A source the build read is gone: stale too (an import moved elsewhere is rebuilt, not run).
    fs.rmSync(path.join(sandbox, "lib", "launch", "junit-xml.ts"));
    expect(buildStatus(CLI, { root: sandbox })).toEqual({ stale: "lib/launch/junit-xml.ts is gone" });
  });
});
