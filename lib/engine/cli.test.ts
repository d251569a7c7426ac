import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, parseVars } from "./cli";
import { checkTargets, cliAllowTarget, parseAllowEntry, parseAllowTargets } from "./cli-targets";
import { runLoad } from "./run-load";
import { parseScenario, type TScenario } from "./scenario";
import { startTarget, type TTarget } from "./testing/target";

let target: TTarget;
let dir: string;
beforeAll(async () => {
  target = await startTarget();
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

  it("refuses a target outside loopback before sending anything, naming the flag", async () => {
    const file = write(
      "remote.yaml",
      "name: x\nbaseUrl: http://10.1.2.3:80\nload: { vus: 1, iterations: 1 }\nsteps: [ { request: { path: /fast } } ]\n",
    );
    const t = io();
    expect(await main(["run", file], t.io)).toBe(2);
    expect(t.err.join("\n")).toBe(
      "target 10.1.2.3:80 (10.1.2.3) is not allowed: the CLI sends load to loopback only; allow it with --allow <host|CIDR>[:port] or MUSTERPOINT_ALLOW_TARGETS",
    );
  });

  it("refuses a host name outside loopback, also inside a nested step, and when the allowed port differs", async () => {
    const file = write(
      "invalid.yaml",
      `
name: x
baseUrl: TARGET
load: { vus: 1, iterations: 1 }
steps:
  - request: { path: /fast }
  - if: { condition: "\${__status} == 200", then: [ { request: { path: "http://staging.example.invalid:8080/x" } } ] }
`,
    );
    const t = io();
    expect(await main(["run", file], t.io)).toBe(2);
    expect(t.err.join("\n")).toMatch(
      /^target staging\.example\.invalid:8080 \(not resolved\) is not allowed: the CLI sends load to loopback only; allow it with --allow/,
    );
    const u = io();
    expect(await main(["run", file, "--allow", "staging.example.invalid:9090"], u.io)).toBe(2);
    expect(u.err.join("\n")).toMatch(/^target staging\.example\.invalid:8080/);
  });

  it("runs two files as one run, prints summary lines and tables, writes --json, exits 1 on a failed threshold", async () => {
    const a = write(
      "a.yaml",
      `
name: a
module: mod_a
baseUrl: TARGET
load: { vus: 2, iterations: 3 }
steps: [ { request: { name: fast, path: /fast } } ]
thresholds: [ { metric: errorPct, max: 1 } ]
`,
    );
    const b = write(
      "b.json",
      JSON.stringify({
        name: "b",
        baseUrl: "TARGET",
        load: { vus: 1, iterations: 2 },
        steps: [{ request: { name: "bad", path: "/status/500" } }],
      }).replaceAll("TARGET", target.url),
    );
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

  it("exits 2 naming a missing launch parameter and --var", async () => {
    const file = write(
      "param.yaml",
      'name: x\nbaseUrl: TARGET\nload: { vus: 1, iterations: 1 }\nsteps: [ { request: { path: "/echo/${__P(user)}/${__P(id)}" } } ]\n',
    );
    const t = io();
    const before = target.log.length;
    expect(await main(["run", file, "--var", "id=1"], t.io)).toBe(2);
    expect(t.err.join("\n")).toBe("missing launch parameter user: the scenario uses ${__P(name)} without a default; give --var user=…");
    expect(target.log.length).toBe(before);
  });

  it("--var overrides a scenario variable used in a path, feeds __P, and __env reads the CLI's environment", async () => {
    const file = write(
      "vars.yaml",
      `
name: vars
baseUrl: TARGET
variables: { item: scenario-default }
load: { vus: 1, iterations: 2 }
steps:
  - request: { name: item, path: "/echo/\${item}/\${__P(user,nobody)}/\${__env(MP_CLI_TEST_ENV,unset)}" }
`,
    );
    process.env.MP_CLI_TEST_ENV = "from-env";
    const before = target.log.length;
    const t = io();
    try {
      expect(await main(["run", file, "--var", "item=from-var", "--var", "user=u=1", "--workers", "1"], t.io)).toBe(0);
    } finally {
      delete process.env.MP_CLI_TEST_ENV;
    }
    const urls = target.log.slice(before).map((l) => l.url);
    expect(urls).toEqual(["/echo/from-var/u=1/from-env", "/echo/from-var/u=1/from-env"]);
    expect(t.err).toEqual([]);
    const typo = io();
    expect(await main(["run", file, "--var", "itme=x", "--workers", "0"], typo.io)).toBe(0);
    expect(typo.err).toEqual(["warning: --var itme is not used: no scenario has a variable or ${__P(itme)} of that name"]);
  });

  it("runs the feature request's example unchanged, its templated baseUrl pointed at the target with --var", async () => {
    const file = write("shop.yaml", SHOP_YAML);
    target.shop.logins.clear();
    target.shop.logouts.clear();
    const t = io();
    // The example ramps up over 2 s: with 2 VUs the second starts at 1 s, so the run must last
    // longer than that for both to log in (with --duration 1 the second VU's start and stop fell
    // on the same instant and it ran or not by timer order).
    const code = await main(["run", file, "--var", `port=${target.port}`, "--vus", "2", "--duration", "2.5", "--workers", "0"], t.io);
    expect(t.err.filter((l) => !l.startsWith("note:"))).toEqual([]);
    expect(code).toBe(0);
    expect([...target.shop.logins.values()]).toEqual([1, 1]);
    expect([...target.shop.logouts.values()]).toEqual([1, 1]);
  });
});

describe("--var and --allow parsing", () => {
  it("parses name=value (the value may hold =) and refuses anything else", () => {
    expect(parseVars(["a=1", "host=127.0.0.1", "q=x=y", "empty="])).toEqual({ a: "1", host: "127.0.0.1", q: "x=y", empty: "" });
    expect(() => parseVars(["novalue"])).toThrow(/--var expects name=value.*"novalue"/);
    expect(() => parseVars(["=1"])).toThrow(/--var expects name=value/);
    expect(() => parseVars(["a b=1"])).toThrow(/--var expects name=value/);
  });

  it("parses hosts, wildcards, addresses, CIDRs, IPv6 and ports", () => {
    expect(parseAllowEntry("Staging.Example.com")).toEqual({ kind: "host", pattern: "staging.example.com" });
    expect(parseAllowEntry("*.example.com:8443")).toEqual({ kind: "host", pattern: "*.example.com", port: 8443 });
    expect(parseAllowEntry("10.0.0.0/8")).toEqual({ kind: "cidr", cidr: "10.0.0.0/8" });
    expect(parseAllowEntry("10.1.2.3:80")).toEqual({ kind: "cidr", cidr: "10.1.2.3", port: 80 });
    expect(parseAllowEntry("fd00::/8")).toEqual({ kind: "cidr", cidr: "fd00::/8" });
    expect(parseAllowEntry("[fd00::1]:443")).toEqual({ kind: "cidr", cidr: "fd00::1", port: 443 });
    expect(() => parseAllowEntry("10.0.0.0/33")).toThrow(/not a CIDR/);
    expect(() => parseAllowEntry("host:0")).toThrow(/port must be 1–65535/);
    expect(() => parseAllowEntry("host:http")).toThrow(/port must be 1–65535/);
    expect(() => parseAllowEntry("bad_host!")).toThrow(/expected a host/);
    expect(parseAllowTargets(["a.example"], " 10.0.0.0/8 , ,b.example:81")).toEqual([
      { kind: "host", pattern: "a.example" },
      { kind: "cidr", cidr: "10.0.0.0/8" },
      { kind: "host", pattern: "b.example", port: 81 },
    ]);
  });

  it("bad --allow and MUSTERPOINT_ALLOW_TARGETS entries stop with exit 2", async () => {
    const file = write("ok.yaml", "name: x\nbaseUrl: TARGET\nload: { vus: 1, iterations: 1 }\nsteps: [ { request: { path: /fast } } ]\n");
    const t = io();
    expect(await main(["run", file, "--allow", "10.0.0.0/99"], t.io)).toBe(2);
    expect(t.err.join("\n")).toMatch(/--allow 10\.0\.0\.0\/99: not a CIDR/);
    process.env.MUSTERPOINT_ALLOW_TARGETS = "ok.example,nope!";
    const u = io();
    try {
      expect(await main(["run", file], u.io)).toBe(2);
    } finally {
      delete process.env.MUSTERPOINT_ALLOW_TARGETS;
    }
    expect(u.err.join("\n")).toMatch(/--allow nope!: expected a host/);
  });

  it("matches host and port on every connection: loopback always, entries as written", () => {
    const allow = cliAllowTarget(
      parseAllowTargets(["api.example.invalid", "*.stage.invalid:8443", "10.0.0.0/8:80", "fd00::/8"], undefined),
    );
    expect(allow("localhost", "127.0.0.1", 1234)).toBe(true);
    expect(allow("x", "::1", 1)).toBe(true);
    expect(allow("api.example.invalid", "192.0.2.1", 9999)).toBe(true);
    expect(allow("other.example.invalid", "192.0.2.1", 80)).toMatch(/is not allowed: .*--allow/);
    expect(allow("a.stage.invalid", "192.0.2.1", 8443)).toBe(true);
    expect(allow("a.stage.invalid", "192.0.2.1", 443)).toMatch(/is not allowed: .*--allow/);
    expect(allow("stage.invalid", "192.0.2.1", 8443)).toMatch(/is not allowed: .*--allow/);
    expect(allow("any", "10.9.8.7", 80)).toBe(true);
    expect(allow("any", "::ffff:10.9.8.7", 80)).toBe(true);
    expect(allow("any", "10.9.8.7", 81)).toMatch(/is not allowed: .*--allow/);
    expect(allow("any", "11.0.0.1", 80)).toMatch(/is not allowed: .*--allow/);
    expect(allow("any", "fd12::5", 443)).toBe(true);
    expect(allow("any", "fe80::1", 443)).toMatch(/is not allowed: .*--allow/);
  });

  it("checkTargets resolves a templated baseUrl with variables and launch parameters before judging its host", async () => {
    const parsed = parseScenario(
      'name: t\nbaseUrl: http://${host}:${__P(port,80)}\nvariables: { host: 127.0.0.1 }\nload: { vus: 1, iterations: 1 }\nend: [ { request: { path: "http://${__P(other,127.0.0.1)}/x" } } ]\nsteps: [ { think: { seconds: 0 } } ]\n',
      "yaml",
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const s: TScenario = parsed.scenario;
    expect(await checkTargets([s], [])).toBeNull();
    expect(await checkTargets([s], [], { variables: { host: "10.1.2.3" } })).toMatch(
      /^target 10\.1\.2\.3:80 \(10\.1\.2\.3\) is not allowed/,
    );
    expect(
      await checkTargets([s], parseAllowTargets(["10.0.0.0/8:8080"], undefined), { variables: { host: "10.1.2.3", port: "8080" } }),
    ).toBeNull();
    expect(await checkTargets([s], [], { variables: { other: "10.0.0.1" } })).toMatch(/^target 10\.0\.0\.1:80 .*not allowed/);
    expect(await checkTargets([s], parseAllowTargets(["x.invalid"], undefined), { variables: { host: "x.invalid" } })).toBeNull();
  });
});

describe("connect-time check", () => {
  it.each([0, 1])("asks allowTarget with host, address and port of every connection (workers: %i)", async (workers) => {
    const parsed = parseScenario(
      `name: p\nbaseUrl: ${target.url}\nload: { vus: 2, iterations: 2 }\nsteps: [ { request: { path: /fast } } ]\n`,
      "yaml",
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const asked: string[] = [];
    const result = await runLoad({
      scenarios: [parsed.scenario],
      workers,
      allowTarget: (host, address, port) => {
        asked.push(`${host} ${address} ${port}`);
        return port !== target.port; // refuse exactly the target's port: every request fails
      },
    }).done;
    expect(new Set(asked)).toEqual(new Set([`127.0.0.1 127.0.0.1 ${target.port}`]));
    expect(result.summary.total).toMatchObject({ samples: 4, errors: 4 });
  });
});

// The example of the feature request, unchanged.
const SHOP_YAML = readFileSync(path.join(import.meta.dirname, "examples", "shop.yaml"), "utf8");
