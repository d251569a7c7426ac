import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { E2E_BOOTSTRAP_TOKEN } from "./e2e-env";
import { startLocalTarget, uniqueName, type TLocalTarget } from "./helpers";

/**
 * `npx musterpoint launch … --wait` against the built app, as a CI job runs it: scenario files
 * created then updated on the server, one run, exit code from the thresholds, JUnit XML.
 */
const ROOT = path.resolve(import.meta.dirname, "..");

function launch(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.MUSTERPOINT_TOKEN;
    const child = spawn(process.execPath, [path.join(ROOT, "bin/musterpoint.mjs"), "launch", ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

function scenarioYaml(name: string, moduleName: string, target: string, avgMaxMs: number): string {
  return `name: ${name}
module: ${moduleName}
baseUrl: ${target}
load: { vus: 2, durationSeconds: 8 }
steps:
  - request: { method: GET, path: /slow }
thresholds:
  - { metric: errorPct, max: 1 }
  - { metric: avgMs, max: ${avgMaxMs} }
`;
}

test.describe("musterpoint launch", () => {
  test.describe.configure({ timeout: 120_000 });
  let target: TLocalTarget;
  test.beforeAll(async () => {
    target = await startLocalTarget(40);
  });
  test.afterAll(async () => {
    await target.close();
  });

  test("exit 0 when every threshold passes, 1 when one fails; JUnit XML is valid; files update scenarios by module and name", async ({
    baseURL,
    request,
  }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mp-launch-"));
    const moduleName = uniqueName("ci");
    const file = path.join(dir, "peak.yaml");
    const junit = path.join(dir, "junit.xml");
    const common = [
      "--server",
      baseURL!,
      "--token",
      E2E_BOOTSTRAP_TOKEN,
      "--wait",
      "--interval",
      "2",
      "--junit",
      junit,
      "--var",
      "unused=1",
    ];

    // Every response takes ≥ 40 ms: avg ≤ 5000 passes.
    writeFileSync(file, scenarioYaml("peak", moduleName, target.url, 5000));
    const pass = await launch([file, ...common]);
    expect(pass.code, pass.out + pass.err).toBe(0);
    expect(pass.out).toContain(`created scenario ${moduleName} / peak (version 1)`);
    // Streamed while the run goes (every 2 s of run time here), then the final line.
    expect(pass.out).toMatch(/^summary \+ +\d+ in /m);
    expect(pass.out.match(/^summary = +\d+ in /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(pass.out).toContain("Labels");
    expect(pass.out).toMatch(/avgMs <= 5000 \(total\) = [\d.]+: ok/);
    const passXml = readFileSync(junit, "utf8");
    expect(XMLValidator.validate(passXml)).toBe(true);
    const passDoc = new XMLParser({ ignoreAttributes: false }).parse(passXml);
    expect(passDoc.testsuites["@_tests"]).toBe("2");
    expect(passDoc.testsuites["@_failures"]).toBe("0");
    expect(passDoc.testsuites.testsuite.testcase.map((c: Record<string, string>) => c["@_name"])).toEqual([
      "errorPct <= 1 (total)",
      "avgMs <= 5000 (total)",
    ]);

    // The same file with avg ≤ 1 ms: the scenario is updated (not duplicated) and the run fails its threshold.
    writeFileSync(file, scenarioYaml("peak", moduleName, target.url, 1));
    const fail = await launch([file, ...common]);
    expect(fail.code, fail.out + fail.err).toBe(1);
    expect(fail.out).toContain(`updated scenario ${moduleName} / peak (version 2)`);
    expect(fail.out).toMatch(/avgMs <= 1 \(total\) = [\d.]+: FAILED/);
    const failXml = readFileSync(junit, "utf8");
    expect(XMLValidator.validate(failXml)).toBe(true);
    const failDoc = new XMLParser({ ignoreAttributes: false }).parse(failXml);
    expect(failDoc.testsuites["@_failures"]).toBe("1");
    const failed = failDoc.testsuites.testsuite.testcase.find((c: Record<string, unknown>) => c.failure);
    expect(failed["@_name"]).toBe("avgMs <= 1 (total)");
    expect(failed.failure["@_message"]).toMatch(/^measured [\d.]+$/);
    expect(Number(failed.failure["@_message"].slice("measured ".length))).toBeGreaterThanOrEqual(40);

    const scenarios = await request.get(`/api/scenarios?q=peak&take=500`, { headers: { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` } });
    expect((await scenarios.json()).data.filter((s: { moduleName: string }) => s.moduleName === moduleName)).toHaveLength(1);
  });

  test("exit 2 on bad input: no token, an invalid file, an unknown scenario id, a refused target", async ({ baseURL }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mp-launch-"));
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "name: x\nload: { vus: -1 }\n");
    expect((await launch(["--server", baseURL!, bad])).code).toBe(2);
    const invalid = await launch(["--server", baseURL!, "--token", E2E_BOOTSTRAP_TOKEN, bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain("invalid scenario");
    const unknown = await launch(["--server", baseURL!, "--token", E2E_BOOTSTRAP_TOKEN, "--scenario", "no-such-id"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/400/);
    const refused = path.join(dir, "refused.yaml");
    writeFileSync(
      refused,
      `name: refused\nmodule: ${uniqueName("ci")}\nbaseUrl: http://target.invalid\nload: { vus: 1, durationSeconds: 1 }\nsteps:\n  - request: { method: GET, path: / }\n`,
    );
    const refusal = await launch(["--server", baseURL!, "--token", E2E_BOOTSTRAP_TOKEN, refused]);
    expect(refusal.code, refusal.err).toBe(2);
    const wrongToken = await launch(["--server", baseURL!, "--token", "not-a-token", "--scenario", "x"]);
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.err).toMatch(/401/);
  });
});
