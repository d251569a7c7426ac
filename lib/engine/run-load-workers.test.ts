import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "./run-load";
import { parseScenario, type TScenario } from "./scenario";
import { startTarget, type TTarget } from "./testing/target";

let target: TTarget;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
});

function scenario(yaml: string): TScenario {
  const r = parseScenario(yaml.replaceAll("TARGET", target.url), "yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe("runLoad over worker threads", () => {
  it("spreads VUs over two threads with one rendezvous point shared by two scenarios", async () => {
    const make = (name: string) =>
      scenario(`
name: ${name}
module: mod_${name}
baseUrl: TARGET
load: { vus: 3, iterations: 2 }
steps:
  - rendezvous: { name: together, policy: { allVusersPercent: 100 }, timeoutSeconds: 20 }
  - request: { name: ${name}_fast, path: /fast }
`);
    const seconds: number[] = [];
    const result = await runLoad({ scenarios: [make("a"), make("b")], workers: 2, onSecond: (s) => seconds.push(s.second) }).done;
    const s = result.summary;
    expect(s.modules.map((m) => [m.module, m.samples])).toEqual([
      ["mod_a", 6],
      ["mod_b", 6],
    ]);
    const releases = s.rendezvous.find((p) => p.name === "together")!.releases;
    // 6 VUs (both scenarios, both threads) gather twice
    expect(releases.map((r) => [r.released, r.reason])).toEqual([
      [6, "policy"],
      [6, "policy"],
    ]);
    expect(releases.every((r) => r.skewMs !== null && r.skewMs >= 0 && r.skewMs < 1000)).toBe(true);
    expect(new Set(seconds).size).toBe(seconds.length);
  }, 30_000);

  it("a thread that fails to load is an error event of the run, not a silent 0 samples", async () => {
    const run = runLoad({
      scenarios: [
        scenario(`
name: broken
module: m
baseUrl: TARGET
load: { vus: 2, iterations: 1 }
steps:
  - request: { name: r, path: /fast }
`),
      ],
      workers: 2,
      threadModuleForTests: { url: new URL("./no-such-thread-module.mjs", import.meta.url), workerData: {} },
    });
    const result = await run.done;
    const failed = result.runEvents.filter((e) => e.code === "engine_thread_failed");
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ level: "error", details: { thread: expect.any(Number) } });
    expect(result.summary.total.samples).toBe(0);
  });
});
