import { describe, expect, it } from "vitest";
import { parseScenario, walkSteps, type TScenario } from "../engine/scenario";
import { checkScenarioTargets, checkScenarioTargetsResolved } from "./check-scenario-targets";
import { scenarioTargetUrls, walkRawSteps } from "./scenario-target-urls";
import { DEFAULT_TARGET_ALLOW_LIST } from "./target-allow-list";

const FAR = "http://far.example.invalid";
const req = (path: string) => ({ request: { path } });

/** One refused absolute URL in every kind of container, and a loopback one beside it. */
const nested = {
  name: "nested",
  baseUrl: "http://127.0.0.1:8080",
  init: [req(`${FAR}/init`)],
  steps: [
    req("/ok"),
    { loop: { count: 2, steps: [req(`${FAR}/loop`)] } },
    { forEach: { list: "ids", as: "id", steps: [req(`${FAR}/each`)] } },
    { if: { condition: "${__status} == 200", then: [req(`${FAR}/then`)], else: [req(`${FAR}/else`)] } },
    {
      choose: [
        { weight: 1, steps: [req("http://127.0.0.1:9/ok")] },
        { weight: 2, steps: [{ transaction: { name: "t", steps: [req(`${FAR}/choose`)] } }] },
      ],
    },
  ],
  end: [req(`${FAR}/end`)],
};

describe("target checks walk every step list", () => {
  it("refuses an outside host in init, end, loop, forEach, if/else and choose branches, by path", () => {
    const result = checkScenarioTargets(nested, DEFAULT_TARGET_ALLOW_LIST);
    expect(result.ok).toBe(false);
    expect(result.refused.map((r) => r.path).sort()).toEqual(
      [
        "init.0.request.path",
        "steps.1.loop.steps.0.request.path",
        "steps.2.forEach.steps.0.request.path",
        "steps.3.if.then.0.request.path",
        "steps.3.if.else.0.request.path",
        "steps.4.choose.1.steps.0.transaction.steps.0.request.path",
        "end.0.request.path",
      ].sort(),
    );
    expect(result.refused.every((r) => r.host === "far.example.invalid")).toBe(true);
  });

  it("visits the same request paths as the engine's walkSteps on a parsed scenario", () => {
    const parsed = parseScenario(JSON.stringify({ ...nested, load: { vus: 1, iterations: 1 } }), "json");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const engine: string[] = [];
    walkSteps(parsed.scenario, (step, path) => {
      if ("request" in step) engine.push(path);
    });
    const ours: string[] = [];
    walkRawSteps(parsed.scenario as TScenario & { init?: unknown[]; end?: unknown[] }, (step, path) => {
      if ("request" in step) ours.push(path);
    });
    expect(ours).toEqual(engine);
    expect(ours.length).toBe(9);
  });

  it("does not crash on malformed containers", () => {
    const odd = {
      name: "x",
      baseUrl: "http://127.0.0.1",
      steps: [{ loop: "no" }, { if: { then: 3 } }, { choose: [null, { steps: "x" }] }, null, 7],
    };
    expect(checkScenarioTargets(odd as never, DEFAULT_TARGET_ALLOW_LIST).ok).toBe(true);
  });
});

describe("templated baseUrl", () => {
  const templated = (variables: Record<string, string> | undefined, baseUrl = "http://${host}:${port}") => ({
    name: "shop",
    baseUrl,
    ...(variables ? { variables } : {}),
    steps: [req("/me")],
  });

  it("is checked with the scenario variables' values", () => {
    expect(checkScenarioTargets(templated({ host: "127.0.0.1", port: "18080" }), DEFAULT_TARGET_ALLOW_LIST)).toMatchObject({
      ok: true,
      unchecked: [],
    });
    const far = checkScenarioTargets(templated({ host: "shop.example.invalid", port: "80" }), DEFAULT_TARGET_ALLOW_LIST);
    expect(far.ok).toBe(false);
    expect(far.refused[0]).toMatchObject({ path: "baseUrl", host: "shop.example.invalid", port: 80 });
    expect(far.message).toContain("shop.example.invalid");
  });

  it("launch parameters replace the variables' defaults", () => {
    const s = templated({ host: "127.0.0.1", port: "18080" });
    const result = checkScenarioTargets(s, DEFAULT_TARGET_ALLOW_LIST, { params: { host: "staging.example.invalid" }, atLaunch: true });
    expect(result.ok).toBe(false);
    expect(result.refused[0]!.host).toBe("staging.example.invalid");
    expect(scenarioTargetUrls(s, { params: { port: 9 } })[0]!.url).toBe("http://127.0.0.1:9");
  });

  it("a host with no value: unchecked when saving, a clear refusal at launch", () => {
    const s = templated({ port: "80" });
    const saved = checkScenarioTargets(s, DEFAULT_TARGET_ALLOW_LIST);
    expect(saved.ok).toBe(true);
    expect(saved.unchecked).toEqual(["http://${host}:${port}"]);
    const launched = checkScenarioTargets(s, DEFAULT_TARGET_ALLOW_LIST, { atLaunch: true });
    expect(launched.ok).toBe(false);
    expect(launched.refused[0]!.path).toBe("baseUrl");
    expect(launched.message).toMatch(/has no host: host has no value/);
    expect(launched.message).toContain("launch parameter");
    expect(checkScenarioTargets(s, DEFAULT_TARGET_ALLOW_LIST, { atLaunch: true, params: { host: "localhost" } }).ok).toBe(true);
  });

  it("resolving names at run time uses the resolved host and never looks up a template", async () => {
    const asked: string[] = [];
    const lookup = async (host: string) => {
      asked.push(host);
      return ["127.0.0.1"];
    };
    const ok = await checkScenarioTargetsResolved(templated({ host: "localhost", port: "1" }), DEFAULT_TARGET_ALLOW_LIST, lookup, {
      atLaunch: true,
    });
    expect(ok.ok).toBe(true);
    expect(asked).toEqual(["localhost"]);
    const none = await checkScenarioTargetsResolved(templated(undefined), DEFAULT_TARGET_ALLOW_LIST, lookup, { atLaunch: true });
    expect(none.ok).toBe(false);
    expect(asked).toEqual(["localhost"]);
  });

  it("a value that makes no URL is refused with both forms", () => {
    const result = checkScenarioTargets(templated({ host: "a b", port: "x" }), DEFAULT_TARGET_ALLOW_LIST);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("http://${host}:${port} (http://a b:x)");
  });
});

describe("functions in a templated baseUrl", () => {
  const withBase = (baseUrl: string) => ({ name: "fn", baseUrl, steps: [req("/x")] });

  it("__P: the launch value, else its default; __env: the exposed value, else its default", () => {
    expect(scenarioTargetUrls(withBase("http://${__P(host,127.0.0.1)}:81"))[0]!.url).toBe("http://127.0.0.1:81");
    expect(scenarioTargetUrls(withBase("http://${__P(host,127.0.0.1)}:81"), { params: { host: "far.example.invalid" } })[0]!.url).toBe(
      "http://far.example.invalid:81",
    );
    expect(scenarioTargetUrls(withBase("http://${__env(TARGET_HOST,localhost)}"))[0]!.url).toBe("http://localhost");
    expect(
      scenarioTargetUrls(withBase("http://${__env(TARGET_HOST,localhost)}"), { env: { TARGET_HOST: "far.example.invalid" } })[0]!.url,
    ).toBe("http://far.example.invalid");
    const refused = checkScenarioTargets(withBase("http://${__env(TARGET_HOST,localhost)}"), DEFAULT_TARGET_ALLOW_LIST, {
      env: { TARGET_HOST: "far.example.invalid" },
      atLaunch: true,
    });
    expect(refused.ok).toBe(false);
    expect(refused.refused[0]!.host).toBe("far.example.invalid");
  });

  it("a required __P host with no launch value renders empty: refused at launch with the URL named", () => {
    const result = checkScenarioTargets(withBase("http://${__P(host)}:8080"), DEFAULT_TARGET_ALLOW_LIST, { atLaunch: true });
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      "The base URL http://${__P(host)}:8080 has no host: __P(host) has no value. Give it a default in the scenario's variables or a launch parameter (variables).",
    );
    expect(checkScenarioTargets(withBase("http://${__P(host)}:8080"), DEFAULT_TARGET_ALLOW_LIST).unchecked).toEqual([
      "http://${__P(host)}:8080",
    ]);
  });

  it("a whole-URL variable: checked with its value, 'has no host' without one", () => {
    const s = { ...withBase("${base}"), variables: { base: "http://far.example.invalid/api" } };
    expect(checkScenarioTargets(s, DEFAULT_TARGET_ALLOW_LIST).refused[0]!.host).toBe("far.example.invalid");
    const none = checkScenarioTargets(withBase("${base}"), DEFAULT_TARGET_ALLOW_LIST, { atLaunch: true });
    expect(none.message).toMatch(/^The base URL \$\{base\} has no host: base has no value/);
  });
});
